import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { aggregateCells, type RawCell } from '../queries/results.query';
import { cellKey, suppressedCells } from '../queries/suppression.query';

/** The aggregate cells of one published consultation, with their suppression decided once. */
export interface PublishedCells {
  /** Every raw cell, at every level. */
  cells: RawCell[];
  /** The cells of each question. */
  byQuestion: Map<string, RawCell[]>;
  /** Whether a cell's figures are withheld (below the threshold, or readable by difference). */
  isSuppressed(cell: RawCell): boolean;
}

function published(cells: RawCell[]): PublishedCells {
  const suppressed = suppressedCells(cells);
  const byQuestion = new Map<string, RawCell[]>();
  for (const cell of cells) {
    const list = byQuestion.get(cell.questionId);
    if (list) list.push(cell);
    else byQuestion.set(cell.questionId, [cell]);
  }
  return { cells, byQuestion, isSuppressed: (cell) => suppressed.has(cellKey(cell)) };
}

/**
 * Published results never change: a consultation reaches RESULTS_PUBLISHED only after CLOSED, and nothing
 * about its questions or responses can change from CLOSED on. So the cells of a published consultation are
 * computed once per process, with their suppression, and kept (the most recent `MAX_CACHED` consultations),
 * which keeps results and the needs map fast however many responses they sum.
 */
const MAX_CACHED = 500;
const publishedCells = new Map<string, PublishedCells>();

function remember(id: string, cells: PublishedCells): void {
  publishedCells.delete(id);
  publishedCells.set(id, cells);
  if (publishedCells.size > MAX_CACHED) publishedCells.delete(publishedCells.keys().next().value!);
}

/**
 * Every raw aggregate cell of each consultation, for RESULTS_PUBLISHED consultations only (callers check):
 * one statement per batch of consultations not yet cached.
 */
export function resultCellsLoader(em: EntityManager) {
  return new DataLoader<string, PublishedCells>(async (ids) => {
    const missing = ids.filter((id) => !publishedCells.has(id));
    if (missing.length) {
      const cells = await aggregateCells(em, missing);
      for (const id of missing) remember(id, published(cells.filter((cell) => cell.consultationId === id)));
    }
    return ids.map((id) => publishedCells.get(id)!);
  });
}
