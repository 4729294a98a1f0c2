import 'reflect-metadata';

export { regionsConfigFromEnv } from './config';
export { regionsSubgraph } from './regions.subgraph';
export { createRegionsServer } from './server';
