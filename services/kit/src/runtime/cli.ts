#!/usr/bin/env node
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  databaseEnvSchema,
  logLevelSchema,
  parseEnv,
  subgraphConfigFromEnv,
  tracingSettingsFromEnv,
  z,
} from './config';
import { createLogger } from './logger';
import { runUntilSignalled } from './process';
import { openSubgraphDatabase } from '../data/subgraph-database';
import { subgraphSdl } from '../graphql/subgraph-schema';
import { subgraphErrorExtensions, type SubgraphCommandContext, type SubgraphDefinition } from './definition';
import { startSubgraph } from './server';
import { installTracing } from './tracing';
import { settingsFromEnv } from './settings';
import { readSubgraphsFileEntry } from './subgraphs-file';

const BUILT_IN_COMMANDS: Record<string, string> = {
  start:
    'serves the subgraph (PORT, DATABASE_URL, INTERNAL_VERIFY_KEYS, INTERNAL_SIGNING_KEY, <PEER>_SUBGRAPH_URL …; see .env.example)',
  'emit-schema': 'writes schema.graphql and error-extensions.json from the code',
  migrate: 'creates the database, applies migrations and seeds, and exits (DATABASE_URL, DATABASE_NAME)',
  help: 'prints this list',
};

/** The files `emit-schema` writes, relative to the service folder. */
export const SCHEMA_FILE = 'schema.graphql';
export const ERROR_EXTENSIONS_FILE = 'error-extensions.json';

/** `require(<dir>/package.json main).subgraph`: the service's built definition. */
export function loadSubgraphDefinition(dir: string): SubgraphDefinition<unknown> {
  const packageFile = path.join(dir, 'package.json');
  if (!existsSync(packageFile))
    throw new Error(`No package.json in ${dir} (run in a service folder or pass --dir)`);
  const { main = 'index.js' } = JSON.parse(readFileSync(packageFile, 'utf8')) as { main?: string };
  const entry = path.resolve(dir, main);
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: build the service first (npm run build)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(entry) as { subgraph?: SubgraphDefinition<unknown> };
  if (!loaded.subgraph?.name) {
    throw new Error(
      `${entry} exports no \`subgraph\` (export { subgraph } from './subgraph' in src/index.ts)`,
    );
  }
  return loaded.subgraph;
}

/** Writes `schema.graphql` and `error-extensions.json` (sorted keys) into `dir`; returns their paths. */
export async function emitSubgraphFiles(
  definition: SubgraphDefinition<unknown>,
  dir: string,
): Promise<string[]> {
  const schemaFile = path.join(dir, SCHEMA_FILE);
  const extensionsFile = path.join(dir, ERROR_EXTENSIONS_FILE);
  await writeFile(schemaFile, await subgraphSdl(definition), 'utf8');
  await writeFile(
    extensionsFile,
    `${JSON.stringify(subgraphErrorExtensions(definition), null, 2)}\n`,
    'utf8',
  );
  return [schemaFile, extensionsFile];
}

function usage(definition?: SubgraphDefinition<unknown>): string {
  const commands = {
    ...BUILT_IN_COMMANDS,
    ...Object.fromEntries(
      Object.entries(definition?.commands ?? {}).map(([name, command]) => [
        command.usage ? `${name} ${command.usage}` : name,
        command.description,
      ]),
    ),
  };
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    `Usage: hub-subgraph [--dir <service folder>] <command> [arguments]${definition ? ` (${definition.name})` : ''}`,
    '',
    ...Object.entries(commands).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
  ].join('\n');
}

/**
 * Splits `[--dir <d>] <command> [args…]`. Options before the command belong to the CLI; after a built-in
 * command `--dir` is taken too (`hub-subgraph start --dir services/events`); after a definition's own command
 * everything is its arguments.
 */
export function parseCliArguments(argv: string[]): { dir: string; command?: string; args: string[] } {
  let dir = process.cwd();
  let command: string | undefined;
  const args: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const ours = command === undefined || command in BUILT_IN_COMMANDS;
    if (ours && arg === '--dir') {
      const value = argv[index + 1];
      if (!value) throw new Error('--dir needs a folder');
      dir = value;
      index += 1;
    } else if (ours && arg.startsWith('--dir=')) {
      dir = arg.slice('--dir='.length);
    } else if (command === undefined && (arg === '-h' || arg === '--help')) {
      command = 'help';
    } else if (command === undefined) {
      command = arg;
    } else {
      args.push(arg);
    }
  }
  return { dir: path.resolve(dir), command, args };
}

/**
 * `hub-subgraph`: runs a service's definition. `start` blocks until SIGINT/SIGTERM; the other commands resolve
 * when done. Throws with a readable message on bad usage or failure.
 */
export async function runSubgraphCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { dir, command, args } = parseCliArguments(argv);
  if (!command || command === 'help') {
    let definition: SubgraphDefinition<unknown> | undefined;
    try {
      definition = loadSubgraphDefinition(dir);
    } catch {
      definition = undefined;
    }
    process.stdout.write(`${usage(definition)}\n`);
    if (!command) process.exitCode = 2;
    return;
  }
  const definition = loadSubgraphDefinition(dir);
  switch (command) {
    case 'start': {
      const entry = readSubgraphsFileEntry(dir, definition.name);
      const config = subgraphConfigFromEnv(
        { name: definition.name, defaultPort: entry?.port ?? 0, peers: entry?.peers ?? [] },
        env,
      );
      const tracingSettings = tracingSettingsFromEnv(env); // checked with the rest by subgraphConfigFromEnv
      // The subgraph's own variables (definition.settings) from the same environment; startSubgraph checks them.
      runUntilSignalled(async () => {
        // before the subgraph opens its database: the SQL spans come from patching pg as knex loads it
        const tracing = await installTracing({ serviceName: definition.name, settings: tracingSettings });
        try {
          const subgraph = await startSubgraph(definition, {
            ...config,
            settings: settingsFromEnv(definition, env),
          });
          return {
            async stop() {
              await subgraph.stop();
              await tracing.stop();
            },
          };
        } catch (error) {
          await tracing.stop();
          throw error;
        }
      });
      return;
    }
    case 'emit-schema': {
      for (const file of await emitSubgraphFiles(definition, dir)) process.stdout.write(`wrote ${file}\n`);
      return;
    }
    case 'migrate': {
      const context = commandContext(definition, dir, env);
      const { close } = await context.openDatabase();
      await close();
      return;
    }
    default: {
      const custom = definition.commands?.[command];
      if (!custom) throw new Error(`Unknown command "${command}".\n\n${usage(definition)}`);
      await custom.run(args, commandContext(definition, dir, env));
    }
  }
}

function commandContext(
  definition: SubgraphDefinition<unknown>,
  dir: string,
  env: NodeJS.ProcessEnv,
): SubgraphCommandContext {
  const { LOG_LEVEL } = parseEnv(z.object({ LOG_LEVEL: logLevelSchema }), env);
  const logger = createLogger(definition.name, LOG_LEVEL);
  return {
    dir,
    definition,
    env,
    logger,
    async openDatabase() {
      const parsed = parseEnv(databaseEnvSchema(definition.name), env);
      const { orm, clientUrl } = await openSubgraphDatabase(
        definition,
        { databaseServerUrl: parsed.DATABASE_URL, databaseName: parsed.DATABASE_NAME },
        logger,
      );
      return { orm, clientUrl, close: () => orm.close(true) };
    },
  };
}

if (require.main === module) {
  runSubgraphCli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
