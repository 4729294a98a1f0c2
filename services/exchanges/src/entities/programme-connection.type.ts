import { createConnectionType } from '@hub/kit';
import { Programme } from './programme.entity';

/** `ProgrammeConnection` / `ProgrammeEdge`: a page of programmes (Relay cursor connection). */
export const ProgrammeConnection = createConnectionType(Programme, 'Programme', 'programmes');
export type ProgrammeConnection = InstanceType<typeof ProgrammeConnection>;
