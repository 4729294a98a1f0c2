import type { DomainEvent } from '@hub/kit';
import type { ResourceStatus } from '../entities/enums';
import type { Resource } from '../entities/resource.entity';

/**
 * Bus topic of every committed change to a resource made through the API: created, changed, published or
 * archived (`resourcePublished` announces publications only, to its subscribers). The gateway's response cache
 * hears it to evict exactly the entries showing that resource.
 */
export const RESOURCE_CHANGED = 'library.resourceChanged';

/** What the bus carries: the id, and the status a subscriber would filter drafts by. */
export interface ResourceChangedPayload extends Record<string, unknown> {
  id: string;
  status: ResourceStatus;
}

export function resourceChanged(resource: Pick<Resource, 'id' | 'status'>): DomainEvent {
  const payload: ResourceChangedPayload = { id: resource.id, status: resource.status };
  return { topic: RESOURCE_CHANGED, payload };
}
