import { Migration } from '@mikro-orm/migrations';

/** Events, their host regions and organisers (join tables). */
export class InitialEventsMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "event" (
        "id" uuid not null primary key,
        "title" text not null,
        "summary" text not null,
        "description" text not null default '',
        "kind" text not null,
        "strand" text null,
        "policy_areas" text[] not null default '{}',
        "starts_at" timestamptz(3) not null,
        "ends_at" timestamptz(3) not null,
        "time_zone" text not null,
        "all_day" boolean not null default false,
        "format" text null,
        "venue_name" text null,
        "venue_address" text null,
        "venue_city" text null,
        "venue_country" text null,
        "online_url" text null,
        "status" text not null,
        "cancellation_reason" text null,
        "languages" text[] not null default '{}',
        "registration_url" text null,
        "capacity" int null,
        "source_url" text null,
        "created_by" text not null,
        "search_text" text not null,
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now(),
        constraint "event_ends_after_start" check ("ends_at" > "starts_at"),
        constraint "event_status_known" check ("status" in ('DRAFT', 'PUBLISHED', 'CANCELLED')),
        constraint "event_reason_when_cancelled"
          check (("status" = 'CANCELLED') = ("cancellation_reason" is not null)),
        constraint "event_capacity_positive" check ("capacity" is null or "capacity" > 0)
      );`);
    // List orders (ties broken by id) and the date filters.
    this.addSql(`create index "event_starts_at_index" on "event" ("starts_at", "id");`);
    this.addSql(`create index "event_updated_at_index" on "event" ("updated_at", "id");`);
    this.addSql(`create index "event_ends_at_index" on "event" ("ends_at");`);
    this.addSql(`create index "event_created_by_index" on "event" ("created_by");`);
    this.addSql(`create index "event_policy_areas_index" on "event" using gin ("policy_areas");`);

    this.addSql(`
      create table "event_host_region" (
        "event_id" uuid not null references "event" ("id") on delete cascade,
        "region_code" text not null,
        primary key ("event_id", "region_code")
      );`);
    // text_pattern_ops: "region and every NUTS descendant" is a prefix match (LIKE 'FR%'), which this serves.
    this.addSql(`create index "event_host_region_code_index"
      on "event_host_region" ("region_code" text_pattern_ops);`);

    this.addSql(`
      create table "event_organiser" (
        "event_id" uuid not null references "event" ("id") on delete cascade,
        "organisation_id" text not null,
        primary key ("event_id", "organisation_id")
      );`);
    this.addSql(
      `create index "event_organiser_organisation_index" on "event_organiser" ("organisation_id");`,
    );
  }
}
