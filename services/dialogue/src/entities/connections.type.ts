import { createConnectionType } from '@hub/kit';
import { Consultation } from './consultation.entity';
import { Response } from './response.entity';

/** `ConsultationConnection` / `ConsultationEdge`. */
export const ConsultationConnection = createConnectionType(Consultation, 'Consultation', 'consultations');
export type ConsultationConnection = InstanceType<typeof ConsultationConnection>;

/** `ResponseConnection` / `ResponseEdge`. */
export const ResponseConnection = createConnectionType(Response, 'Response', 'responses');
export type ResponseConnection = InstanceType<typeof ResponseConnection>;
