import 'reflect-metadata';

export { indicatorsConfigFromEnv } from './config';
export { indicatorsSubgraph } from './indicators.subgraph';
export { createIndicatorsServer } from './server';
export { importObservationsFile, SHIPPED_DATA_FILE, type ImportSummary } from './import/observations-import';
