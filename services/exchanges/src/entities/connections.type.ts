import { createConnectionType } from '@hub/kit';
import { Application } from './application.entity';
import { Pairing } from './pairing.entity';
import { Programme } from './programme.entity';

/** Relay cursor connections of the lists this subgraph serves. */
export const ProgrammeConnection = createConnectionType(Programme, 'Programme', 'programmes');
export type ProgrammeConnection = InstanceType<typeof ProgrammeConnection>;
export const PairingConnection = createConnectionType(Pairing, 'Pairing', 'pairings');
export type PairingConnection = InstanceType<typeof PairingConnection>;
export const ApplicationConnection = createConnectionType(Application, 'Application', 'applications');
export type ApplicationConnection = InstanceType<typeof ApplicationConnection>;
