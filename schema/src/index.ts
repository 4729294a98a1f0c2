export { composeSupergraph, type CompositionResult } from './compose';
export {
  databaseRoleNames,
  databaseRoleStatements,
  passwordEnvName,
  type DatabaseRoleNames,
  type RoleStatement,
} from './generate/database-roles';
export {
  combineErrorExtensions,
  ERROR_EXTENSIONS_FILE,
  type CombinedErrorExtensions,
} from './error-extensions';
export {
  API_SCHEMA_FILE,
  readSubgraphList,
  readSupergraph,
  REPO_ROOT,
  SCHEMA_DIR,
  startOrder,
  SUBGRAPH_NAME_PATTERN,
  SUBGRAPHS_FILE,
  SUPERGRAPH_FILE,
  validateSubgraphList,
  type ComposableSubgraph,
  type SubgraphEntry,
  type SubgraphListEntry,
} from './subgraphs';
