import type { MigrationObject } from '@mikro-orm/core';
import { InitialEventsMigration } from './20261127-initial.migration';
import { OrganiserConsentMigration } from './20261204-organiser-consent.migration';

/** Every migration of the events database, oldest first; names are stored in `mikro_orm_migrations`. */
export const migrations: MigrationObject[] = [
  { name: '20261127-initial', class: InitialEventsMigration },
  { name: '20261204-organiser-consent', class: OrganiserConsentMigration },
];
