import { Migration } from '@mikro-orm/migrations';

/** __Entities_words__, by region for `__entities__(region:)` and `Region.__entity__Count`. */
export class Initial__Name__Migration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "__entity_table__" (
        "id" uuid not null primary key,
        "title" text not null,
        "region_code" text not null,
        "organisation_id" text not null,
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now()
      );`);
    this.addSql(
      `create index "__entity_table___region_index" on "__entity_table__" ("region_code", "created_at", "id");`,
    );
    this.addSql(`create index "__entity_table___created_index" on "__entity_table__" ("created_at", "id");`);
  }
}
