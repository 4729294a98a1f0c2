import 'reflect-metadata';

export { subgraph } from './subgraph';
export type { __Name__Loaders } from './loaders';
