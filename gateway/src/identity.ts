import {
  ANONYMOUS,
  INTERNAL_TOKEN_TTL_SECONDS,
  isRole,
  signInternalToken,
  unauthenticated,
  type Caller,
  type InternalSigner,
  type Role,
} from '@hub/kit';
import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GraphQLError } from 'graphql';

/**
 * How the gateway verifies the tokens clients send (`Authorization: Bearer <jwt>`): with a secret it shares
 * with the token issuer (HS256, local development and tests), or with the public keys an identity provider
 * publishes as a JSON Web Key Set.
 */
export type ClientAuthConfig =
  | { mode: 'hs256'; secret: string; issuer: string; audience: string }
  | { mode: 'jwks'; jwksUrl: string; issuer: string; audience: string };

/** Turns an `Authorization` header value (or its absence) into the caller; see `createCallerVerifier`. */
export type CallerVerifier = (authorization: string | undefined) => Promise<Caller>;

/** Shortest HS256 secret accepted (256 bits of text, as RFC 7518 asks of HS256 keys). */
export const MIN_SECRET_LENGTH = 32;
/** Algorithms accepted in each mode; `none` and HMAC-with-a-public-key confusions are impossible. */
export const HS256_ALGORITHMS: readonly string[] = ['HS256'];
export const JWKS_ALGORITHMS: readonly string[] = ['RS256', 'ES256', 'PS256', 'EdDSA'];
/** Allowed clock skew between the token issuer and the gateway when checking `exp` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 5;
/** Lifetime of tokens from `issueClientToken` unless given. */
export const DEFAULT_CLIENT_TOKEN_TTL_SECONDS = 3600;

export const MALFORMED_AUTHORIZATION_MESSAGE = 'Malformed Authorization header: expected `Bearer <token>`.';
export const INVALID_TOKEN_MESSAGE = 'Invalid or expired token.';
export const IDENTITY_PROVIDER_UNAVAILABLE_MESSAGE = 'Cannot verify tokens right now.';

/**
 * The subject kit's internal token uses for anonymous callers. A client token claiming it would reach the
 * subgraphs as anonymous with roles attached, so it is refused.
 */
const RESERVED_SUBJECT = 'anonymous';

/** jose failures that say something about the token itself (as opposed to fetching the key set). */
const TOKEN_ERROR_CODES: ReadonlySet<string> = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

