import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SubgraphCommand } from '@hub/kit';
import { Client } from 'pg';
import { importObservationsFile, type ImportProgress, type ImportSummary } from './import.write';

const USAGE = '<file.csv|file.tsv> [--meta <file.meta.json>]';

function progressBar({ bytesRead, totalBytes, rowsRead, phase }: ImportProgress, started: number): string {
  if (phase === 'merging') return `merging ${rowsRead.toLocaleString('en')} rows …`.padEnd(72);
  const share = totalBytes ? Math.min(bytesRead / totalBytes, 1) : 1;
  const width = 30;
  const done = Math.round(share * width);
  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? Math.round(rowsRead / seconds) : 0;
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${(share * 100).toFixed(0).padStart(3)}%  ${rowsRead.toLocaleString('en')} rows  ${rate.toLocaleString('en')} rows/s`;
}

function printSummary(summary: ImportSummary, seconds: number): void {
  const skippedCount = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
  const lines = [
    `rows read:        ${summary.rowsRead.toLocaleString('en')}`,
    `values read:      ${summary.values.toLocaleString('en')} (empty cells stay absent)`,
    `inserted:         ${summary.inserted.toLocaleString('en')}`,
    `updated:          ${summary.updated.toLocaleString('en')} (replaced values kept in history)`,
    `unchanged:        ${summary.unchanged.toLocaleString('en')}`,
    `kept (partner):   ${summary.keptPartnerValues.toLocaleString('en')} (current value contributed by a partner)`,
    `skipped rows/values: ${skippedCount.toLocaleString('en')}`,
    ...Object.entries(summary.skipped).map(
      ([reason, count]) => `  ${count.toLocaleString('en')} × ${reason}`,
    ),
    ...summary.skippedRows.map(
      ({ line, reason, cell }) => `  line ${line}: ${reason} (${JSON.stringify(cell)})`,
    ),
    ...(skippedCount > summary.skippedRows.length
      ? [`  … ${(skippedCount - summary.skippedRows.length).toLocaleString('en')} more not listed`]
      : []),
    `phases:           reading ${(summary.phases.reading / 1000).toFixed(1)} s, merge ${(summary.phases.merging / 1000).toFixed(1)} s${
      summary.bulkLoad
        ? `, indexes and foreign key rebuilt ${(summary.phases.indexing / 1000).toFixed(1)} s (bulk load)`
        : summary.merge === 'scan'
          ? ' (one read of the table)'
          : ''
    }`,
    `time:             ${seconds.toFixed(1)} s (${Math.round(summary.rowsRead / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * `hub-subgraph import <file> [--meta <file.meta.json>]`: loads a Eurostat-style CSV/TSV file of NUTS 2
 * indicators (the columns of data/eurostat_nuts2_migrant_integration_2025.csv) into the database of
 * `DATABASE_URL` / `DATABASE_NAME`, created, migrated and seeded first as on start. The metadata file
 * (default: `<file>.meta.json` beside it) gives each column's reference year.
 */
export const importCommand: SubgraphCommand = {
  description: 'Imports a Eurostat-style CSV/TSV file of indicator values (one transaction, idempotent).',
  usage: USAGE,
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { meta: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new Error(`Usage: hub-subgraph import ${USAGE}`);
    const file = path.resolve(positionals[0]!);
    const database = await context.openDatabase();
    // The import streams the file by COPY through one plain connection (see import.write.ts).
    await database.close();
    const client = new Client({ connectionString: database.clientUrl });
    await client.connect();
    const started = Date.now();
    const onTerminal = process.stderr.isTTY;
    try {
      const summary = await importObservationsFile(client, file, {
        metaFile: values.meta,
        onProgress: onTerminal
          ? (progress) => process.stderr.write(`\r${progressBar(progress, started)}`)
          : undefined,
      });
      if (onTerminal) process.stderr.write('\n');
      printSummary(summary, (Date.now() - started) / 1000);
    } finally {
      await client.end();
    }
  },
};
