import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The two keys of a local hub: client tokens (HS256) and the gateway → subgraph internal tokens. */
export interface HubSecrets {
  jwtSecret: string;
  internalTokenSecret: string;
}

/** Issuer and audience of the tokens the local hub issues and accepts. */
export const LOCAL_TOKEN_ISSUER = 'hub-local';
export const LOCAL_TOKEN_AUDIENCE = 'hub';

/**
 * Secrets from the environment (`JWT_SECRET`, `INTERNAL_TOKEN_SECRET`) or else from `<dataDir>/secrets.json`,
 * which is created with fresh random keys on first use (mode 0600, in the git-ignored data folder), so that
 * `npm start` and `npm run token` agree without any setup.
 */
export function loadLocalSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): HubSecrets {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<HubSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<HubSecrets>;
  const secrets: HubSecrets = {
    jwtSecret: stored.jwtSecret ?? randomBytes(32).toString('base64url'),
    internalTokenSecret: stored.internalTokenSecret ?? randomBytes(32).toString('base64url'),
  };
  if (stored.jwtSecret !== secrets.jwtSecret || stored.internalTokenSecret !== secrets.internalTokenSecret) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    jwtSecret: env.JWT_SECRET || secrets.jwtSecret,
    internalTokenSecret: env.INTERNAL_TOKEN_SECRET || secrets.internalTokenSecret,
  };
}
