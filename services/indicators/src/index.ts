import 'reflect-metadata';
export { subgraph } from './subgraph';
export type { IndicatorsContext, IndicatorsLoaders } from './loaders';
export { importObservationsFile, SHIPPED_DATA_FILE, type ImportSummary } from './writes/import.write';
