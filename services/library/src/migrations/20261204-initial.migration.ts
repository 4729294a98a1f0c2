import { Migration } from '@mikro-orm/migrations';

/** Resources, by region for `resources(region:)` and `Region.resourceCount`. */
export class InitialLibraryMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "resource" (
        "id" uuid not null primary key,
        "title" text not null,
        "region_code" text not null,
        "organisation_id" text not null,
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now()
      );`);
    this.addSql(`create index "resource_region_index" on "resource" ("region_code", "created_at", "id");`);
    this.addSql(`create index "resource_created_index" on "resource" ("created_at", "id");`);
  }
}
