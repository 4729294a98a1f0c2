export { composeSupergraph, type CompositionResult } from './compose';
export {
  readSubgraphList,
  readSupergraph,
  SCHEMA_DIR,
  SUPERGRAPH_FILE,
  type SubgraphEntry,
} from './subgraphs';
