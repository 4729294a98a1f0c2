import 'reflect-metadata';
export { subgraph } from './subgraph';
export type { IndicatorsContext, IndicatorsLoaders } from './loaders';
export {
  importObservationsFile,
  SHIPPED_DATA_FILE,
  type ImportProgress,
  type ImportSummary,
  type SkippedRow,
} from './writes/import.write';
