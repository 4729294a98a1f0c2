import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import {
  ANONYMOUS,
  GATEWAY_ISSUER,
  INTERNAL_TOKEN_HEADER,
  signInternalToken,
  subgraphIdentity,
} from '@hub/kit';
import { GraphQLError } from 'graphql';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCallerVerifier,
  INVALID_TOKEN_MESSAGE,
  issueClientToken,
  isIdentityHeader,
  MALFORMED_AUTHORIZATION_MESSAGE,
  type ClientAuthConfig,
} from '../src';
import { FIXTURE_AUTH, startFixtureHub, type FixtureHub, type GraphQLResponse } from './fixtures/hub';
import { FIXTURE_INTERNAL_KEYS } from './fixtures/subgraphs';

const WHOAMI = '{ whoami { subject displayName organisationId roles identityHeaders } }';
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

interface SignOptions {
  key?: Uint8Array | CryptoKey;
  alg?: string;
  kid?: string;
  issuer?: string;
  audience?: string;
  /** Seconds since the epoch; `null` leaves the claim out. */
  exp?: number | null;
  nbf?: number;
}

/** A client token with exactly the given claims, signed with the fixture secret unless told otherwise. */
function sign(claims: JWTPayload, options: SignOptions = {}): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({
      alg: options.alg ?? 'HS256',
      typ: 'JWT',
      ...(options.kid ? { kid: options.kid } : {}),
    })
    .setIssuer(options.issuer ?? FIXTURE_AUTH.issuer)
    .setAudience(options.audience ?? FIXTURE_AUTH.audience)
    .setIssuedAt();
  const exp = options.exp === undefined ? now() + HOUR : options.exp;
  if (exp !== null) jwt.setExpirationTime(exp);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(options.key ?? new TextEncoder().encode(FIXTURE_AUTH.secret));
}

function fixtureToken(overrides: Partial<Parameters<typeof issueClientToken>[0]> = {}): Promise<string> {
  return issueClientToken({
    secret: FIXTURE_AUTH.secret,
    issuer: FIXTURE_AUTH.issuer,
    audience: FIXTURE_AUTH.audience,
    subject: 'user-42',
    name: 'Ana Partner',
    organisationId: 'org-cpmr',
    roles: ['editor', 'contributor'],
    ...overrides,
  });
}

