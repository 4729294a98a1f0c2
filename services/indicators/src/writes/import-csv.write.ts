import { parse } from 'csv-parse/sync';

/** One record of a delimited file, its cells trimmed, with the (1-based) line of the file it starts on. */
export interface DelimitedRecord {
  record: string[];
  line: number;
}

/** Cells of one record written with quotes (rare in statistical extracts): csv-parse reads them exactly. */
function parseQuoted(text: string, delimiter: string, line: number): string[] {
  try {
    const records = parse(text, { delimiter, relax_column_count: true, trim: true }) as string[][];
    return records[0] ?? [''];
  } catch (error) {
    // csv-parse numbers lines within the text it was given: name the file's line instead.
    throw new Error(`Line ${line} of the file: ${(error as Error).message}`, { cause: error });
  }
}

/** Whether `text[from, to)` holds an odd number of double quotes, i.e. a quoted cell is still open. */
function quoteOpen(text: string, from: number, to: number): boolean {
  let open = false;
  for (let at = text.indexOf('"', from); at >= 0 && at < to; at = text.indexOf('"', at + 1)) open = !open;
  return open;
}

/**
 * The records of a CSV or TSV file, read as it streams, in batches (one per piece of text read, so a consumer
 * pays one `await` per batch rather than per record).
 *
 * Why not csv-parse for everything: on a million-row file it spends ~10 µs per record (22 s on a busy 2-core
 * machine), most of the import's reading time, where splitting a line at its delimiters takes a tenth of that.
 * The files this reads seldom quote a cell, so a line without a double quote is split directly (cells trimmed,
 * as csv-parse's `trim` does; a `\r` before the newline dropped), and only a record with quotes goes through
 * csv-parse, which reads quoted delimiters and newlines and rejects malformed quotes exactly as before. A
 * leading byte-order mark is dropped; an empty line is a record with one empty cell, as csv-parse gives it.
 */
export async function* delimitedRecords(
  text: AsyncIterable<string>,
  delimiter: string,
): AsyncGenerator<DelimitedRecord[]> {
  let rest = '';
  let line = 0; // lines of the file consumed so far
  let first = true;
  const split = (from: number, to: number, source: string): string[] => {
    const end = to > from && source.charCodeAt(to - 1) === 13 ? to - 1 : to; // CRLF
    const cells = source.slice(from, end).split(delimiter);
    for (let k = 0; k < cells.length; k += 1) cells[k] = cells[k]!.trim();
    return cells;
  };
  /** Takes the complete records of `source` (all of it when `final`), leaving an unfinished one in `rest`. */
  const take = (source: string, final: boolean): DelimitedRecord[] => {
    const batch: DelimitedRecord[] = [];
    let start = 0;
    let quote = source.indexOf('"'); // the next double quote at or after `start` (-1: none left)
    while (start < source.length) {
      let end = source.indexOf('\n', start);
      if (end < 0) {
        if (!final) break;
        end = source.length;
      }
      if (quote >= 0 && quote < start) quote = source.indexOf('"', start);
      if (quote < 0 || quote > end) {
        line += 1;
        batch.push({ record: split(start, end, source), line });
        start = end + 1;
        continue;
      }
      // A quoted cell may hold newlines: the record ends at the first newline outside quotes.
      let lines = 1;
      while (end < source.length && quoteOpen(source, start, end)) {
        const next = source.indexOf('\n', end + 1);
        if (next < 0 && !final) break;
        end = next < 0 ? source.length : next;
        lines += 1;
      }
      if (end < source.length && quoteOpen(source, start, end)) break; // the rest comes with the next piece
      const cut = end > start && source.charCodeAt(end - 1) === 13 ? end - 1 : end;
      batch.push({ record: parseQuoted(source.slice(start, cut), delimiter, line + 1), line: line + 1 });
      line += lines;
      start = end + 1;
    }
    rest = start < source.length ? source.slice(start) : '';
    return batch;
  };
  // Lines ending in a bare CR (classic Mac OS, as some spreadsheet exports still write): decided at the file's
  // first line break, then every CR read as a newline (csv-parse detected this by itself too).
  let crOnly: boolean | undefined;
  for await (const read of text) {
    let piece = read;
    if (crOnly === undefined) {
      const lf = piece.indexOf('\n');
      const cr = piece.indexOf('\r');
      if (lf >= 0 && (cr < 0 || lf < cr || lf === cr + 1)) crOnly = false;
      else if (cr >= 0 && cr + 1 < piece.length) crOnly = true;
      // a CR at the very end of a piece or of the unfinished line: the next piece tells
      else if (rest.endsWith('\r') && piece.length > 0 && !piece.startsWith('\n')) crOnly = true;
      if (crOnly) rest = rest.replace(/\r/g, '\n');
    }
    if (crOnly) piece = piece.replace(/\r/g, '\n');
    let source = rest + piece;
    if (first && source) {
      if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
      first = false;
    }
    const batch = take(source, false);
    if (batch.length) yield batch;
  }
  if (rest) {
    const batch = take(rest, true);
    if (batch.length) yield batch;
  }
}
