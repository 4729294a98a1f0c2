import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importObservationsFile, SHIPPED_DATA_FILE } from '../src/writes/import.write';
import { EXTRACT_HEADER, useImportDatabase } from './helpers';

const db = useImportDatabase();

/** A file of `rows` regions that exist nowhere else (`<prefix>000`, `<prefix>001` …), 11 values each. */
function syntheticFile(prefix: string, rows: number, change?: (lines: string[]) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-import-staging-'));
  const file = path.join(dir, 'synthetic.csv');
  const lines = Array.from({ length: rows }, (_, i) => {
    const code = `${prefix}${i.toString(36).toUpperCase().padStart(3, '0')}`;
    return `${code},${prefix},Region ${i},${100 + (i % 50)},20.5,12.1,8.2,6.3,70.1,61.4,8.7,4.2,7.9,${(i % 20) - 5}`;
  });
  change?.(lines);
  writeFileSync(file, `${EXTRACT_HEADER}\n${lines.join('\n')}\n`);
  copyFileSync(SHIPPED_DATA_FILE.replace(/\.csv$/, '.meta.json'), path.join(dir, 'synthetic.meta.json'));
  return file;
}

/** Imports `file` and counts the statements sent to the database (COPY included). */
async function importCounting(file: string) {
  const query = db.client.query.bind(db.client) as (...args: unknown[]) => unknown;
  let statements = 0;
  const counting = new Proxy(db.client, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
      return (...args: unknown[]) => {
        statements += 1;
        return query(...args);
      };
    },
  });
  const summary = await importObservationsFile(counting, file);
  return { summary, statements };
}

describe('the import through COPY and one merge', () => {
  it('sends as many statements for 4,000 rows as for 20, and none more on a re-import that writes nothing', async () => {
    const small = await importCounting(syntheticFile('QA', 20));
    const large = await importCounting(syntheticFile('QB', 4_000));
    expect(small.summary).toMatchObject({ rowsRead: 20, inserted: 220, updated: 0 });
    expect(large.summary).toMatchObject({ rowsRead: 4_000, inserted: 44_000, updated: 0 });
    expect(large.statements).toBe(small.statements);

    const historyBefore = await db.count('SELECT count(*) AS n FROM observation_history');
    const auditBefore = await db.count(
      "SELECT count(*) AS n FROM hub_audit_log WHERE entity = 'ObservationImport'",
    );
    const again = await importCounting(syntheticFile('QB', 4_000));
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 44_000 });
    // No history and no audit record for an import that changed nothing (and so one statement fewer).
    expect(await db.count('SELECT count(*) AS n FROM observation_history')).toBe(historyBefore);
    expect(await db.count("SELECT count(*) AS n FROM hub_audit_log WHERE entity = 'ObservationImport'")).toBe(
      auditBefore,
    );
    expect(again.statements).toBe(large.statements - 1);
  });

  it('writes nothing when the file turns unreadable in the middle, and the connection imports again after', async () => {
    const observationsBefore = await db.count('SELECT count(*) AS n FROM observation');
    const auditBefore = await db.count(
      "SELECT count(*) AS n FROM hub_audit_log WHERE entity = 'ObservationImport'",
    );
    // Line 10,001 of 20,001 has a quote inside an unquoted field: the CSV parser gives up there, after the
    // earlier rows have already gone to the database.
    const broken = syntheticFile('QC', 20_000, (lines) => {
      lines[9_999] = lines[9_999]!.replace('Region 9999', 'Region "9999"x');
    });
    await expect(importObservationsFile(db.client, broken)).rejects.toThrow(/quote/i);
    expect(await db.count('SELECT count(*) AS n FROM observation')).toBe(observationsBefore);
    expect(await db.count("SELECT count(*) AS n FROM observation WHERE region_code LIKE 'QC%'")).toBe(0);
    expect(await db.count("SELECT count(*) AS n FROM hub_audit_log WHERE entity = 'ObservationImport'")).toBe(
      auditBefore,
    );

    const summary = await importObservationsFile(db.client, syntheticFile('QC', 30));
    expect(summary).toMatchObject({ inserted: 330, updated: 0 });
  });

  it('skips bad rows and values, reporting each with its line, and imports the rest', async () => {
    const file = syntheticFile('QD', 6, (lines) => {
      lines[1] = lines[1]!.replace(/^QD001/, 'not-a-code');
      lines[3] = lines[3]!.replace(',70.1,', ',seventy,');
    });
    const summary = await importObservationsFile(db.client, file);
    expect(summary.skipped).toEqual({
      'region code is not a NUTS code': 1,
      'not a number in employment_rate_native_born_pct': 1,
    });
    // Line 1 is the header: the second row is line 3.
    expect(summary.skippedRows).toEqual([
      { line: 3, reason: 'region code is not a NUTS code', cell: 'not-a-code' },
      { line: 5, reason: 'not a number in employment_rate_native_born_pct', cell: 'seventy' },
    ]);
    expect(summary).toMatchObject({ rowsRead: 6, values: 5 * 11 - 1, inserted: 5 * 11 - 1 });
  });

  it('counts a region repeated across the file once: cell by cell, its last non-empty value wins', async () => {
    const file = syntheticFile('QE', 3, (lines) => {
      // QE001 again at the end: a new employment rate, an empty population (keeps the first line's value).
      lines.push(lines[1]!.replace(',70.1,', ',71.3,').replace(/^(QE001,QE,Region 1,)\d+/, '$1'));
    });
    const summary = await importObservationsFile(db.client, file);
    expect(summary).toMatchObject({ rowsRead: 4, values: 4 * 11 - 1, inserted: 3 * 11, unchanged: 0 });
    const { rows } = await db.client.query<{ indicator_code: string; breakdown: string; value: number }>(
      `SELECT indicator_code, breakdown, value FROM observation
       WHERE region_code = 'QE001' AND indicator_code IN ('population_15_64', 'employment_rate_20_64')
       ORDER BY indicator_code, breakdown`,
    );
    expect(rows).toEqual([
      { indicator_code: 'employment_rate_20_64', breakdown: 'FOREIGN_BORN', value: 61.4 },
      { indicator_code: 'employment_rate_20_64', breakdown: 'NATIVE_BORN', value: 71.3 },
      { indicator_code: 'population_15_64', breakdown: 'FOREIGN_BORN', value: 20.5 },
      { indicator_code: 'population_15_64', breakdown: 'TOTAL', value: 101 },
    ]);
  });
});
