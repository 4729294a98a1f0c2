import { assertVersion, performWrite, statusConflict, type Role } from '@hub/kit';
import { ResourceStatus } from '../entities/enums';
import type { Resource } from '../entities/resource.entity';
import type { LibraryContext } from '../loaders';
import { resourceChanged } from './resource-changed.write';
import { resourcePublished } from './resource-published.write';
import { forgetResource, loadResource, writableResource } from './resource-store.write';

/** The one legal move of each transition, who may make it, and the time it stamps. */
const TRANSITIONS = {
  publish: {
    from: ResourceStatus.DRAFT,
    to: ResourceStatus.PUBLISHED,
    roles: ['editor'] as Role[],
    stamp: 'publishedAt',
  },
  archive: {
    from: ResourceStatus.PUBLISHED,
    to: ResourceStatus.ARCHIVED,
    roles: ['moderator', 'admin'] as Role[],
    stamp: 'archivedAt',
  },
} as const;

export type ResourceTransition = keyof typeof TRANSITIONS;

/**
 * DRAFT → PUBLISHED (editors of the publisher) → ARCHIVED (its moderators and admins; hub admins may do both).
 * Any other move is a CONFLICT with `extensions.currentStatus`; a stale version one with `currentVersion`.
 * Publishing announces the resource on `resourcePublished` once committed.
 */
export async function transitionResource(
  context: LibraryContext,
  transition: ResourceTransition,
  { id, version }: { id: string; version: number },
): Promise<Resource> {
  const { from, to, roles, stamp } = TRANSITIONS[transition];
  const resource = await writableResource(id, context, roles);
  if (resource.status !== from) throw statusConflict('resource', { from, to }, resource.status);
  assertVersion(resource, version, 'Resource');
  const updated = await performWrite(
    context,
    { entity: 'Resource', action: transition, input: { id, version } },
    async (em) => {
      const current = await loadResource(em, resource.id);
      assertVersion(current, version, 'Resource');
      if (current.status !== from) throw statusConflict('resource', { from, to }, current.status);
      Object.assign(current, { status: to, [stamp]: new Date() });
      return {
        entityId: current.id,
        changedFields: ['status', stamp],
        events: [...(transition === 'publish' ? [resourcePublished(current)] : []), resourceChanged(current)],
      };
    },
    loadResource,
  );
  forgetResource(context, resource.id);
  return updated;
}
