import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { aggregateCells, type RawCell } from '../queries/results.query';

/**
 * Published results never change: a consultation reaches RESULTS_PUBLISHED only after CLOSED, and nothing
 * about its questions or responses can change from CLOSED on. So the cells of a published consultation are
 * computed once per process and kept (the most recent `MAX_CACHED` consultations), which keeps results and the
 * needs map fast however many responses they sum.
 */
const MAX_CACHED = 500;
const publishedCells = new Map<string, RawCell[]>();

function remember(id: string, cells: RawCell[]): void {
  publishedCells.delete(id);
  publishedCells.set(id, cells);
  if (publishedCells.size > MAX_CACHED) publishedCells.delete(publishedCells.keys().next().value!);
}

/**
 * Every raw aggregate cell of each consultation, for RESULTS_PUBLISHED consultations only (callers check):
 * one statement per batch of consultations not yet cached.
 */
export function resultCellsLoader(em: EntityManager) {
  return new DataLoader<string, RawCell[]>(async (ids) => {
    const missing = ids.filter((id) => !publishedCells.has(id));
    if (missing.length) {
      const cells = await aggregateCells(em, missing);
      for (const id of missing)
        remember(
          id,
          cells.filter((cell) => cell.consultationId === id),
        );
    }
    return ids.map((id) => publishedCells.get(id)!);
  });
}
