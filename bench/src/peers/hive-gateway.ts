import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { INTERNAL_TOKEN_HEADER } from '@hub/kit';
import { announce, anonymousInternalTokens, peerEnvironment, subgraphNamesByUrl } from './internal-token';

/**
 * Hive Gateway's runtime (@graphql-hive/gateway-runtime) on node:http with its defaults, on the same
 * supergraph. Each subgraph request carries the internal token (the hub's subgraphs refuse others).
 */
async function main(): Promise<void> {
  const { supergraphSdl, signer } = peerEnvironment();
  const names = subgraphNamesByUrl(supergraphSdl);
  const token = await anonymousInternalTokens(signer, [...names.values()]);
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: process.env.HIVE_LOG === 'debug' ? 'debug' : 'error',
    plugins: () => [
      {
        onFetch({ url, options, setOptions }) {
          // the subgraph is known by its URL here: its token is for its audience
          const subgraph = names.get(url) ?? '';
          setOptions({
            ...options,
            headers: { ...options.headers, [INTERNAL_TOKEN_HEADER]: token(subgraph) },
          });
        },
      },
    ],
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
