import 'reflect-metadata';

export { eventsConfigFromEnv } from './config';
export { eventsSubgraph } from './events.subgraph';
export { createEventsServer } from './server';
