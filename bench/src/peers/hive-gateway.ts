import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { INTERNAL_TOKEN_HEADER } from '@hub/kit';
import { announce, anonymousInternalToken, peerEnvironment } from './internal-token';

/**
 * Hive Gateway's runtime (@graphql-hive/gateway-runtime) on node:http with its defaults, on the same
 * supergraph. Each subgraph request carries the internal token (the hub's subgraphs refuse others).
 */
async function main(): Promise<void> {
  const { supergraphSdl, secret } = peerEnvironment();
  const token = await anonymousInternalToken(secret);
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: process.env.HIVE_LOG === 'debug' ? 'debug' : 'error',
    plugins: () => [
      {
        onFetch({ options, setOptions }) {
          setOptions({ ...options, headers: { ...options.headers, [INTERNAL_TOKEN_HEADER]: token() } });
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
