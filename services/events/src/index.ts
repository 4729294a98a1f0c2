import 'reflect-metadata';

export { subgraph } from './subgraph';
export type { EventsLoaders } from './loaders';
