import { readFileSync } from 'node:fs';
import { ANONYMOUS, INTERNAL_TOKEN_TTL_SECONDS, signInternalToken } from '@hub/kit';

/**
 * The anonymous internal token the peer gateways send to the hub's subgraphs (which refuse requests without
 * one), re-signed well before it expires. The hub's gateway signs one per request; signing is not what the
 * comparison measures, so the peers get it for free.
 */
export async function anonymousInternalToken(secret: string): Promise<() => string> {
  let token = await signInternalToken(ANONYMOUS, secret);
  const timer = setInterval(
    () => {
      signInternalToken(ANONYMOUS, secret).then((next) => (token = next), console.error);
    },
    (INTERNAL_TOKEN_TTL_SECONDS * 1000) / 3,
  );
  timer.unref();
  return () => token;
}

/** What a peer gateway process is started with (environment) and says when it listens (stdout). */
export function peerEnvironment(): { supergraphSdl: string; secret: string } {
  const supergraphPath = process.env.SUPERGRAPH_PATH;
  const secret = process.env.INTERNAL_TOKEN_SECRET;
  if (!supergraphPath || !secret) throw new Error('SUPERGRAPH_PATH and INTERNAL_TOKEN_SECRET are required');
  return { supergraphSdl: readFileSync(supergraphPath, 'utf8'), secret };
}

export function announce(url: string): void {
  process.stdout.write(`${JSON.stringify({ msg: 'peer listening', url })}\n`);
}
