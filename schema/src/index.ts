export { composeSupergraph, type CompositionResult } from './compose';
export {
  API_SCHEMA_FILE,
  readSubgraphList,
  readSupergraph,
  SCHEMA_DIR,
  SUPERGRAPH_FILE,
  type SubgraphEntry,
} from './subgraphs';
