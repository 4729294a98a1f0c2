import { Migration } from '@mikro-orm/migrations';

/** Consultations, their questions, responses and answers. */
export class InitialDialogueMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "consultation" (
        "id" uuid not null primary key,
        "organiser" text not null,
        "title" text not null,
        "summary" text not null,
        "description" text not null default '',
        "strand" text null,
        "policy_areas" text[] not null default '{}',
        "languages" text[] not null default '{}',
        "audience_kind" text not null,
        "audience_organisations" text[] not null default '{}',
        "region_codes" text[] not null default '{}',
        "opens_at" timestamptz(3) not null,
        "closes_at" timestamptz(3) not null,
        "status" text not null,
        "needs_assessment" boolean not null default false,
        "event_id" uuid null,
        "thread_id" uuid null,
        "opened_at" timestamptz(3) null,
        "closed_at" timestamptz(3) null,
        "results_published_at" timestamptz(3) null,
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now(),
        constraint "consultation_closes_after_opening" check ("closes_at" > "opens_at"),
        constraint "consultation_status_known"
          check ("status" in ('DRAFT', 'OPEN', 'CLOSED', 'RESULTS_PUBLISHED')),
        constraint "consultation_audience_known"
          check ("audience_kind" in ('ALL_PARTNERS', 'MEMBERS_OF_ORGANISATION', 'LISTED_ORGANISATIONS'))
      );`);
    this.addSql(`create index "consultation_closes_at_index" on "consultation" ("closes_at", "id");`);
    this.addSql(`create index "consultation_organiser_index" on "consultation" ("organiser");`);
    this.addSql(`create index "consultation_event_index" on "consultation" ("event_id");`);
    this.addSql(`create index "consultation_regions_index" on "consultation" using gin ("region_codes");`);

    this.addSql(`
      create table "question" (
        "id" uuid not null primary key,
        "consultation_id" uuid not null references "consultation" ("id") on delete cascade,
        "position" int not null,
        "kind" text not null,
        "prompt" text not null,
        "required" boolean not null default false,
        "scale_labels" text[] not null default '{}',
        "options" text[] not null default '{}',
        "unit" text null,
        "min" double precision null,
        "max" double precision null,
        "policy_area" text null,
        constraint "question_kind_known"
          check ("kind" in ('SCALE', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'NUMBER', 'FREE_TEXT')),
        constraint "question_position_unique" unique ("consultation_id", "position") deferrable initially deferred
      );`);

    this.addSql(`
      create table "response" (
        "id" uuid not null primary key,
        "consultation_id" uuid not null references "consultation" ("id") on delete cascade,
        "organisation" text not null,
        "territory" text not null,
        "status" text not null,
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now(),
        constraint "response_status_known" check ("status" in ('SUBMITTED', 'WITHDRAWN'))
      );`);
    // One counting response per consultation, organisation and territory (a withdrawn one may be replaced).
    this.addSql(`create unique index "response_one_per_territory"
      on "response" ("consultation_id", "organisation", "territory") where "status" = 'SUBMITTED';`);
    // Results and needs group by NUTS prefixes of the territory.
    this.addSql(`create index "response_territory_index" on "response" ("territory" text_pattern_ops);`);
    this.addSql(`create index "response_organisation_index" on "response" ("organisation");`);

    this.addSql(`
      create table "answer" (
        "response_id" uuid not null references "response" ("id") on delete cascade,
        "question_id" uuid not null references "question" ("id") on delete cascade,
        "scale" int null,
        "choices" text[] null,
        "number" double precision null,
        "text" text null,
        primary key ("response_id", "question_id"),
        constraint "answer_scale_range" check ("scale" is null or "scale" between 1 and 5)
      );`);
    this.addSql(`create index "answer_question_index" on "answer" ("question_id");`);
  }
}
