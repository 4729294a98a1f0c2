import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateInternalKeyPair } from '@hub/kit';

/** An Ed25519 key pair as one-line JWKs (the form `INTERNAL_SIGNING_KEY`, `INTERNAL_VERIFY_KEYS` take). */
export interface InternalKeyPair {
  privateKey: string;
  publicKey: string;
}

/**
 * The keys of a local hub: client tokens (HS256), the gateway's key pair (it signs internal tokens, subgraphs
 * hold its public key) and one key pair per subgraph (its calls to peers, which hold its public key).
 */
export interface HubSecrets {
  jwtSecret: string;
  gatewayKeys: InternalKeyPair;
  /** By subgraph name; `startHub` adds a pair for a subgraph that has none. */
  subgraphKeys: Record<string, InternalKeyPair>;
}

/** Issuer and audience of the tokens the local hub issues and accepts. */
export const LOCAL_TOKEN_ISSUER = 'hub-local';
export const LOCAL_TOKEN_AUDIENCE = 'hub';

/** Fresh random secrets (tests, benchmarks): nothing is stored. */
export function newHubSecrets(subgraphNames: readonly string[] = []): HubSecrets {
  return {
    jwtSecret: randomBytes(32).toString('base64url'),
    gatewayKeys: generateInternalKeyPair(),
    subgraphKeys: Object.fromEntries(subgraphNames.map((name) => [name, generateInternalKeyPair()])),
  };
}

/**
 * Secrets from `<dataDir>/secrets.json`, created with fresh random keys on first use and completed when a
 * subgraph is new (mode 0600, in the git-ignored data folder), so that `npm start` and `npm run token` agree
 * without any setup; `JWT_SECRET` from the environment overrides the stored client token secret.
 */
export function loadLocalSecrets(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  subgraphNames: readonly string[] = [],
): HubSecrets {
  const file = path.join(dataDir, 'secrets.json');
  // an older file may hold `internalTokenSecret` (HS256, no longer used): it is dropped on rewrite
  let stored: Partial<HubSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<HubSecrets>;
  const secrets: HubSecrets = {
    jwtSecret: stored.jwtSecret ?? randomBytes(32).toString('base64url'),
    gatewayKeys: stored.gatewayKeys ?? generateInternalKeyPair(),
    subgraphKeys: { ...stored.subgraphKeys },
  };
  for (const name of subgraphNames) secrets.subgraphKeys[name] ??= generateInternalKeyPair();
  if (JSON.stringify(stored) !== JSON.stringify(secrets)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { ...secrets, jwtSecret: env.JWT_SECRET || secrets.jwtSecret };
}

/**
 * The internal-key variables of the subgraph `name` run as its own process (as a deployment sets them):
 * `INTERNAL_VERIFY_KEYS` (the gateway's public key), `INTERNAL_SIGNING_KEY` (its own) and `PEER_KEYS` (the
 * public keys of the subgraphs in `entries` that list it as a peer). Missing key pairs are added to `secrets`.
 */
export function subgraphKeyEnv(
  name: string,
  secrets: HubSecrets,
  entries: ReadonlyArray<{ name: string; peers: readonly string[] }>,
): Record<string, string> {
  const pairOf = (subgraph: string) => (secrets.subgraphKeys[subgraph] ??= generateInternalKeyPair());
  const callers = entries.filter((entry) => entry.peers.includes(name)).map((entry) => entry.name);
  return {
    INTERNAL_VERIFY_KEYS: secrets.gatewayKeys.publicKey,
    INTERNAL_SIGNING_KEY: pairOf(name).privateKey,
    PEER_KEYS: JSON.stringify(
      Object.fromEntries(callers.map((caller) => [caller, JSON.parse(pairOf(caller).publicKey) as unknown])),
    ),
  };
}
