import { readFileSync } from 'node:fs';
import {
  ANONYMOUS,
  GATEWAY_ISSUER,
  INTERNAL_TOKEN_TTL_SECONDS,
  parsePrivateKey,
  signInternalToken,
  subgraphIdentity,
  type InternalSigner,
} from '@hub/kit';
import { Kind, parse } from 'graphql';

/**
 * The anonymous internal tokens the peer gateways send to the hub's subgraphs (which refuse requests without
 * one), one per subgraph (its audience), re-signed well before they expire, as the hub's gateway reuses its
 * own (gateway/src/identity.ts, `InternalTokenCache`): signing is not what the comparison measures.
 */
export async function anonymousInternalTokens(
  signer: InternalSigner,
  subgraphs: readonly string[],
): Promise<(subgraph: string) => string> {
  const tokens = new Map<string, string>();
  const signAll = async () => {
    for (const name of subgraphs) {
      tokens.set(name, await signInternalToken(ANONYMOUS, signer, subgraphIdentity(name)));
    }
  };
  await signAll();
  const timer = setInterval(() => signAll().catch(console.error), (INTERNAL_TOKEN_TTL_SECONDS * 1000) / 3);
  timer.unref();
  return (subgraph) => tokens.get(subgraph) ?? '';
}

/** Subgraph name by routing URL, from the supergraph's `join__Graph` enum. */
export function subgraphNamesByUrl(supergraphSdl: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const argument = (key: string) => {
        const found = graph?.arguments?.find((candidate) => candidate.name.value === key)?.value;
        return found?.kind === Kind.STRING ? found.value : undefined;
      };
      const name = argument('name');
      const url = argument('url');
      if (name && url) names.set(url, name);
    }
  }
  return names;
}

/** What a peer gateway process is started with (environment) and says when it listens (stdout). */
export function peerEnvironment(): { supergraphSdl: string; signer: InternalSigner } {
  const supergraphPath = process.env.SUPERGRAPH_PATH;
  const key = process.env.INTERNAL_SIGNING_KEY;
  if (!supergraphPath || !key) throw new Error('SUPERGRAPH_PATH and INTERNAL_SIGNING_KEY are required');
  return {
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    signer: { issuer: GATEWAY_ISSUER, privateKey: parsePrivateKey(key, 'INTERNAL_SIGNING_KEY') },
  };
}

export function announce(url: string): void {
  process.stdout.write(`${JSON.stringify({ msg: 'peer listening', url })}\n`);
}
