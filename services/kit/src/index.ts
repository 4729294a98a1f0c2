import 'reflect-metadata';

export * from './config';
export * from './database';
export * from './embedded-postgres';
export * from './errors';
export * from './http';
export * from './logger';
export * from './orm';
export * from './pagination';
export * from './schema';
export * from './sql-statements';
export * from './subgraph';
export * from './text';
