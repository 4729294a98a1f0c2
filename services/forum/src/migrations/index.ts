import type { MigrationObject } from '@mikro-orm/core';
import { InitialForumMigration } from './20261128-initial.migration';

/** Every migration of the forum database, oldest first; names are stored in `mikro_orm_migrations`. */
export const migrations: MigrationObject[] = [{ name: '20261128-initial', class: InitialForumMigration }];
