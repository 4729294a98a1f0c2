import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { delimitedRecords, type DelimitedRecord } from '../src/writes/import-csv.write';

/** `text` handed over in pieces of `size` characters, as a file stream hands it over. */
async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

async function read(text: string, size = 1 << 16, delimiter = ','): Promise<DelimitedRecord[]> {
  const records: DelimitedRecord[] = [];
  for await (const batch of delimitedRecords(pieces(text, size), delimiter)) records.push(...batch);
  return records;
}

const SAMPLE =
  '\uFEFFnuts_id,name,value\n' +
  'AT13, Wien ,1373.4\r\n' +
  '\n' +
  'BE10,"Bruxelles, Brussel",12\n' +
  'DE30,"Berlin\nsecond line","quoted ""word"""\n' +
  'FRH0,Bretagne,\n' +
  'EL43,Kriti,7.5';

describe('reading delimited records', () => {
  it('reads what csv-parse reads, cells trimmed, whatever the pieces the text arrives in', async () => {
    const expected = (parse(SAMPLE, { bom: true, relax_column_count: true, trim: true }) as string[][]).map(
      (record) => record,
    );
    for (const size of [1, 2, 3, 7, 16, 1 << 16]) {
      const records = await read(SAMPLE, size);
      expect(records.map((r) => r.record)).toEqual(expected);
    }
  });

  it('numbers each record by the line it starts on, counting the lines inside quoted cells', async () => {
    const records = await read(SAMPLE, 5);
    expect(records.map((r) => [r.record[0], r.line])).toEqual([
      ['nuts_id', 1],
      ['AT13', 2],
      ['', 3],
      ['BE10', 4],
      ['DE30', 5],
      ['FRH0', 7],
      ['EL43', 8],
    ]);
  });

  it('reads a file whose lines end in a bare CR (classic Mac OS) as csv-parse does', async () => {
    const mac = SAMPLE.replace(/\r?\n/g, '\r');
    const expected = parse(mac, { bom: true, relax_column_count: true, trim: true }) as string[][];
    expect(expected.length).toBeGreaterThan(5); // csv-parse found the records
    for (const size of [1, 2, 3, 7, 16, 1 << 16]) {
      const records = await read(mac, size);
      // a quoted cell's line break comes back as a newline rather than a CR
      expect(records.map((r) => r.record.map((cell) => cell.replace(/\n/g, '\r')))).toEqual(expected);
    }
    expect((await read(mac, 5)).map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 7, 8]);
  });

  it('splits tab-separated lines', async () => {
    const records = await read('nuts_id\tvalue\nAT13\t1,5\n', 4, '\t');
    expect(records.map((r) => r.record)).toEqual([
      ['nuts_id', 'value'],
      ['AT13', '1,5'],
    ]);
  });

  it('rejects a malformed quote or a quote never closed, naming the line of the file', async () => {
    await expect(read('nuts_id,name\nAT13,Wien\nAT11,Region "x"y\n', 8)).rejects.toThrow(
      /^Line 3 of the file: Invalid Opening Quote/,
    );
    await expect(read('nuts_id,name\nAT13,"Wien\nAT11,x\n', 8)).rejects.toThrow(
      /^Line 2 of the file: Quote Not Closed/,
    );
  });
});
