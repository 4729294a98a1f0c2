import type { MigrationObject } from '@mikro-orm/core';
import { InitialLibraryMigration } from './20261204-initial.migration';

/** Every migration of the library database, oldest first; names are stored in `mikro_orm_migrations`. */
export const migrations: MigrationObject[] = [{ name: '20261204-initial', class: InitialLibraryMigration }];
