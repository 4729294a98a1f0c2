import type { DomainEvent } from '@hub/kit';
import type { Resource } from '../entities/resource.entity';

/** Bus topic of every resource that became PUBLISHED (after the write committed). */
export const RESOURCE_PUBLISHED = 'library.resourcePublished';

/** What the bus carries: the id and what subscribers filter on (region keys include every region above). */
export interface ResourcePublishedPayload extends Record<string, unknown> {
  id: string;
  territoryCodes: string[];
  policyAreas: string[];
}

export function resourcePublished(resource: Resource): DomainEvent {
  const payload: ResourcePublishedPayload = {
    id: resource.id,
    territoryCodes: resource.territoryCodes,
    policyAreas: resource.policyAreas,
  };
  return { topic: RESOURCE_PUBLISHED, payload };
}
