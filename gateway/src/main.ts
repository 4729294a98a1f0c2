import { runUntilSignalled } from '@hub/kit';
import { gatewayConfigFromEnv } from './config';
import { createGatewayServer } from './server';

runUntilSignalled(() => createGatewayServer(gatewayConfigFromEnv()));
