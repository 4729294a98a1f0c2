import 'reflect-metadata';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { INTERNAL_TOKEN_HEADER } from '@hub/kit';
import { announce, anonymousInternalTokens, peerEnvironment, subgraphNamesByUrl } from './internal-token';

/**
 * Stock @apollo/gateway on @apollo/server's standalone server, as its documentation sets it up: no plugins,
 * no cache. Each subgraph request carries an internal token for that subgraph (the hub's subgraphs refuse
 * others).
 */
async function main(): Promise<void> {
  const { supergraphSdl, signer } = peerEnvironment();
  const token = await anonymousInternalTokens(signer, [...subgraphNamesByUrl(supergraphSdl).values()]);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          request.http?.headers.set(INTERNAL_TOKEN_HEADER, token(name));
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  announce(url);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
