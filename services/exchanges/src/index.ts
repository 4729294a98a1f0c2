import 'reflect-metadata';

export { subgraph } from './subgraph';
export type { ExchangesLoaders } from './loaders';
