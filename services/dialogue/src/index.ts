import 'reflect-metadata';

export { subgraph } from './subgraph';
export type { DialogueContext, DialogueLoaders } from './loaders';
