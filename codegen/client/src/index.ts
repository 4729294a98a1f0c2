export { createHubClient, type HubClient, type HubClientOptions, type RequestOptions } from './client.js';
export { CLIENT_ERROR_CODES, HubError, type HubErrorDetails } from './errors.js';
export type { RetryOptions } from './backoff.js';
export type { HubSink, Unsubscribe } from './sink.js';
export type { TokenSource } from './token.js';
export { readSseMessages, type SseMessage } from './sse-parser.js';
export * from './generated/graphql.js';
