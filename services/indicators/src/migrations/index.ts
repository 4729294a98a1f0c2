import type { MigrationObject } from '@mikro-orm/core';
import { InitialIndicatorsMigration } from './20261127-initial.migration';
import { ImportIndexesMigration } from './20261204-import-indexes.migration';

/** Every migration of the indicators database, oldest first; names are stored in `mikro_orm_migrations`. */
export const migrations: MigrationObject[] = [
  { name: '20261127-initial', class: InitialIndicatorsMigration },
  { name: '20261204-import-indexes', class: ImportIndexesMigration },
];
