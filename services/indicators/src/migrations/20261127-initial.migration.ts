import { Migration } from '@mikro-orm/migrations';

/** Indicators, their observations (one current value per key), correction history and contribution batches. */
export class InitialIndicatorsMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "indicator" (
        "code" text not null primary key,
        "name" text not null,
        "description" text not null,
        "unit" text not null,
        "domain" text not null,
        "higher_is_better" boolean null,
        "is_derived" boolean not null,
        "breakdowns" jsonb not null,
        "source_publisher" text not null,
        "source_dataset_code" text not null,
        "source_dataset_label" text not null,
        "source_url" text not null,
        "source_licence" text not null
      );`);
    this.addSql(`create index "indicator_domain_index" on "indicator" ("domain");`);

    this.addSql(`
      create table "observation" (
        "id" uuid not null default gen_random_uuid() primary key,
        "indicator_code" text not null references "indicator" ("code"),
        "region_code" text not null,
        "period" int not null,
        "breakdown" text not null,
        "value" double precision null,
        "status" text not null,
        "source" text not null,
        "contributed_by" text null,
        "version" int not null default 1,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        constraint "observation_value_or_suppressed" check (("value" is null) = ("status" = 'SUPPRESSED'))
      );`);
    // One current value per key; the same index serves lookups by indicator, period and breakdown.
    this.addSql(`create unique index "observation_key_unique"
      on "observation" ("indicator_code", "period", "breakdown", "region_code");`);
    this.addSql(`create index "observation_region_code_index" on "observation" ("region_code");`);
    this.addSql(`create index "observation_contributed_by_index" on "observation" ("contributed_by");`);

    this.addSql(`
      create table "observation_history" (
        "id" bigserial primary key,
        "observation_id" uuid not null references "observation" ("id"),
        "value" double precision null,
        "status" text not null,
        "version" int not null,
        "source" text not null,
        "contributed_by" text null,
        "replaced_by_subject" text null,
        "replaced_by_organisation" text null,
        "replaced_at" timestamptz not null default now()
      );`);
    this.addSql(
      `create index "observation_history_observation_id_index" on "observation_history" ("observation_id");`,
    );

    this.addSql(`
      create table "observation_batch" (
        "id" uuid not null primary key,
        "organisation_id" text null,
        "subject" text null,
        "observation_ids" jsonb not null,
        "recorded_at" timestamptz not null default now()
      );`);
  }
}
