import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A document without the operation the request names (`operationName: "B"` for `query A { … }`), or with
 * several operations and no name, is the client's mistake: HTTP 400 with OPERATION_RESOLUTION_FAILURE.
 * Without this, @apollo/gateway's executor throws a plain error and the client gets HTTP 500.
 */
export function requireResolvableOperation<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          throw new GraphQLError(
            request.operationName
              ? `The document has no operation named "${request.operationName}".`
              : 'The document has several operations: send operationName to say which one to run.',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
