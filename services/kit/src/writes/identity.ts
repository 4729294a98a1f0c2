import { GraphQLError } from 'graphql';
import { jwtVerify, SignJWT } from 'jose';

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
const INTERNAL_ISSUER = 'hub-gateway';
const INTERNAL_AUDIENCE = 'hub-subgraphs';
/** Internal tokens live for one request; a minute allows for clock skew between machines. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

function keyOf(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('The internal token secret must be at least 32 characters long');
  return new TextEncoder().encode(secret);
}

/** Signs the caller into a short-lived internal token (HS256, key shared only by gateway and subgraphs). */
export async function signInternalToken(caller: Caller, secret: string): Promise<string> {
  return new SignJWT({ name: caller.displayName, org: caller.organisationId, roles: caller.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setSubject(caller.subject ?? 'anonymous')
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
    .sign(keyOf(secret));
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Verifies an internal token and returns the caller it carries; throws UNAUTHENTICATED otherwise. */
export async function verifyInternalToken(token: string | undefined, secret: string): Promise<Caller> {
  if (!token) throw unauthenticated('This service only answers requests that come through the hub gateway.');
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      algorithms: ['HS256'],
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    return {
      subject: payload.sub === 'anonymous' ? null : (payload.sub ?? null),
      displayName: typeof payload.name === 'string' ? payload.name : null,
      organisationId: typeof payload.org === 'string' ? payload.org : null,
      roles,
    };
  } catch {
    throw unauthenticated('Invalid internal token.');
  }
}