function hmacKey(secret: string, what: string): Uint8Array {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${what} must be at least ${MIN_SECRET_LENGTH} characters long.`);
  }
  return new TextEncoder().encode(secret);
}

/** `roles` as an array of strings or a space-separated string (OAuth `scope` style); unknown roles dropped. */
function rolesOf(claim: unknown): Role[] {
  const values = typeof claim === 'string' ? claim.split(/\s+/) : Array.isArray(claim) ? claim : [];
  return [...new Set(values.filter(isRole))];
}

function stringClaim(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function callerOf(payload: JWTPayload): Caller {
  const subject = stringClaim(payload.sub);
  if (!subject || subject === RESERVED_SUBJECT) throw unauthenticated(INVALID_TOKEN_MESSAGE);
  return {
    subject,
    displayName: stringClaim(payload.name),
    organisationId: stringClaim(payload.org),
    roles: rolesOf(payload.roles),
  };
}

/** `Bearer <token>`: the scheme is case-insensitive (RFC 7235); the token is one run of token68 characters. */
function bearerToken(authorization: string): string {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  if (!match?.[1]) throw unauthenticated(MALFORMED_AUTHORIZATION_MESSAGE);
  return match[1];
}

/**
 * The key set could not be fetched or read (identity provider down, slow or answering garbage): not the
 * client's fault, so not UNAUTHENTICATED. The gateway masks the message and logs the cause.
 */
function identityProviderUnavailable(cause: unknown): GraphQLError {
  return new GraphQLError(IDENTITY_PROVIDER_UNAVAILABLE_MESSAGE, {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: { code: 'IDENTITY_PROVIDER_UNAVAILABLE', http: { status: 503 } },
  });
}

/**
 * Builds the function that turns a client's `Authorization` header into a verified `Caller`, independent of
 * the transport (HTTP header now, graphql-ws `connectionParams` later).
 *
 * - no header, or an empty one: `ANONYMOUS`;
 * - `Bearer <jwt>` with a valid signature (HS256 with the shared secret, or RS256/ES256/PS256/EdDSA with a
 *   key from the JWKS), the configured `iss` and `aud`, an `exp` in the future, no `nbf` in the future and
 *   a `sub`: the caller from `sub`, `name`, `org` and `roles`;
 * - anything else throws kit's `unauthenticated` (HTTP 401, code UNAUTHENTICATED): a bad token is never
 *   treated as anonymous.
 *
 * In jwks mode the key set is fetched on first use and cached (refetched when a token names an unknown
 * `kid`); when it cannot be fetched, the verifier throws a 503 error that is not UNAUTHENTICATED.
 */
export function createCallerVerifier(config: ClientAuthConfig): CallerVerifier {
  const key: Uint8Array | JWTVerifyGetKey =
    config.mode === 'hs256'
      ? hmacKey(config.secret, 'The client token secret')
      : createRemoteJWKSet(new URL(config.jwksUrl));
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: [...(config.mode === 'hs256' ? HS256_ALGORITHMS : JWKS_ALGORITHMS)],
    requiredClaims: ['sub', 'exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };

  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const token = bearerToken(authorization.trim());
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, options));
    } catch (error) {
      const aboutTheToken = error instanceof errors.JOSEError && TOKEN_ERROR_CODES.has(error.code);
      // with a shared secret there is nothing to fetch: every failure is about the token
      if (aboutTheToken || config.mode === 'hs256') throw unauthenticated(INVALID_TOKEN_MESSAGE);
      throw identityProviderUnavailable(error);
    }
    const caller = callerOf(payload);
    // `exp` is required above, so every verified caller has an expiry
    if (typeof payload.exp === 'number') tokenExpiry.set(caller, payload.exp * 1000);
    return caller;
  };
}

/** When each verified caller's token expires (ms since the epoch); anonymous callers have none. */
const tokenExpiry = new WeakMap<Caller, number>();

/**
 * The instant (ms since the epoch) the token a caller was verified from expires, or undefined for anonymous
 * callers. Long-lived transports (graphql-ws sockets, SSE streams) read it: a socket or stream does not
 * outlive its token.
 */
export function tokenExpiryOf(caller: Caller): number | undefined {
  return tokenExpiry.get(caller);
}

/** The longest delay `setTimeout` accepts (about 24.8 days); a longer wait is re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `onExpiry` once, when the caller's token expires (at once when it already has); anonymous callers
 * never expire. Returns the function that cancels the timer (call it when the socket or stream closes).
 */
export function whenTokenExpires(caller: Caller, onExpiry: () => void): () => void {
  const expiresAt = tokenExpiryOf(caller);
  if (expiresAt === undefined) return () => {};
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const wait = expiresAt - Date.now();
    if (wait <= 0) {
      timer = undefined;
      onExpiry();
      return;
    }
    timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}

/** The token a long-lived connection was opened with has expired: reconnect with a fresh one. */
export const TOKEN_EXPIRED_MESSAGE =
  'The token this connection was opened with has expired; reconnect with a fresh token.';

export function isTokenExpired(caller: Caller, now = Date.now()): boolean {
  const expiresAt = tokenExpiryOf(caller);
  return expiresAt !== undefined && expiresAt <= now;
}

export interface ClientTokenOptions {
  /** The HS256 secret the gateway verifies with (`JWT_SECRET`). */
  secret: string;
  issuer: string;
  audience: string;
  subject: string;
  /** Display name (`name` claim). */
  name?: string;
  /** Organisation the caller acts for (`org` claim). */
  organisationId?: string;
  roles?: Role[];
  ttlSeconds?: number;
}

/** An HS256 client token the gateway accepts in hs256 mode: for local development and tests. */
export async function issueClientToken(options: ClientTokenOptions): Promise<string> {
  const claims: JWTPayload = { roles: options.roles ?? [] };
  if (options.name !== undefined) claims.name = options.name;
  if (options.organisationId !== undefined) claims.org = options.organisationId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? DEFAULT_CLIENT_TOKEN_TTL_SECONDS}s`)
    .sign(hmacKey(options.secret, 'The client token secret'));
}

/** How long a signed internal token is sent again: half its lifetime, so it never arrives close to expiry. */
export const INTERNAL_TOKEN_REUSE_MS = (INTERNAL_TOKEN_TTL_SECONDS * 1000) / 2;
/** Most (audience, caller) tokens kept; the oldest is dropped first. */
export const INTERNAL_TOKEN_CACHE_ENTRIES = 2_000;

/**
 * The internal tokens the gateway sends, signed once per subgraph audience and caller and then reused for
 * `INTERNAL_TOKEN_REUSE_MS` instead of once per subgraph fetch: an EdDSA signature costs 0.1-0.3 ms, and the
 * dashboard makes a dozen fetches. Reuse changes nothing a subgraph can tell: the token names the same caller
 * and audience, is still young (subgraphs refuse tokens older than their 60 s lifetime) and was replayable
 * within that lifetime anyway. The key is everything the token says about the caller, so two callers who
 * may see different data never share one.
 */
export class InternalTokenCache {
  private readonly tokens = new Map<string, { token: Promise<string>; until: number }>();

  constructor(
    private readonly signer: InternalSigner,
    private readonly reuseMs = INTERNAL_TOKEN_REUSE_MS,
    private readonly maxEntries = INTERNAL_TOKEN_CACHE_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token for `caller` and subgraph `audience` (`subgraphIdentity(name)`). */
  tokenFor(caller: Caller, audience: string): Promise<string> {
    const key =
      caller === ANONYMOUS
        ? audience
        : JSON.stringify([audience, caller.subject, caller.organisationId, caller.displayName, caller.roles]);
    const now = this.now();
    const cached = this.tokens.get(key);
    if (cached && cached.until > now) return cached.token;
    if (cached) this.tokens.delete(key);
    else if (this.tokens.size >= this.maxEntries) {
      // Map iterates in insertion order: the first key is the oldest entry
      const oldest = this.tokens.keys().next();
      if (!oldest.done) this.tokens.delete(oldest.value);
    }
    const token = signInternalToken(caller, this.signer, audience);
    this.tokens.set(key, { token, until: now + this.reuseMs });
    // a failed signature is not kept: the next fetch signs again
    token.catch(() => {
      if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
    });
    return token;
  }
}
