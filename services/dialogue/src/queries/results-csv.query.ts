import { BreakdownLevel } from '../entities/enums';
import type { ConsultationResults, ResultCell, TerritoryResultCell } from '../entities/results.type';

export const RESULTS_CSV_COLUMNS = [
  'question_position',
  'question_kind',
  'question_prompt',
  'level',
  'region',
  'option',
  'count',
  'answer_count',
  'mean',
  'suppressed',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; text a spreadsheet would run as
 * a formula (= + - @ tab, carriage return) gets a leading apostrophe first.
 */
function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Published results as CSV: one row per question × territory (overall, then each level) × option; a cell without
 * a distribution (NUMBER, FREE_TEXT) or suppressed gives one row with `option` and `count` empty, and a
 * suppressed one `suppressed` = true with every figure empty. Lines end with CRLF.
 */
export function resultsCsv(results: ConsultationResults): string {
  const rows: string[][] = [[...RESULTS_CSV_COLUMNS]];
  for (const result of results.questions) {
    const question = result.question!;
    const cells: Array<[string, string, ResultCell]> = [
      ['OVERALL', '', result.overall],
      ...Object.values(BreakdownLevel).flatMap((level) =>
        result.cells[level].map(
          (cell: TerritoryResultCell) => [level, cell.region.code, cell] as [string, string, ResultCell],
        ),
      ),
    ];
    for (const [level, region, cell] of cells) {
      const base = [question.position, question.kind, question.prompt, level, region];
      const tail = (option: string | null, count: number | null) =>
        [...base, option, count, cell.answerCount, cell.mean, cell.suppressed].map(field);
      if (cell.suppressed || !cell.distribution) rows.push(tail(null, null));
      else for (const { option, count } of cell.distribution) rows.push(tail(option, count));
    }
  }
  return rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
}
