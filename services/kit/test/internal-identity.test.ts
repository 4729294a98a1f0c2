import { generateKeyPairSync } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  GATEWAY_ISSUER,
  signInternalToken,
  subgraphIdentity,
  verifyInternalToken,
  type Caller,
  type InternalTrust,
} from '../src/writes/identity';
import { generateInternalKeyPair, parsePrivateKey, parsePublicKeys } from '../src/writes/internal-keys';

const gateway = generateInternalKeyPair();
const rotated = generateInternalKeyPair();
const forum = generateInternalKeyPair();
const gatewaySigner = { issuer: GATEWAY_ISSUER, privateKey: parsePrivateKey(gateway.privateKey) };
const forumSigner = { issuer: subgraphIdentity('forum'), privateKey: parsePrivateKey(forum.privateKey) };
const editor: Caller = { subject: 'user-1', displayName: 'Ed', organisationId: 'cor', roles: ['editor'] };

/** What the events subgraph trusts: the gateway (two keys during a rotation) and forum as a peer. */
const events: InternalTrust = {
  audience: subgraphIdentity('events'),
  gatewayKeys: [...parsePublicKeys(rotated.publicKey), ...parsePublicKeys(gateway.publicKey)],
  peerKeys: { forum: parsePublicKeys(forum.publicKey) },
};

async function refusal(token: string | undefined, trust: InternalTrust = events): Promise<unknown> {
  return verifyInternalToken(token, trust).then(
    () => 'accepted',
    (error: unknown) => error,
  );
}

function expectUnauthenticated(error: unknown): void {
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
}

describe('internal tokens (EdDSA, one audience per subgraph)', () => {
  it('carries the caller from the gateway to the subgraph it was signed for (any key of a rotation)', async () => {
    const token = await signInternalToken(editor, gatewaySigner, subgraphIdentity('events'));
    expect(await verifyInternalToken(token, events)).toEqual(editor);
    const [header] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'EdDSA' });
  });

  it('refuses a token signed for another subgraph', async () => {
    const token = await signInternalToken(editor, gatewaySigner, subgraphIdentity('forum'));
    expectUnauthenticated(await refusal(token));
  });

  it('refuses HS256 and unsigned tokens, whatever they claim', async () => {
    const claims = { roles: ['admin'], org: 'cor' };
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraphIdentity('events'))
      .setSubject('attacker')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    const none = new UnsecuredJWT(claims)
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraphIdentity('events'))
      .setSubject('attacker')
      .setIssuedAt()
      .setExpirationTime('60s')
      .encode();
    for (const token of [hs256, none, 'not a token', undefined]) expectUnauthenticated(await refusal(token));
  });

  it("refuses a subgraph's key posing as the gateway", async () => {
    const forged = await signInternalToken(
      { ...editor, roles: ['admin'] },
      { issuer: GATEWAY_ISSUER, privateKey: forumSigner.privateKey },
      subgraphIdentity('events'),
    );
    expectUnauthenticated(await refusal(forged));
  });

  it('refuses expired tokens and tokens issued long ago', async () => {
    const key = gatewaySigner.privateKey;
    const expired = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraphIdentity('events'))
      .setSubject('user-1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    const longLived = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraphIdentity('events'))
      .setSubject('user-1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime('1d')
      .sign(key);
    const withoutExpiry = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraphIdentity('events'))
      .setSubject('user-1')
      .setIssuedAt()
      .sign(key);
    for (const token of [expired, longLived, withoutExpiry]) expectUnauthenticated(await refusal(token));
  });

  it('refuses a token for several audiences', async () => {
    const token = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience([subgraphIdentity('events'), subgraphIdentity('forum')])
      .setSubject('anonymous')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(gatewaySigner.privateKey);
    expectUnauthenticated(await refusal(token));
  });

  it('accepts a trusted peer as anonymous only, and no untrusted subgraph', async () => {
    const peerCall = await signInternalToken(ANONYMOUS, forumSigner, subgraphIdentity('events'));
    expect(await verifyInternalToken(peerCall, events)).toEqual(ANONYMOUS);
    // a peer cannot speak for a person: the key of one subgraph never yields roles elsewhere
    expectUnauthenticated(
      await refusal(await signInternalToken(editor, forumSigner, subgraphIdentity('events'))),
    );
    // forum is no peer of regions (no key in its PEER_KEYS)
    const regions: InternalTrust = { ...events, audience: subgraphIdentity('regions'), peerKeys: {} };
    expectUnauthenticated(
      await refusal(await signInternalToken(ANONYMOUS, forumSigner, subgraphIdentity('regions')), regions),
    );
    // a peer token signed by another key in forum's name
    const impostor = { issuer: subgraphIdentity('forum'), privateKey: parsePrivateKey(rotated.privateKey) };
    expectUnauthenticated(
      await refusal(await signInternalToken(ANONYMOUS, impostor, subgraphIdentity('events'))),
    );
  });
});

describe('internal key settings', () => {
  it('reads PEM and JWK, several public keys, and refuses private or non-Ed25519 keys as public keys', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(parsePrivateKey(privatePem).asymmetricKeyType).toBe('ed25519');
    expect(parsePrivateKey(privatePem.replace(/\n/g, '\\n')).asymmetricKeyType).toBe('ed25519');
    expect(parsePublicKeys(`${pem}${pem}`)).toHaveLength(2);
    expect(parsePublicKeys(JSON.stringify({ keys: [JSON.parse(gateway.publicKey)] }))).toHaveLength(1);
    expect(() => parsePublicKeys(privatePem)).toThrow(/private key/);
    expect(() => parsePublicKeys(gateway.privateKey)).toThrow(/private key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => parsePublicKeys(rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString())).toThrow(
      /Ed25519/,
    );
    expect(() => parsePrivateKey('not a key')).toThrow(/signing key/);
  });
});
