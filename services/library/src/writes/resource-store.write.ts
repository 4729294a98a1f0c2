import { assertCanWrite, notFound, type PeerKeyCheck, type Role } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Resource } from '../entities/resource.entity';
import type { LibraryContext } from '../loaders';
import { visibleResource } from '../queries/visibility.query';

/** `performWrite`'s read-back: the resource as committed. */
export function loadResource(em: EntityManager, id: string): Promise<Resource> {
  return em.findOneOrFail(Resource, id);
}

/** The resource a change applies to, if the caller sees it and has one of `roles` in its publisher. */
export async function writableResource(
  id: string,
  context: LibraryContext,
  roles: Role[],
): Promise<Resource> {
  const found = await visibleResource(id, context);
  if (!found) throw notFound(`No resource with id "${id}".`);
  assertCanWrite(context.caller, found.organisationId, roles);
  return found;
}

/** After a write the request's loader must not answer the state it read before. */
export function forgetResource(context: LibraryContext, id: string): void {
  context.loaders.resourceById.clear(id);
}

/** Keys of other subgraphs a resource names. */
export interface ResourceKeys {
  territories?: readonly string[] | null;
  event?: string | null;
  discussions?: readonly string[] | null;
}

/**
 * Every key must exist in its owner (regions, events, forum): unknown ones are BAD_USER_INPUT at their path;
 * an unreachable owner is PEER_UNAVAILABLE and nothing is written.
 */
export async function assertResourceKeysExist(context: LibraryContext, keys: ResourceKeys): Promise<void> {
  const checks: PeerKeyCheck[] = [];
  if (keys.territories?.length) {
    checks.push({
      subgraph: 'regions',
      typename: 'Region',
      keyField: 'code',
      keys: keys.territories,
      path: 'input.territories',
    });
  }
  if (keys.event) {
    checks.push({
      subgraph: 'events',
      typename: 'Event',
      keyField: 'id',
      keys: keys.event,
      path: 'input.event',
    });
  }
  if (keys.discussions?.length) {
    checks.push({
      subgraph: 'forum',
      typename: 'Thread',
      keyField: 'id',
      keys: keys.discussions,
      path: 'input.discussions',
      what: 'thread',
    });
  }
  if (checks.length) await context.peers.assertExist(checks);
}
