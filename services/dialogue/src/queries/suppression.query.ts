import { MIN_CELL_SIZE } from '../entities/results.type';
import type { RawCell } from './results.query';

function cellKey(cell: Pick<RawCell, 'questionId' | 'codeLength' | 'area'>): string {
  return `${cell.questionId}|${cell.codeLength}|${cell.area}`;
}

/**
 * The cells whose figures must be withheld, by `questionId|codeLength|area`.
 *
 * - Primary: a cell of fewer than `MIN_CELL_SIZE` answers.
 * - Secondary (no differencing): for every shown cell and every finer level, the answers of its shown
 *   sub-cells are subtracted from its own; when 1 or 2 answers remain, they could be read by difference, so the
 *   smallest shown sub-cell is withheld too, until the remainder is 0 or at least `MIN_CELL_SIZE`.
 *
 * Sub-cells are indexed once by (parent area, finer length), so the work grows with the number of cells times
 * the number of levels, not with its square.
 */
export function suppressedCells(cells: readonly RawCell[]): Set<string> {
  const suppressed = new Set<string>();
  for (const cell of cells) if (cell.answerCount < MIN_CELL_SIZE) suppressed.add(cellKey(cell));
  const byQuestion = new Map<string, RawCell[]>();
  for (const cell of cells) {
    const group = byQuestion.get(cell.questionId);
    if (group) group.push(cell);
    else byQuestion.set(cell.questionId, [cell]);
  }
  for (const group of byQuestion.values()) {
    const lengths = [...new Set(group.map((cell) => cell.codeLength))].sort((a, b) => a - b);
    /** `${parentLength}|${parentArea}|${finerLength}` → the sub-cells of that length within that area. */
    const within = new Map<string, RawCell[]>();
    for (const cell of group)
      for (const parentLength of lengths) {
        if (parentLength >= cell.codeLength) break;
        const key = `${parentLength}|${cell.area.slice(0, parentLength)}|${cell.codeLength}`;
        const list = within.get(key);
        if (list) list.push(cell);
        else within.set(key, [cell]);
      }
    let changed = true;
    while (changed) {
      changed = false;
      for (const parent of group) {
        if (suppressed.has(cellKey(parent))) continue;
        for (const length of lengths) {
          if (length <= parent.codeLength) continue;
          const shown = (within.get(`${parent.codeLength}|${parent.area}|${length}`) ?? [])
            .filter((c) => !suppressed.has(cellKey(c)))
            .sort((a, b) => a.answerCount - b.answerCount);
          let remainder = parent.answerCount - shown.reduce((sum, c) => sum + c.answerCount, 0);
          while (remainder > 0 && remainder < MIN_CELL_SIZE && shown.length > 0) {
            const smallest = shown.shift()!;
            suppressed.add(cellKey(smallest));
            remainder += smallest.answerCount;
            changed = true;
          }
        }
      }
    }
  }
  return suppressed;
}

export { cellKey };
