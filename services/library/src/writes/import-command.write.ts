import path from 'node:path';
import { createPeerDirectory, parsePrivateKey, subgraphIdentity, type SubgraphCommand } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  checkImportRows,
  mergeImportRecords,
  readImportFile,
  type ImportProgress,
  type ImportSummary,
} from './import.write';

const USAGE = '<file.csv|file.json>';

function progressBar({ rowsWritten, totalRows }: ImportProgress, started: number): string {
  const share = totalRows ? rowsWritten / totalRows : 1;
  const width = 30;
  const done = Math.round(share * width);
  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? Math.round(rowsWritten / seconds) : 0;
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${(share * 100).toFixed(0).padStart(3)}%  ${rowsWritten.toLocaleString('en')} rows  ${rate.toLocaleString('en')} rows/s`;
}

export function formatSummary(summary: ImportSummary, seconds: number): string {
  return [
    `rows read:  ${summary.rowsRead.toLocaleString('en')}`,
    `inserted:   ${summary.inserted.toLocaleString('en')}`,
    `updated:    ${summary.updated.toLocaleString('en')}`,
    `unchanged:  ${summary.unchanged.toLocaleString('en')}`,
    `time:       ${seconds.toFixed(1)} s`,
  ].join('\n');
}

/**
 * `hub-subgraph import <file>`: resources from a CSV or JSON file into the database of `DATABASE_URL` /
 * `DATABASE_NAME`. Every row is checked first (territories and publishers against the regions subgraph when
 * `REGIONS_SUBGRAPH_URL` and the library's own `INTERNAL_SIGNING_KEY` are set); one bad row rejects the file with a report of
 * every bad row. Rows are keyed by (`publisher`, `key`), so importing a file again changes only what changed.
 */
export const importCommand: SubgraphCommand = {
  description: 'Imports resources from a CSV or JSON file (checked row by row, all or nothing, idempotent).',
  usage: USAGE,
  async run(args, context) {
    if (args.length !== 1) throw new Error(`Usage: hub-subgraph import ${USAGE}`);
    const file = path.resolve(args[0]!);
    const regionsUrl = context.env.REGIONS_SUBGRAPH_URL;
    const signingKey = context.env.INTERNAL_SIGNING_KEY;
    // the import asks as the library subgraph (regions trusts its key as a peer), like the running service
    const peers =
      regionsUrl && signingKey
        ? createPeerDirectory({
            peers: { regions: regionsUrl },
            signer: {
              issuer: subgraphIdentity(context.definition.name),
              privateKey: parsePrivateKey(signingKey, 'INTERNAL_SIGNING_KEY'),
            },
            logger: context.logger,
          })
        : undefined;
    if (!peers) {
      context.logger.warn(
        'REGIONS_SUBGRAPH_URL or INTERNAL_SIGNING_KEY not set: territories and publishers are checked for format only',
      );
    }
    // the parsed file is not kept once checked: only the records are held while merging
    const records = await checkImportRows(
      await readImportFile(file),
      peers &&
        ((typename, keys) =>
          peers.unknownKeys('regions', typename, typename === 'Region' ? 'code' : 'id', keys)),
    );
    const database = await context.openDatabase();
    const started = Date.now();
    const onTerminal = process.stderr.isTTY;
    try {
      const summary = await mergeImportRecords(
        database.orm.em as unknown as EntityManager,
        records,
        file,
        onTerminal ? (progress) => process.stderr.write(`\r${progressBar(progress, started)}`) : undefined,
      );
      if (onTerminal) process.stderr.write('\n');
      process.stdout.write(`${formatSummary(summary, (Date.now() - started) / 1000)}\n`);
    } finally {
      await database.close();
    }
  },
};
