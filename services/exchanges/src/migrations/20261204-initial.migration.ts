import { Migration } from '@mikro-orm/migrations';

/** Programmes, by region for `programmes(region:)` and `Region.programmeCount`. */
export class InitialExchangesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "programme" (
        "id" uuid not null primary key,
        "title" text not null,
        "region_code" text not null,
        "organisation_id" text not null,
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now()
      );`);
    this.addSql(`create index "programme_region_index" on "programme" ("region_code", "created_at", "id");`);
    this.addSql(`create index "programme_created_index" on "programme" ("created_at", "id");`);
  }
}
