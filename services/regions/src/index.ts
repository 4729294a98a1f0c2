import 'reflect-metadata';
export { subgraph } from './subgraph';
export type { RegionsContext, RegionsLoaders } from './loaders';
