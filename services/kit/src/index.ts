import 'reflect-metadata';

export * from './audit';
export * from './authorization';
export * from './config';
export * from './database';
export * from './embedded-postgres';
export * from './errors';
export * from './http';
export * from './identity';
export * from './logger';
export * from './orm';
export * from './pagination';
export * from './process';
export * from './schema';
export * from './sql-statements';
export * from './subgraph';
export * from './text';
export * from './writes';
