import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';

export interface HubFetcher {
  fetcher: Fetcher;
  /** Closes the graphql-ws socket (a new token needs a new connection: the gateway checks it on connect). */
  dispose(): void;
}

/**
 * GraphiQL's fetcher for the gateway: queries and mutations as `POST <endpoint>` with a JSON body (the
 * `content-type: application/json` header is what Apollo's CSRF prevention asks of a POST), subscriptions
 * over graphql-ws on the same endpoint. With a token: `Authorization: Bearer <token>` on every HTTP request
 * and `connectionParams.authorization` on the socket, as the gateway's ws server reads it.
 */
export function createHubFetcher(endpoint: URL, token: string): HubFetcher {
  const authorization = token ? `Bearer ${token}` : undefined;
  const socketUrl = new URL(endpoint);
  socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
  const wsClient = createClient({
    url: socketUrl.toString(),
    lazy: true, // connects with the first subscription, closes after the last one
    connectionParams: authorization ? { authorization } : {},
  });
  const fetcher = createGraphiQLFetcher({
    url: endpoint.toString(),
    wsClient,
    ...(authorization ? { headers: { authorization } } : {}),
    // the gateway answers with single JSON results (no @defer/@stream over HTTP)
    enableIncrementalDelivery: false,
  });
  return { fetcher, dispose: () => void wsClient.dispose() };
}
