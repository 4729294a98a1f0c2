import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { countRowsOn, sqlOn, type TestSubgraph } from '@hub/kit/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkImportRows,
  ImportRejected,
  mergeImportRecords,
  readImportFile,
} from '../src/writes/import.write';
import { startLibrary } from './helpers';

let library: TestSubgraph;
beforeAll(async () => {
  library = await startLibrary();
});
afterAll(async () => library?.stop());

const CSV = path.resolve(__dirname, 'fixtures/resources.csv');

async function importFile(file: string) {
  const records = await checkImportRows(await readImportFile(file));
  return mergeImportRecords(library.orm.em as unknown as EntityManager, records, file);
}

describe('bulk import (hub-subgraph import <file>)', () => {
  it('imports a CSV file, and a second import of the same file writes nothing', async () => {
    expect(await importFile(CSV)).toEqual({ rowsRead: 2, inserted: 2, updated: 0, unchanged: 0 });
    const rows = await sqlOn<{ title: string; status: string; territory_codes: string[]; version: number }>(
      library,
      'SELECT title, status, territory_codes, version FROM resource ORDER BY import_key',
    );
    expect(rows).toEqual([
      { title: 'Welcome desk in Crete', status: 'PUBLISHED', territory_codes: ['EL43'], version: 1 },
      {
        title: "Formation des agents d'accueil",
        status: 'PUBLISHED',
        territory_codes: ['FR10', 'FRB0'],
        version: 1,
      },
    ]);
    expect(await importFile(CSV)).toEqual({ rowsRead: 2, inserted: 0, updated: 0, unchanged: 2 });
    const [row] = await sqlOn<{ n: string }>(library, `SELECT count(*) AS n FROM resource WHERE version > 1`);
    expect(Number(row!.n)).toBe(0);
  });

  it('updates a changed row of the same key (JSON), and what it imports is searchable', async () => {
    const file = path.join(os.tmpdir(), `library-import-${process.pid}.json`);
    await writeFile(
      file,
      JSON.stringify([
        {
          key: 'gp-1',
          publisher: 'cpmr',
          kind: 'GOOD_PRACTICE',
          language: 'en',
          title: 'Welcome desk in Crete, extended',
          summary: 'One desk for newcomers in Heraklion.',
          publishedOn: '2024-03-01',
          territories: ['EL43'],
          policyAreas: ['HOUSING'],
        },
      ]),
    );
    expect(await importFile(file)).toEqual({ rowsRead: 1, inserted: 0, updated: 1, unchanged: 0 });
    const { body } = await library.query<{
      resources: { edges: Array<{ node: { title: string; version: number } }> };
    }>(/* GraphQL */ `
      {
        resources(filter: { query: "heraklon" }) {
          edges {
            node {
              title
              version
            }
          }
        }
      }
    `);
    expect(body.data!.resources.edges.map((edge) => edge.node)).toEqual([
      { title: 'Welcome desk in Crete, extended', version: 2 },
    ]);
  });

  it('rejects a file with bad rows, listing each one and why, and writes nothing', async () => {
    const before = await countRowsOn(library, 'resource');
    const rows = [
      {
        key: 'ok',
        publisher: 'cpmr',
        kind: 'STUDY',
        language: 'en',
        title: 'A fine study',
        summary: 'Fine.',
        publishedOn: '2020-01-01',
        territories: 'FR',
      },
      {
        key: 'bad-1',
        publisher: 'cpmr',
        kind: 'POEM',
        language: 'english',
        title: 'x',
        summary: 'Bad.',
        publishedOn: '2020-02-30',
        territories: 'nowhere',
      },
      {
        key: 'bad-2',
        publisher: 'cpmr',
        kind: 'STUDY',
        language: 'en',
        title: 'Off the map',
        summary: 'Bad point.',
        publishedOn: '2020-01-01',
        longitude: 190,
        latitude: 12,
      },
      {
        key: 'ok',
        publisher: 'cpmr',
        kind: 'STUDY',
        language: 'en',
        title: 'Same key again',
        summary: 'Dup.',
        publishedOn: '2020-01-01',
      },
    ];
    const rejected = await checkImportRows(rows).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(ImportRejected);
    const problems = (rejected as ImportRejected).problems;
    expect(problems.map((problem) => problem.row)).toEqual([2, 3, 4]);
    expect(problems[0]!.errors.map((error) => error.path).sort()).toEqual(
      ['kind', 'language', 'publishedOn', 'territories', 'title'].sort(),
    );
    expect(problems[1]!.errors.map((error) => error.path)).toEqual(['location.longitude']);
    expect(problems[2]!.errors[0]!.messages[0]).toMatch(/repeats the key of row 1/);
    expect((rejected as Error).message).toMatch(/row 3 \(key "bad-2"\): location.longitude/);
    expect(await countRowsOn(library, 'resource')).toBe(before);
  });
});
