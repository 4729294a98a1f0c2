import { createConnectionType } from '@hub/kit';
import { Observation } from './observation.entity';

export const ObservationConnection = createConnectionType(Observation, 'Observation', 'observations');
export type ObservationConnection = InstanceType<typeof ObservationConnection>;
