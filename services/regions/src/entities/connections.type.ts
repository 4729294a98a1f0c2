import { createConnectionType } from '@hub/kit';
import { Organisation } from './organisation.entity';
import { Region } from './region.entity';

export const RegionConnection = createConnectionType(Region, 'Region', 'regions');
export type RegionConnection = InstanceType<typeof RegionConnection>;

export const OrganisationConnection = createConnectionType(Organisation, 'Organisation', 'organisations');
export type OrganisationConnection = InstanceType<typeof OrganisationConnection>;
