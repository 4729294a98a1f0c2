import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

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

/**
 * A document that repeats one mistake (`@nope` on every field, the same unknown field in many places) gets one
 * error per distinct message and code, carrying every location, instead of one error per occurrence: the
 * answer stays small whatever the document repeats. Only request errors (no `data`) are collapsed; errors
 * of an executed operation each have their own `path`.
 */
export function collapseRepeatedRequestErrors<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors || result.errors.length < 2 || 'data' in result) return;
          const collapsed = new Map<string, GraphQLFormattedError>();
          for (const error of result.errors) {
            const key = JSON.stringify([error.message, error.extensions?.code]);
            const seen = collapsed.get(key);
            if (!seen) collapsed.set(key, error);
            else if (error.locations)
              collapsed.set(key, { ...seen, locations: [...(seen.locations ?? []), ...error.locations] });
          }
          if (collapsed.size < result.errors.length) result.errors = [...collapsed.values()];
        },
      };
    },
  };
}
