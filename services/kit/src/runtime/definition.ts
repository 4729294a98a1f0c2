import type { EntitySchema, MigrationObject, MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { NonEmptyArray } from 'type-graphql';
import type { Seed } from '../data/orm';
import { mergeErrorExtensions, type ErrorExtensionKind } from '../graphql/error-extensions';
import type { ReferenceResolvers } from '../graphql/federated-schema';
import type { Logger } from './logger';
import { checkSettingsDefinition, type SubgraphSettings } from './settings';

/** What a `hub-subgraph <command>` of a definition receives. */
export interface SubgraphCommandContext {
  /** The service folder (`--dir`, else the working directory). */
  dir: string;
  definition: SubgraphDefinition<unknown>;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /**
   * The subgraph's database from `DATABASE_URL` / `DATABASE_NAME` (default `hub_<name>`), created and migrated
   * and seeded as on start; `close()` it when done.
   */
  openDatabase(): Promise<{ orm: MikroORM<PostgreSqlDriver>; clientUrl: string; close(): Promise<void> }>;
}

/** An extra command of `hub-subgraph` (indicators: `hub-subgraph import <file>`). */
export interface SubgraphCommand {
  /** One line for `hub-subgraph help`. */
  description: string;
  /** What follows the command name, e.g. `<file> [--meta <file.meta.json>]`. */
  usage?: string;
  /** `args`: everything after the command name. Failures print their message and exit 1. */
  run(args: string[], context: SubgraphCommandContext): Promise<void>;
}

/** Everything that makes one subgraph; the kit does the rest (`defineSubgraph`, `hub-subgraph`). */
export interface SubgraphDefinition<TLoaders = unknown, TSettings = unknown> {
  /** Lower-case name (`events`): the CLI's log name, the default database `hub_<name>`, the subgraphs.json entry. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: Array<(abstract new (...args: any[]) => unknown) | EntitySchema<any>>;
  migrations: MigrationObject[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  seeds?: Seed[];
  /**
   * Extensions (besides `code`) this subgraph's own errors may carry, by kind: `{ currentStatus: 'string' }`.
   * The kit's (`KIT_ERROR_EXTENSIONS`) are implied; the gateway passes only declared ones to clients.
   */
  errorExtensions?: Record<string, ErrorExtensionKind>;
  /** Extra `hub-subgraph` commands. */
  commands?: Record<string, SubgraphCommand>;
  /** `__resolveReference` per entity type name this subgraph resolves (`Region`, `Event` …). */
  references?: ReferenceResolvers;
  /**
   * The subgraph's own environment variables (`FORUM_POSTS_PER_MINUTE`), as a zod object: parsed once on start
   * (`hub-subgraph start`: from the environment; `startSubgraph`: `config.settings` over `process.env`) and
   * handed to every request as `context.settings` and to `loaders(em, settings)`. Without it, settings are `{}`.
   */
  settings?: SubgraphSettings<TSettings>;
  /** Fresh DataLoaders for one request (or one subscription event); `settings` as in `context.settings`. */
  loaders(em: EntityManager, settings: TSettings): TLoaders;
}

/** Another name of `SubgraphDefinition` (what `defineSubgraph` returns). */
export type DefinedSubgraph<TLoaders = unknown, TSettings = unknown> = SubgraphDefinition<
  TLoaders,
  TSettings
>;

const SUBGRAPH_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * A subgraph's definition, typed (the loaders' type is inferred from `loaders`). The service's `src/index.ts`
 * exports it as `subgraph`; `hub-subgraph` runs start, emit-schema, migrate and its commands from it.
 */
export function defineSubgraph<TLoaders, TSettings = Record<string, never>>(
  definition: SubgraphDefinition<TLoaders, TSettings>,
): SubgraphDefinition<TLoaders, TSettings> {
  if (!SUBGRAPH_NAME.test(definition.name)) {
    throw new Error(
      `Subgraph name "${definition.name}": lower-case letters, digits and _ (it names a database)`,
    );
  }
  mergeErrorExtensions(definition.errorExtensions); // fails early on a bad declaration
  checkSettingsDefinition(definition.name, definition.settings as SubgraphSettings<unknown> | undefined);
  return definition;
}

/** Every error extension the subgraph's errors may carry (the kit's and its own), sorted by name. */
export function subgraphErrorExtensions(
  definition: Pick<SubgraphDefinition, 'errorExtensions'>,
): Record<string, ErrorExtensionKind> {
  return mergeErrorExtensions(definition.errorExtensions);
}