/** HTTP 401, one UNAUTHENTICATED error, nothing else (no data, stack trace or token). */
function expectUnauthenticated(response: GraphQLResponse, message = INVALID_TOKEN_MESSAGE): void {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer realm="hub", error="invalid_token"');
  expect(response.body).toEqual({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
  expect(response.text).not.toContain('stacktrace');
  expect(response.text).not.toMatch(/eyJ/);
}

async function rejects(promise: Promise<unknown>): Promise<GraphQLError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe('createCallerVerifier (hs256)', () => {
  const verify = createCallerVerifier(FIXTURE_AUTH);

  it('answers ANONYMOUS without a header or with an empty one', async () => {
    expect(await verify(undefined)).toBe(ANONYMOUS);
    expect(await verify('')).toBe(ANONYMOUS);
    expect(await verify('   ')).toBe(ANONYMOUS);
  });

  it('reads sub, name, org and roles from a valid token', async () => {
    expect(await verify(`Bearer ${await fixtureToken()}`)).toEqual({
      subject: 'user-42',
      displayName: 'Ana Partner',
      organisationId: 'org-cpmr',
      roles: ['editor', 'contributor'],
    });
  });

  it('accepts the scheme in any case', async () => {
    expect((await verify(`bearer ${await fixtureToken()}`)).subject).toBe('user-42');
    expect((await verify(`BEARER ${await fixtureToken()}`)).subject).toBe('user-42');
  });

  it('reads roles from an array or a space-separated string, dropping unknown roles', async () => {
    const fromString = await verify(`Bearer ${await sign({ sub: 'a', roles: 'editor  root moderator' })}`);
    expect(fromString.roles).toEqual(['editor', 'moderator']);
    const fromArray = await verify(
      `Bearer ${await sign({ sub: 'a', roles: ['admin', 'superuser', 7, 'admin'] })}`,
    );
    expect(fromArray.roles).toEqual(['admin']);
    const none = await verify(`Bearer ${await sign({ sub: 'a', roles: { admin: true } })}`);
    expect(none).toEqual({ subject: 'a', displayName: null, organisationId: null, roles: [] });
  });

  it('ignores name and org claims that are not strings', async () => {
    const caller = await verify(`Bearer ${await sign({ sub: 'a', name: 12, org: ['x'] })}`);
    expect(caller).toEqual({ subject: 'a', displayName: null, organisationId: null, roles: [] });
  });

  it('throws UNAUTHENTICATED (HTTP 401) for every kind of bad token, never ANONYMOUS', async () => {
    const otherKey = new TextEncoder().encode('another-secret-of-at-least-32-characters');
    const cases: Array<[string, string, string]> = [
      ['bad signature', `Bearer ${await sign({ sub: 'a' }, { key: otherKey })}`, INVALID_TOKEN_MESSAGE],
      ['expired', `Bearer ${await sign({ sub: 'a' }, { exp: now() - HOUR })}`, INVALID_TOKEN_MESSAGE],
      ['not yet valid', `Bearer ${await sign({ sub: 'a' }, { nbf: now() + HOUR })}`, INVALID_TOKEN_MESSAGE],
      ['no exp', `Bearer ${await sign({ sub: 'a' }, { exp: null })}`, INVALID_TOKEN_MESSAGE],
      ['wrong issuer', `Bearer ${await sign({ sub: 'a' }, { issuer: 'evil' })}`, INVALID_TOKEN_MESSAGE],
      ['wrong audience', `Bearer ${await sign({ sub: 'a' }, { audience: 'other' })}`, INVALID_TOKEN_MESSAGE],
      ['no sub', `Bearer ${await sign({ name: 'x' })}`, INVALID_TOKEN_MESSAGE],
      ['empty sub', `Bearer ${await sign({ sub: '' })}`, INVALID_TOKEN_MESSAGE],
      ['reserved sub', `Bearer ${await sign({ sub: 'anonymous', roles: ['admin'] })}`, INVALID_TOKEN_MESSAGE],
      ['HS512', `Bearer ${await sign({ sub: 'a' }, { alg: 'HS512' })}`, INVALID_TOKEN_MESSAGE],
      [
        'alg none',
        `Bearer ${new UnsecuredJWT({ sub: 'a' }).setIssuer(FIXTURE_AUTH.issuer).setAudience(FIXTURE_AUTH.audience).setExpirationTime('1h').encode()}`,
        INVALID_TOKEN_MESSAGE,
      ],
      ['not a JWT', 'Bearer abc', INVALID_TOKEN_MESSAGE],
      ['three garbage parts', 'Bearer a.b.c', INVALID_TOKEN_MESSAGE],
      ['Basic', 'Basic eHl6OnBhc3M=', MALFORMED_AUTHORIZATION_MESSAGE],
      ['no scheme', await fixtureToken(), MALFORMED_AUTHORIZATION_MESSAGE],
      ['scheme only', 'Bearer', MALFORMED_AUTHORIZATION_MESSAGE],
      [
        'two tokens',
        `Bearer ${await fixtureToken()} ${await fixtureToken()}`,
        MALFORMED_AUTHORIZATION_MESSAGE,
      ],
    ];
    for (const [name, header, message] of cases) {
      const error = await rejects(verify(header));
      expect({ name, message: error.message, extensions: error.extensions }).toEqual({
        name,
        message,
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
  });

  it('refuses a secret shorter than 32 characters when created', () => {
    expect(() => createCallerVerifier({ ...FIXTURE_AUTH, secret: 'too short' })).toThrow(/at least 32/);
  });
});

describe('identity through the gateway (hs256)', () => {
  let hub: FixtureHub;

  beforeAll(async () => {
    hub = await startFixtureHub();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const calls = () => hub.subgraphs.greetings.calls + hub.subgraphs.reactions.calls;

  it('sends anonymous callers to the subgraphs as anonymous', async () => {
    const response = await hub.query(WHOAMI);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        whoami: { subject: null, displayName: null, organisationId: null, roles: [], identityHeaders: [] },
      },
    });
  });

  it('carries the claims of a valid token to the subgraph', async () => {
    const response = await hub.query(WHOAMI, undefined, { authorization: `Bearer ${await fixtureToken()}` });
    expect(response.body).toEqual({
      data: {
        whoami: {
          subject: 'user-42',
          displayName: 'Ana Partner',
          organisationId: 'org-cpmr',
          roles: ['editor', 'contributor'],
          identityHeaders: [],
        },
      },
    });
  });

  it('carries the caller on every subgraph request of a federated query', async () => {
    const token = await fixtureToken();
    const response = await hub.query('{ greeting(id: "1") { id likes } whoami { subject } }', undefined, {
      authorization: `Bearer ${token}`,
    });
    expect(response.body).toEqual({
      data: { greeting: { id: '1', likes: 10 }, whoami: { subject: 'user-42' } },
    });
  });

  it('strips identity headers a client sends and replaces a forged internal token', async () => {
    // forged with the real key (as if it had leaked), claiming an admin: it must still be replaced
    const forged = await signInternalToken(
      { subject: 'root', displayName: 'Root', organisationId: null, roles: ['admin'] },
      { issuer: GATEWAY_ISSUER, privateKey: FIXTURE_INTERNAL_KEYS.privateKey },
      subgraphIdentity('greetings'),
    );
    const spoofing = {
      'x-user': 'admin',
      'x-user-id': 'root',
      'x-user-roles': 'admin',
      'x-hub-caller': 'root',
      [INTERNAL_TOKEN_HEADER]: forged,
      cookie: 'session=stolen',
      'x-forwarded-user': 'root',
    };
    const anonymous = await hub.query(WHOAMI, undefined, spoofing);
    expect(anonymous.body).toEqual({
      data: {
        whoami: { subject: null, displayName: null, organisationId: null, roles: [], identityHeaders: [] },
      },
    });

    const signedIn = await hub.query(WHOAMI, undefined, {
      ...spoofing,
      authorization: `Bearer ${await fixtureToken({ roles: ['contributor'] })}`,
    });
    expect(signedIn.body).toEqual({
      data: {
        whoami: {
          subject: 'user-42',
          displayName: 'Ana Partner',
          organisationId: 'org-cpmr',
          roles: ['contributor'],
          identityHeaders: [],
        },
      },
    });

    // a forged token signed with some other key is replaced too (else the subgraph would answer 401)
    const garbage = await hub.query(WHOAMI, undefined, {
      [INTERNAL_TOKEN_HEADER]: 'eyJhbGciOiJub25lIn0.e30.',
    });
    expect(garbage.body.data).toMatchObject({ whoami: { subject: null } });
  });

  it('answers every bad token with HTTP 401 UNAUTHENTICATED without calling a subgraph', async () => {
    const otherKey = new TextEncoder().encode('another-secret-of-at-least-32-characters');
    const cases: Array<[string, string]> = [
      [`Bearer ${await sign({ sub: 'a' }, { key: otherKey })}`, INVALID_TOKEN_MESSAGE],
      [`Bearer ${await sign({ sub: 'a' }, { exp: now() - 60 })}`, INVALID_TOKEN_MESSAGE],
      [`Bearer ${await sign({ sub: 'a' }, { nbf: now() + HOUR })}`, INVALID_TOKEN_MESSAGE],
      [`Bearer ${await sign({ sub: 'a' }, { audience: 'other' })}`, INVALID_TOKEN_MESSAGE],
      [`Bearer ${await sign({ sub: 'a' }, { issuer: 'evil' })}`, INVALID_TOKEN_MESSAGE],
      [`Bearer ${await sign({ name: 'no subject', roles: ['admin'] })}`, INVALID_TOKEN_MESSAGE],
      ['Bearer abc', INVALID_TOKEN_MESSAGE],
      ['Basic xyz', MALFORMED_AUTHORIZATION_MESSAGE],
    ];
    for (const [authorization, message] of cases) {
      const before = calls();
      const response = await hub.query(WHOAMI, undefined, { authorization, 'x-user': 'admin' });
      expectUnauthenticated(response, message);
      expect(calls()).toBe(before);
    }
  });

  it('answers 401 on GET too, and for a query that would not reach a subgraph', async () => {
    const url = `${hub.gateway.url}?query=${encodeURIComponent('{ __typename }')}`;
    const response = await fetch(url, {
      headers: { 'apollo-require-preflight': '1', authorization: 'Bearer abc' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errors: [{ message: INVALID_TOKEN_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('passes UNAUTHENTICATED from a subgraph resolver through, with the rest of the data', async () => {
    // the subgraph answers this with HTTP 401 (kit's `unauthenticated` asks for it) but a full result
    const anonymous = await hub.query('{ greetings { id } mySubject }');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({
      data: { greetings: [{ id: '1' }, { id: '2' }], mySubject: null },
      errors: [
        {
          message: 'Sign in to do this: send `Authorization: Bearer <token>`.',
          path: ['mySubject'],
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
    const signedIn = await hub.query('{ mySubject }', undefined, {
      authorization: `Bearer ${await fixtureToken()}`,
    });
    expect(signedIn.body).toEqual({ data: { mySubject: 'user-42' } });
  });

  it('keeps fieldErrors of BAD_USER_INPUT, currentVersion of CONFLICT, retryAfterSeconds of RATE_LIMITED, and nothing else', async () => {
    const invalid = await hub.query('{ failWithInvalidFields }');
    expect(invalid.body.errors).toEqual([
      {
        message: 'Invalid input: input.websiteUrl: must be a URL',
        path: ['failWithInvalidFields'],
        extensions: {
          code: 'BAD_USER_INPUT',
          fieldErrors: [
            { path: 'input.websiteUrl', messages: ['must be a URL'] },
            { path: 'input.name', messages: ['must not be empty'] },
          ],
        },
      },
    ]);
    const conflict = await hub.query('{ failWithConflict }');
    expect(conflict.body.errors).toEqual([
      {
        message: 'The record changed since you read it.',
        path: ['failWithConflict'],
        extensions: { code: 'CONFLICT', currentVersion: 7 },
      },
    ]);
    const limited = await hub.query('{ failWithRateLimit }');
    expect(limited.body.errors).toEqual([
      {
        message: 'You are posting too fast: wait 12 seconds.',
        path: ['failWithRateLimit'],
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 12 },
      },
    ]);
    expect(invalid.text + conflict.text + limited.text).not.toContain('hunter2');
  });

  it('still reports readiness: the health probes of subgraphs need no token', async () => {
    const ready = await fetch(`${hub.origin}/health/ready`);
    expect(ready.status).toBe(200);
  });
});

describe('internal tokens for one subgraph only', () => {
  it('a token the gateway signed for greetings is refused by reactions (UNAUTHENTICATED)', async () => {
    const hub = await startFixtureHub();
    try {
      const token = await signInternalToken(
        ANONYMOUS,
        { issuer: GATEWAY_ISSUER, privateKey: FIXTURE_INTERNAL_KEYS.privateKey },
        subgraphIdentity('greetings'),
      );
      const ask = (url: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
      expect((await ask(hub.subgraphs.greetings.url)).status).toBe(200);
      const refused = await ask(hub.subgraphs.reactions.url);
      expect(refused.status).toBe(401);
      expect(
        ((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0],
      ).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      await hub.stop();
    }
  });
});

describe('a gateway whose internal token the subgraphs refuse', () => {
  it('masks the subgraphs’ 401 as an internal error rather than blaming the client', async () => {
    const hub = await startFixtureHub({ internalSigningKey: generateKeyPairSync('ed25519').privateKey });
    try {
      const response = await hub.query(WHOAMI, undefined, {
        authorization: `Bearer ${await fixtureToken()}`,
      });
      expect(response.body.errors).toEqual([
        { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expect(hub.subgraphs.greetings.calls).toBe(1);
      expect(hub.logs.some((log) => log.msg === 'masked an error before sending it to the client')).toBe(
        true,
      );
    } finally {
      await hub.stop();
    }
  });

  it('refuses to start with an internal signing key that is not Ed25519', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await expect(startFixtureHub({ internalSigningKey: rsa })).rejects.toThrow(/Ed25519/);
  });
});

/** A JWKS endpoint on port 0 that counts its requests. */
async function startJwksServer(
  keys: object[],
): Promise<{ url: string; requests: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/.well-known/jwks.json`, requests: () => requests, server };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

describe('identity through the gateway (jwks)', () => {
  const KID = 'partner-idp-1';
  const JWKS_AUTH = { issuer: 'https://id.partner.example', audience: 'hub-api' };
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let privateKey: CryptoKey;
  let otherPrivateKey: CryptoKey;
  let hub: FixtureHub;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    otherPrivateKey = (await generateKeyPair('RS256')).privateKey;
    jwks = await startJwksServer([
      { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' },
    ]);
    hub = await startFixtureHub({ auth: { mode: 'jwks', jwksUrl: jwks.url, ...JWKS_AUTH } });
  });

  afterAll(async () => {
    await hub?.stop();
    if (jwks) await closeServer(jwks.server);
  });

  const rsToken = (claims: JWTPayload, key: CryptoKey = privateKey, kid = KID) =>
    sign(claims, { key, alg: 'RS256', kid, ...JWKS_AUTH });

  it('accepts a token signed with the published key, with roles as a space-separated string', async () => {
    const token = await rsToken({ sub: 'idp|77', name: 'Ion', org: 'org-ro', roles: 'moderator wizard' });
    const response = await hub.query(WHOAMI, undefined, { authorization: `Bearer ${token}` });
    expect(response.body).toEqual({
      data: {
        whoami: {
          subject: 'idp|77',
          displayName: 'Ion',
          organisationId: 'org-ro',
          roles: ['moderator'],
          identityHeaders: [],
        },
      },
    });
    // the key set is fetched once and cached
    await hub.query(WHOAMI, undefined, { authorization: `Bearer ${token}` });
    expect(jwks.requests()).toBe(1);
  });

  it('still serves anonymous callers', async () => {
    const response = await hub.query(WHOAMI);
    expect(response.body.data).toMatchObject({ whoami: { subject: null } });
  });

  it('refuses a token signed by another key pair, or with HS256, with 401 and no subgraph call', async () => {
    const before = hub.subgraphs.greetings.calls;
    const hmacKey = new TextEncoder().encode('a-shared-secret-of-at-least-32-characters');
    const publicJwk = { ...(await exportJWK((await generateKeyPair('RS256')).publicKey)), kid: KID };
    const tokens = [
      await rsToken({ sub: 'a' }, otherPrivateKey),
      await rsToken({ sub: 'a' }, otherPrivateKey, 'unknown-kid'),
      await sign({ sub: 'a' }, { key: hmacKey, ...JWKS_AUTH }),
      // HS256 with the public key's modulus as the secret: the classic algorithm confusion
      await sign(
        { sub: 'a' },
        { key: new TextEncoder().encode(String(publicJwk.n)), kid: KID, ...JWKS_AUTH },
      ),
      await sign({ sub: 'a' }, { key: privateKey, alg: 'RS256', kid: KID, ...JWKS_AUTH, audience: 'hub' }),
      await sign({ sub: 'a' }, { key: privateKey, alg: 'RS256', kid: KID, ...JWKS_AUTH, exp: now() - 60 }),
    ];
    for (const token of tokens) {
      expectUnauthenticated(await hub.query(WHOAMI, undefined, { authorization: `Bearer ${token}` }));
    }
    expect(hub.subgraphs.greetings.calls).toBe(before);
  });

  it('answers 503 (masked, logged) when the key set cannot be fetched, never 401 or anonymous', async () => {
    const gone = await startJwksServer([]);
    await closeServer(gone.server);
    const auth: ClientAuthConfig = { mode: 'jwks', jwksUrl: gone.url, ...JWKS_AUTH };
    const unreachable = await startFixtureHub({ auth });
    try {
      const token = await rsToken({ sub: 'a' });
      const response = await unreachable.query(WHOAMI, undefined, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
      expect(unreachable.subgraphs.greetings.calls).toBe(0);
      expect(
        unreachable.logs.some((log) => log.msg === 'masked an error before sending it to the client'),
      ).toBe(true);
    } finally {
      await unreachable.stop();
    }
  });
});

describe('isIdentityHeader', () => {
  it('covers credentials, cookies and identity claims, and leaves other headers alone', () => {
    for (const name of [
      'authorization',
      'Authorization',
      'proxy-authorization',
      'cookie',
      'x-user',
      'X-User-Id',
      'x-userid',
      'x-hub-internal-token',
      'x-hub-caller',
      'x-auth-request-user',
      'x-forwarded-user',
      'x-remote-user',
    ]) {
      expect({ name, identity: isIdentityHeader(name) }).toEqual({ name, identity: true });
    }
    for (const name of ['content-type', 'accept', 'apollo-federation-include-trace', 'x-request-id']) {
      expect({ name, identity: isIdentityHeader(name) }).toEqual({ name, identity: false });
    }
  });
});
