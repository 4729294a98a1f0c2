import { createConnectionType } from '@hub/kit';
import { Resource } from './resource.entity';

/** `ResourceConnection` / `ResourceEdge`: a page of resources (Relay cursor connection). */
export const ResourceConnection = createConnectionType(Resource, 'Resource', 'resources');
export type ResourceConnection = InstanceType<typeof ResourceConnection>;
