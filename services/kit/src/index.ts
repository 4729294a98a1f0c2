import 'reflect-metadata';

// The public API of @hub/kit, by concern (see README.md). `@hub/kit/testing` and `@hub/kit/contract` are
// separate entry points (src/testing/).

// runtime: a subgraph's definition, server, CLI, configuration, process, logs, HTTP, embedded PostgreSQL
export * from './runtime/definition';
export * from './runtime/server';
export * from './runtime/config';
export * from './runtime/settings';
export * from './runtime/process';
export * from './runtime/logger';
export * from './runtime/tracing';
export * from './runtime/metrics';
export * from './runtime/request-log';
export * from './runtime/http';
export * from './runtime/embedded-postgres';
export * from './runtime/subgraphs-file';
export {
  emitSubgraphFiles,
  ERROR_EXTENSIONS_FILE,
  loadSubgraphDefinition,
  runSubgraphCli,
  SCHEMA_FILE,
} from './runtime/cli';

// data: ORM, databases, the sql idiom, batching, pagination, text
export * from './data/orm';
export * from './data/database';
export * from './data/subgraph-database';
export * from './data/sql';
export * from './data/sql-statements';
export * from './data/statement-text';
export * from './data/batching';
export * from './data/pagination';
export * from './data/text';
export * from './data/markdown';

// writes: the write pattern, audit log, authorization, identity
export * from './writes/perform-write';
export * from './writes/write-pattern-migration';
export * from './writes/audit';
export * from './writes/authorization';
export * from './writes/identity';
export * from './writes/internal-keys';

// live: domain events, subscriptions, the push iterator
export * from './live/event-bus';
export * from './live/outbox';
export * from './live/subscriptions';
export * from './live/push-iterator';

// graphql: schema building, scalars, errors, error extensions, references, peers, argument checks
export * from './graphql/federated-schema';
export * from './graphql/subgraph-schema';
export * from './graphql/scalars';
export * from './graphql/errors';
export * from './graphql/error-extensions';
export * from './graphql/references';
export * from './graphql/list-size';
export * from './graphql/reference-types';
export * from './graphql/peers';
export * from './graphql/filters';
export * from './graphql/validation';
export * from './graphql/validators';
export * from './graphql/field-memo';
export * from './graphql/lean-resolvers';

// vocabulary: partnership enums, key formats
export * from './vocabulary/partnership';
export * from './vocabulary/target-groups';
export * from './vocabulary/patterns';
export * from './vocabulary/nuts';
export * from './vocabulary/languages';
