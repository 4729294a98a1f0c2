import { randomBytes } from 'node:crypto';
import { passwordEnvName, readSubgraphList } from '@hub/schema';
import { newHubSecrets, subgraphKeyEnv } from './secrets';

const USAGE = `Prints a fresh set of internal identity keys (Ed25519) and database passwords as env-file lines for
infra/compose.yaml (save them as infra/.env, never commit it) or for your secret manager:

  npm run -s keys -w @hub/local > infra/.env

HUB_GATEWAY_SIGNING_KEY      the gateway's private key (INTERNAL_SIGNING_KEY of the gateway only)
HUB_GATEWAY_PUBLIC_KEY       its public key (INTERNAL_VERIFY_KEYS of every subgraph)
HUB_<NAME>_SIGNING_KEY       a subgraph's own private key (its INTERNAL_SIGNING_KEY: calls to peers)
HUB_<NAME>_PEER_KEYS         public keys of the subgraphs that list it as a peer in schema/subgraphs.json
                             (its PEER_KEYS)
HUB_POSTGRES_PASSWORD        compose's PostgreSQL superuser (only its db-roles service uses it)
HUB_<NAME>_DATABASE_PASSWORD the password of a subgraph's own database role hub_<name> (infra/db/roles.sql
                             sets it; the subgraph's DATABASE_URL uses it)`;

/**
 * A random database password: hex, so it goes into a DATABASE_URL, an env file and a psql variable without
 * any escaping.
 */
function databasePassword(): string {
  return randomBytes(24).toString('hex');
}

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
    '# Internal identity keys and database passwords of one deployment (npm run keys -w @hub/local); secret: never commit this file.',
    `HUB_GATEWAY_SIGNING_KEY=${quoted(secrets.gatewayKeys.privateKey)}`,
    `HUB_GATEWAY_PUBLIC_KEY=${quoted(secrets.gatewayKeys.publicKey)}`,
    `HUB_POSTGRES_PASSWORD=${databasePassword()}`,
  ];
  for (const entry of entries) {
    const env = subgraphKeyEnv(entry.name, secrets, entries);
    const prefix = `HUB_${entry.name.toUpperCase()}`;
    lines.push(`${prefix}_SIGNING_KEY=${quoted(env.INTERNAL_SIGNING_KEY!)}`);
    lines.push(`${prefix}_PEER_KEYS=${quoted(env.PEER_KEYS!)}`);
    lines.push(`${passwordEnvName(entry.name)}=${databasePassword()}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
