import { readSubgraphList } from '@hub/schema';
import { newHubSecrets, subgraphKeyEnv } from './secrets';

const USAGE = `Prints a fresh set of internal identity keys (Ed25519) as env-file lines for infra/compose.yaml
(save them as infra/.env, never commit it) or for your secret manager:

  npm run -s keys -w @hub/local > infra/.env

HUB_GATEWAY_SIGNING_KEY      the gateway's private key (INTERNAL_SIGNING_KEY of the gateway only)
HUB_GATEWAY_PUBLIC_KEY       its public key (INTERNAL_VERIFY_KEYS of every subgraph)
HUB_<NAME>_SIGNING_KEY       a subgraph's own private key (its INTERNAL_SIGNING_KEY: calls to peers)
HUB_<NAME>_PEER_KEYS         public keys of the subgraphs that list it as a peer in schema/subgraphs.json
                             (its PEER_KEYS)`;

/** An env-file value in single quotes: taken literally by Docker Compose (JWKs hold double quotes). */
function quoted(value: string): string {
  return `'${value}'`;
}

function main(): void {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const entries = readSubgraphList();
  const secrets = newHubSecrets(entries.map((entry) => entry.name));
  const lines = [
    '# Internal identity keys of one deployment (npm run keys -w @hub/local); secret: never commit this file.',
    `HUB_GATEWAY_SIGNING_KEY=${quoted(secrets.gatewayKeys.privateKey)}`,
    `HUB_GATEWAY_PUBLIC_KEY=${quoted(secrets.gatewayKeys.publicKey)}`,
  ];
  for (const entry of entries) {
    const env = subgraphKeyEnv(entry.name, secrets, entries);
    const prefix = `HUB_${entry.name.toUpperCase()}`;
    lines.push(`${prefix}_SIGNING_KEY=${quoted(env.INTERNAL_SIGNING_KEY!)}`);
    lines.push(`${prefix}_PEER_KEYS=${quoted(env.PEER_KEYS!)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
