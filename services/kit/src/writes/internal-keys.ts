import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * Key material of the internal identity (see `identity.ts`): Ed25519 keys as settings. A private key is a
 * PKCS#8 PEM or a JWK (JSON); public keys are SPKI PEM blocks (several concatenated), a JWK, a JSON array of
 * JWKs or a JWK set (`{"keys": [...]}`): several during a key rotation. JWKs fit on one line, which suits
 * env files; PEM suits Kubernetes Secrets. A `\n` written literally (escaped) in a PEM counts as a newline.
 */

function unescapeNewlines(text: string): string {
  return text.trim().replace(/\\n/g, '\n');
}

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${what} must be an Ed25519 key (found ${key.asymmetricKeyType ?? key.type})`);
  }
  return key;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is neither a PEM nor valid JSON`);
  }
}

/** A private Ed25519 key (PKCS#8 PEM or private JWK with `d`). */
export function parsePrivateKey(text: string, what = 'the signing key'): KeyObject {
  const value = unescapeNewlines(text);
  try {
    const key = value.startsWith('-----')
      ? createPrivateKey(value)
      : createPrivateKey({ key: parseJson(value, what) as never, format: 'jwk' });
    return requireEd25519(key, what);
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function publicKeyOf(input: unknown, what: string): KeyObject {
  if (typeof input === 'string') {
    if (/PRIVATE KEY/.test(input)) throw new Error(`${what} holds a private key; give only the public key`);
    return requireEd25519(createPublicKey(unescapeNewlines(input)), what);
  }
  if (input && typeof input === 'object' && 'd' in input) {
    throw new Error(`${what} holds a private key; give only the public key`);
  }
  return requireEd25519(createPublicKey({ key: input as never, format: 'jwk' }), what);
}

/** One or more public Ed25519 keys (PEM blocks, a JWK, an array of JWKs or a JWK set); never a private key. */
export function parsePublicKeys(input: unknown, what = 'the verification keys'): KeyObject[] {
  try {
    if (typeof input === 'string') {
      const value = unescapeNewlines(input);
      if (value.startsWith('-----')) {
        const blocks = value.match(/-----BEGIN [^-]+-----[\s\S]*?-----END [^-]+-----/g) ?? [];
        if (blocks.length === 0) throw new Error('no PEM block found');
        return blocks.map((block) => publicKeyOf(block, what));
      }
      return parsePublicKeys(parseJson(value, what), what);
    }
    const list =
      input && typeof input === 'object' && 'keys' in input ? (input as { keys: unknown }).keys : input;
    const keys = (Array.isArray(list) ? list : [list]).map((key) => publicKeyOf(key, what));
    if (keys.length === 0) throw new Error('no key given');
    return keys;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.startsWith(what) ? message : `${what}: ${message}`);
  }
}

/**
 * `PEER_KEYS`: a JSON object from subgraph name to its public key(s) (a PEM string, a JWK or an array), e.g.
 * `{"events": {"kty":"OKP","crv":"Ed25519","x":"…"}}`: the subgraphs allowed to call this one as peers.
 */
export function parsePeerKeys(text: string): Record<string, KeyObject[]> {
  const map = parseJson(text.trim(), 'PEER_KEYS');
  if (!map || typeof map !== 'object' || Array.isArray(map)) {
    throw new Error('PEER_KEYS must be a JSON object: subgraph name → public key(s)');
  }
  return Object.fromEntries(
    Object.entries(map).map(([name, keys]) => {
      if (!/^[a-z][a-z0-9_-]*$/.test(name)) throw new Error(`PEER_KEYS: "${name}" is not a subgraph name`);
      return [name, parsePublicKeys(keys, `PEER_KEYS.${name}`)];
    }),
  );
}

/** A new Ed25519 key pair as one-line JWKs (JSON): the private key for its owner, the public one for others. */
export function generateInternalKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: JSON.stringify(privateKey.export({ format: 'jwk' })),
    publicKey: JSON.stringify(publicKey.export({ format: 'jwk' })),
  };
}
