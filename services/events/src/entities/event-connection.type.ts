import { createConnectionType } from '@hub/kit';
import { Event } from './event.entity';

/** A page of events: `events`, `Region.events`, `Organisation.events`. */
export const EventConnection = createConnectionType(Event, 'Event', 'events');
export type EventConnection = InstanceType<typeof EventConnection>;
