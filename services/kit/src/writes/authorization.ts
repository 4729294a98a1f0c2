import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { hasRole, type Caller, type Role } from './identity';

/**
 * A resolver-level UNAUTHENTICATED error: no HTTP status of its own, so the rest of the response (other
 * fields' data and errors) still reaches the client. (A refused token refuses the whole request with 401.)
 */
export function signInRequired(
  message = 'Sign in to do this: send `Authorization: Bearer <token>`.',
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * type-graphql auth checker: `@Authorized()` needs a signed-in caller, `@Authorized('editor', …)` one of
 * those roles (hub admins pass every role check). Throws UNAUTHENTICATED / FORBIDDEN with clear messages.
 */
export const hubAuthChecker: AuthChecker<{ caller: Caller }, Role> = ({ context }, roles) => {
  const { caller } = context;
  if (!caller.subject) throw signInRequired();
  if (roles.length && !hasRole(caller, 'admin', ...roles)) {
    throw forbidden(`This needs one of the roles: ${roles.join(', ')}.`);
  }
  return true;
};

/**
 * The ownership rule of every write: a caller may write records of its own organisation with one of `roles`;
 * hub admins may write any organisation's records. Checked inside the write path, whatever ids were sent.
 */
export function assertCanWrite(caller: Caller, organisationId: string, roles: Role[]): void {
  if (!caller.subject) throw signInRequired();
  if (hasRole(caller, 'admin')) return;
  if (caller.organisationId !== organisationId) {
    throw forbidden(
      `You may only change records of your own organisation (${caller.organisationId ?? 'none'}).`,
    );
  }
  if (!hasRole(caller, ...roles)) throw forbidden(`This needs one of the roles: ${roles.join(', ')}.`);
}
