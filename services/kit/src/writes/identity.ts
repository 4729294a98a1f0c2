import { GraphQLError } from 'graphql';
import type { KeyObject } from 'node:crypto';
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

/** Roles a partner can hold within its organisation. */
export const ROLES = ['contributor', 'editor', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The verified caller of a request, independent of transport (HTTP header, graphql-ws connectionParams):
 * built by the gateway from a verified client token, carried to subgraphs in the internal token.
 */
export interface Caller {
  /** Stable id of the person or system (the JWT `sub`); null for anonymous callers. */
  subject: string | null;
  displayName: string | null;
  /** The organisation the caller acts for; roles apply within it (admin: hub-wide). */
  organisationId: string | null;
  roles: Role[];
}

export const ANONYMOUS: Caller = Object.freeze({
  subject: null,
  displayName: null,
  organisationId: null,
  roles: [],
});

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}

/** The one header subgraphs read identity from; the gateway sets it and drops whatever the client sent. */
export const INTERNAL_TOKEN_HEADER = 'x-hub-internal-token';
/** The issuer of the internal tokens the gateway signs. */
export const GATEWAY_ISSUER = 'hub:gateway';
const SUBGRAPH_PREFIX = 'hub:subgraph:';
/** Internal tokens live for one request; a minute allows for clock skew between machines. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;
/** The one algorithm internal tokens use: Ed25519 signatures, so that only the signer holds a private key. */
const INTERNAL_ALGORITHM = 'EdDSA';

/** A subgraph's identity in internal tokens: the audience of tokens for it, the issuer of its peer calls. */
export function subgraphIdentity(name: string): string {
  return `${SUBGRAPH_PREFIX}${name}`;
}

/** Who signs internal tokens (the gateway, or a subgraph for its peer calls) and its private Ed25519 key. */
export interface InternalSigner {
  /** `hub:gateway` or `hub:subgraph:<name>`. */
  issuer: string;
  privateKey: KeyObject;
}

/**
 * What a subgraph accepts: tokens for its own audience signed by the gateway (any of its public keys, several
 * during a rotation), or by a peer subgraph listed in `peerKeys` (its calls carry no caller: anonymous).
 */
export interface InternalTrust {
  /** `hub:subgraph:<name>`: tokens for any other audience are refused. */
  audience: string;
  /** The gateway's public keys. */
  gatewayKeys: readonly KeyObject[];
  /** Public keys of the subgraphs allowed to call this one, by subgraph name. */
  peerKeys?: Readonly<Record<string, readonly KeyObject[]>>;
}

/**
 * Signs the caller into a short-lived internal token for one subgraph (`audience`, see `subgraphIdentity`):
 * EdDSA with the signer's private key; subgraphs verify with its public key only.
 */
export async function signInternalToken(
  caller: Caller,
  signer: InternalSigner,
  audience: string,
): Promise<string> {
  return new SignJWT({ name: caller.displayName, org: caller.organisationId, roles: caller.roles })
    .setProtectedHeader({ alg: INTERNAL_ALGORITHM, typ: 'JWT' })
    .setIssuer(signer.issuer)
    .setAudience(audience)
    .setSubject(caller.subject ?? 'anonymous')
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
    .sign(signer.privateKey);
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The keys a token's (unverified) issuer may have signed with, and whether it is a peer; undefined: nobody we trust. */
function signerKeysOf(
  token: string,
  trust: InternalTrust,
): { issuer: string; keys: readonly KeyObject[]; peer: boolean } | undefined {
  let issuer: unknown;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    return undefined;
  }
  if (issuer === GATEWAY_ISSUER) return { issuer, keys: trust.gatewayKeys, peer: false };
  if (typeof issuer !== 'string' || !issuer.startsWith(SUBGRAPH_PREFIX)) return undefined;
  const name = issuer.slice(SUBGRAPH_PREFIX.length);
  const keys = trust.peerKeys && Object.hasOwn(trust.peerKeys, name) ? trust.peerKeys[name] : undefined;
  return keys?.length ? { issuer, keys, peer: true } : undefined;
}

/**
 * Verifies an internal token and returns the caller it carries; throws UNAUTHENTICATED otherwise: only EdDSA,
 * only for `trust.audience`, signed by the gateway or a trusted peer, unexpired and issued at most
 * `INTERNAL_TOKEN_TTL_SECONDS` (plus skew) ago. A peer's token must carry no caller (peers ask as anonymous):
 * a subgraph's key can never speak for a person.
 */
export async function verifyInternalToken(token: string | undefined, trust: InternalTrust): Promise<Caller> {
  if (!token) throw unauthenticated('This service only answers requests that come through the hub gateway.');
  const signer = signerKeysOf(token, trust);
  if (!signer) throw unauthenticated('Invalid internal token.');
  for (const key of signer.keys) {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        issuer: signer.issuer,
        audience: trust.audience,
        algorithms: [INTERNAL_ALGORITHM],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: INTERNAL_TOKEN_TTL_SECONDS * 2,
      }));
    } catch (error) {
      // another key of a rotation may have signed it; any other failure is final
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) continue;
      throw unauthenticated('Invalid internal token.');
    }
    // one audience only: a token for several subgraphs could be replayed from one to another
    if (Array.isArray(payload.aud) && payload.aud.length !== 1)
      throw unauthenticated('Invalid internal token.');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const caller: Caller = {
      subject: payload.sub === 'anonymous' ? null : (payload.sub ?? null),
      displayName: typeof payload.name === 'string' ? payload.name : null,
      organisationId: typeof payload.org === 'string' ? payload.org : null,
      roles,
    };
    if (signer.peer && (caller.subject !== null || caller.organisationId !== null || roles.length > 0)) {
      throw unauthenticated('A peer subgraph cannot act for a caller.');
    }
    return signer.peer ? ANONYMOUS : caller;
  }
  throw unauthenticated('Invalid internal token.');
}
