import { Migration } from '@mikro-orm/migrations';

/** Regions, organisations and memberships (NUTS 2024 reference data and partners). */
export class InitialRegionsMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "region" (
        "code" text not null primary key,
        "level" smallint not null check ("level" between 0 and 3),
        "name" text not null,
        "national_name" text not null,
        "country_code" text not null,
        "parent_code" text null references "region" ("code"),
        "is_extra_regio" boolean not null,
        "is_eu" boolean not null,
        "classification" text not null,
        "mountain_type" smallint null,
        "urban_rural_type" smallint null,
        "coastal_type" smallint null,
        "geometry" jsonb null,
        "search_text" text not null,
        "created_at" timestamptz not null default now()
      );`);
    this.addSql(`create index "region_country_code_index" on "region" ("country_code");`);
    this.addSql(`create index "region_parent_code_index" on "region" ("parent_code");`);
    this.addSql(`create index "region_level_code_index" on "region" ("level", "code");`);

    this.addSql(`
      create table "organisation" (
        "id" text not null primary key,
        "name" text not null,
        "acronym" text null,
        "kind" text not null,
        "website_url" text null,
        "description" text not null,
        "source_url" text null,
        "version" int not null default 1,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now()
      );`);
    this.addSql(`create index "organisation_kind_index" on "organisation" ("kind");`);

    this.addSql(`
      create table "membership" (
        "id" uuid not null default gen_random_uuid() primary key,
        "organisation_id" text not null references "organisation" ("id"),
        "member_region_code" text null references "region" ("code"),
        "member_organisation_id" text null references "organisation" ("id"),
        "role" text null,
        "since" date null,
        "until" date null,
        "source" text not null,
        "source_urls" jsonb not null,
        "note" text null,
        "is_partial_list" boolean not null,
        "created_at" timestamptz not null default now(),
        constraint "membership_exactly_one_member" check (
          ("member_region_code" is null) <> ("member_organisation_id" is null)
        )
      );`);
    this.addSql(`create index "membership_organisation_id_index" on "membership" ("organisation_id");`);
    this.addSql(`create index "membership_member_region_code_index" on "membership" ("member_region_code");`);
    this.addSql(
      `create index "membership_member_organisation_id_index" on "membership" ("member_organisation_id");`,
    );
  }
}
