import type { MigrationObject } from '@mikro-orm/core';
import { InitialRegionsMigration } from './20261127-initial.migration';
import { MembershipVersionMigration } from './20261127-membership-version.migration';

/** Every migration of the regions database, oldest first; names are stored in `mikro_orm_migrations`. */
export const migrations: MigrationObject[] = [
  { name: '20261127-initial', class: InitialRegionsMigration },
  { name: '20261127-membership-version', class: MembershipVersionMigration },
];
