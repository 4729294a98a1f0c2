export {
  DEFAULT_DATA_DIR,
  HUB_SUBGRAPHS,
  hubDatabaseName,
  hubGatewayConfig,
  loadHubSubgraphs,
  REPO_ROOT,
  startHub,
  type HubOptions,
  type HubSubgraph,
  type RunningHub,
} from './hub';
export {
  LOCAL_TOKEN_AUDIENCE,
  LOCAL_TOKEN_ISSUER,
  loadLocalSecrets,
  newHubSecrets,
  subgraphKeyEnv,
  type HubSecrets,
  type InternalKeyPair,
} from './secrets';
export {
  hubProcessCount,
  startReplicatedHub,
  type ReplicatedHub,
  type ReplicatedHubOptions,
} from './processes';
