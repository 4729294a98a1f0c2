import 'reflect-metadata';
import { runUntilSignalled } from '@hub/kit';
import { regionsConfigFromEnv } from './config';
import { createRegionsServer } from './server';

runUntilSignalled(() => createRegionsServer(regionsConfigFromEnv()));
