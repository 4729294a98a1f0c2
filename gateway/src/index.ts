export {
  DEFAULT_LIMITS,
  DEFAULT_PORT,
  DEFAULT_SUBSCRIPTION_SETTINGS,
  domainEventSourcesFromEnv,
  ERROR_EXTENSIONS_FILE_NAME,
  errorExtensionsPath,
  GATEWAY_PACKAGE_DIR,
  gatewayConfig,
  gatewayConfigFromEnv,
  gatewayEnvSchema,
  originList,
  subgraphUrlsFromEnv,
  type GatewayConfig,
  type GatewayConfigInput,
  type GatewayLimits,
  type PlaygroundOptions,
  type SubscriptionSettings,
} from './config';
export {
  createErrorExtensionFilter,
  ERROR_EXTENSION_CLEANERS,
  parseErrorExtensions,
  readErrorExtensions,
  type ErrorExtensionDeclarations,
} from './error-extensions';
export { createGatewayErrorFormatter, INTERNAL_ERROR_MESSAGE, type ErrorFormatterOptions } from './errors';
export { loadExampleOperations, type ExampleOperation } from './examples';
export {
  CLOCK_TOLERANCE_SECONDS,
  createCallerVerifier,
  DEFAULT_CLIENT_TOKEN_TTL_SECONDS,
  HS256_ALGORITHMS,
  IDENTITY_PROVIDER_UNAVAILABLE_MESSAGE,
  INVALID_TOKEN_MESSAGE,
  issueClientToken,
  JWKS_ALGORITHMS,
  MALFORMED_AUTHORIZATION_MESSAGE,
  MIN_SECRET_LENGTH,
  type CallerVerifier,
  type ClientAuthConfig,
  type ClientTokenOptions,
} from './identity';
export {
  createHealthRouter,
  READINESS_TIMEOUT_MS,
  subgraphReadinessUrl,
  type SubgraphReadiness,
} from './health';
export {
  checkDocumentLimits,
  createQueryLimitsRule,
  exceedsTokenLimit,
  LIMIT_ERROR_CODES,
  QueryLimitError,
  type LimitErrorCode,
  type QueryLimits,
} from './limits';
export { createPlayground, PLAYGROUND_ASSETS_PATH, PLAYGROUND_PATH, prefersHtml } from './playground';
export {
  createGatewayServer,
  GRAPHQL_PATH,
  isIdentityHeader,
  type GatewayContext,
  type RunningGateway,
} from './server';
export {
  CACHE_STATUS_HEADER,
  DEFAULT_RESPONSE_CACHE_SETTINGS,
  ResponseCache,
  type ResponseCacheSettings,
} from './response-cache';
export type { DomainEventSource } from './cache-events';
export { listSubgraphs, resolveSubgraphUrl, type SubgraphEndpoint } from './subgraphs';
export {
  CLOSE_GRACE_MS,
  createSubscriptions,
  isOriginAllowed,
  MAX_PENDING_EVENTS,
  refuseSubscriptionsOverHttp,
  SSE_PATH,
  SUBSCRIPTION_OVER_HTTP_MESSAGE,
  SUBGRAPH_UNAVAILABLE_MESSAGE,
  SUBSCRIPTION_ERROR_CODES,
  subscriptionStats,
  type Subscriptions,
  type SubscriptionsOptions,
  type SubscriptionStats,
} from './subscriptions';
export {
  CONSULTATION_RESULTS_CSV_PATH,
  CONSULTATION_RESULTS_CSV_QUERY,
  createExportsRouter,
  type RunExportOperation,
} from './exports';
export { createPublicSdlRouter, PUBLIC_SDL_PATH, publicSdlOf } from './sdl';
export { createWidgetRouter, WIDGET_PATH } from './widget';
export {
  addressKey,
  ConnectionCaps,
  DEFAULT_CONNECTION_CAPS,
  TOO_MANY_CONNECTIONS_CLOSE_CODE,
  TOO_MANY_CONNECTIONS_CODE,
  type ConnectionCapSettings,
} from './connection-caps';
export {
  DEFAULT_RATE_LIMIT,
  MemoryCounter,
  RATE_LIMITED_CODE,
  RateLimiter,
  RedisCounter,
  type RateLimitSettings,
} from './rate-limit';
