import { Migration } from '@mikro-orm/migrations';

/**
 * The index of partner contributions holds only contributed rows. Imported (Eurostat) values leave
 * `contributed_by` null, and a full index kept one entry per observation all under the same null key: every
 * imported row paid for it (about a sixth of a large first import). Lookups by organisation
 * (`contributed_by IN (…)`) imply `IS NOT NULL`, so they still use it.
 */
export class ImportIndexesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "observation_contributed_by_index";`);
    this.addSql(`create index "observation_contributed_by_index" on "observation" ("contributed_by")
      where "contributed_by" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "observation_contributed_by_index";`);
    this.addSql(`create index "observation_contributed_by_index" on "observation" ("contributed_by");`);
  }
}
