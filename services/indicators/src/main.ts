import 'reflect-metadata';
import { runUntilSignalled } from '@hub/kit';
import { indicatorsConfigFromEnv } from './config';
import { createIndicatorsServer } from './server';

runUntilSignalled(() => createIndicatorsServer(indicatorsConfigFromEnv()));
