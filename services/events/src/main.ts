import 'reflect-metadata';
import { runUntilSignalled } from '@hub/kit';
import { eventsConfigFromEnv } from './config';
import { createEventsServer } from './server';

runUntilSignalled(() => createEventsServer(eventsConfigFromEnv()));
