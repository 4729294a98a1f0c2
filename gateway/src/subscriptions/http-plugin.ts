import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { SSE_PATH } from './sse';

export const SUBSCRIPTION_OVER_HTTP_MESSAGE = `Subscriptions are served over WebSocket (graphql-ws, protocol graphql-transport-ws) on this endpoint, or as Server-Sent Events on ${SSE_PATH}.`;

/**
 * @apollo/gateway cannot execute subscriptions (its executor throws, which clients would see as an internal
 * error): a subscription sent as an ordinary HTTP request is refused with 400 and where to send it instead.
 */
export function refuseSubscriptionsOverHttp(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(SUBSCRIPTION_OVER_HTTP_MESSAGE, {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        },
      };
    },
  };
}
