import 'reflect-metadata';

export { subgraph } from './subgraph';
export type { LibraryLoaders } from './loaders';
