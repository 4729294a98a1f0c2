import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, openSubgraphDatabase, parseEnv, z } from '@hub/kit';
import { Client } from 'pg';
import { indicatorsSubgraph } from '../indicators.subgraph';
import { importObservationsFile, type ImportProgress, type ImportSummary } from './observations-import';

const USAGE = `Imports a Eurostat-style CSV/TSV file of NUTS 2 indicators (the columns of
data/eurostat_nuts2_migrant_integration_2025.csv) into the indicators database.

  DATABASE_URL=postgres://… npm run import -w @hub/indicators -- <file> [--meta <file.meta.json>]

The metadata file (default: <file>.meta.json beside it) gives each column's reference year.`;

function progressBar({ bytesRead, totalBytes, rowsRead }: ImportProgress, started: number): string {
  const share = totalBytes ? Math.min(bytesRead / totalBytes, 1) : 1;
  const width = 30;
  const done = Math.round(share * width);
  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? Math.round(rowsRead / seconds) : 0;
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${(share * 100).toFixed(0).padStart(3)}%  ${rowsRead.toLocaleString('en')} rows  ${rate.toLocaleString('en')} rows/s`;
}

function printSummary(summary: ImportSummary, seconds: number): void {
  const lines = [
    `rows read:        ${summary.rowsRead.toLocaleString('en')}`,
    `values read:      ${summary.values.toLocaleString('en')} (empty cells stay absent)`,
    `inserted:         ${summary.inserted.toLocaleString('en')}`,
    `updated:          ${summary.updated.toLocaleString('en')} (replaced values kept in history)`,
    `unchanged:        ${summary.unchanged.toLocaleString('en')}`,
    `kept (partner):   ${summary.keptPartnerValues.toLocaleString('en')} (current value contributed by a partner)`,
    `skipped rows/values: ${Object.values(summary.skipped)
      .reduce((a, b) => a + b, 0)
      .toLocaleString('en')}`,
    ...Object.entries(summary.skipped).map(
      ([reason, count]) => `  ${count.toLocaleString('en')} × ${reason}`,
    ),
    `time:             ${seconds.toFixed(1)} s (${Math.round(summary.rowsRead / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { meta: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length !== 1) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const env = parseEnv(
    z.object({
      DATABASE_URL: z.string().url(),
      DATABASE_NAME: z.string().default('hub_indicators'),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
    }),
  );
  const file = path.resolve(positionals[0]!);
  const logger = createLogger('indicators-import', env.LOG_LEVEL);
  // Database, migrations and first-start seed exactly as the subgraph would on start.
  const { orm, clientUrl } = await openSubgraphDatabase(
    indicatorsSubgraph,
    { databaseServerUrl: env.DATABASE_URL, databaseName: env.DATABASE_NAME },
    logger,
  );
  await orm.close(true);
  const client = new Client({ connectionString: clientUrl });
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
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
