import type { MigrationObject } from '@mikro-orm/core';
import { Initial__Name__Migration } from './__date__-initial.migration';

/** Every migration of the __name__ database, oldest first; names are stored in `mikro_orm_migrations`. */
export const migrations: MigrationObject[] = [{ name: '__date__-initial', class: Initial__Name__Migration }];
