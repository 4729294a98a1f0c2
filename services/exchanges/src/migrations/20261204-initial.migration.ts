import { Migration } from '@mikro-orm/migrations';

/**
 * Programmes, applications (one standing application per programme, organisation, territory and role),
 * pairings (by territory and organisation for `Region.pairings` / `Organisation.pairings`, by visit event for
 * `Event.pairing`) and feedback (one per side of a pairing).
 */
export class InitialExchangesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "programme" (
        "id" uuid not null primary key,
        "organiser" text not null,
        "kind" text not null,
        "title" text not null,
        "description" text not null default '',
        "policy_areas" text[] not null default '{}',
        "languages" text[] not null default '{}',
        "applications_open_at" timestamptz(3) not null,
        "applications_close_at" timestamptz(3) not null,
        "starts_on" date not null,
        "ends_on" date not null,
        "places" int not null,
        "status" text not null default 'DRAFT',
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now()
      );`);
    this.addSql(`create index "programme_organiser_index" on "programme" ("organiser", "created_at", "id");`);
    this.addSql(`create index "programme_created_index" on "programme" ("created_at", "id");`);
    this.addSql(`
      create table "application" (
        "id" uuid not null primary key,
        "programme_id" uuid not null references "programme" ("id"),
        "organisation" text not null,
        "territory" text not null,
        "role" text not null,
        "areas" jsonb not null default '[]',
        "languages" text[] not null default '{}',
        "status" text not null default 'SUBMITTED',
        "withdrawn_at" timestamptz(3) null,
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now()
      );`);
    this.addSql(`create unique index "application_standing_unique" on "application"
      ("programme_id", "organisation", "territory", "role") where "status" = 'SUBMITTED';`);
    this.addSql(
      `create index "application_programme_index" on "application" ("programme_id", "role", "created_at", "id");`,
    );
    this.addSql(`
      create table "pairing" (
        "id" uuid not null primary key,
        "programme_id" uuid not null references "programme" ("id"),
        "organiser" text not null,
        "mentor_application_id" uuid not null references "application" ("id"),
        "mentee_application_id" uuid not null references "application" ("id"),
        "mentor_organisation" text not null,
        "mentor_territory" text not null,
        "mentee_organisation" text not null,
        "mentee_territory" text not null,
        "policy_areas" text[] not null default '{}',
        "status" text not null default 'PROPOSED',
        "mentor_accepted_at" timestamptz(3) null,
        "mentee_accepted_at" timestamptz(3) null,
        "visit_event_ids" uuid[] not null default '{}',
        "output_resource_ids" uuid[] not null default '{}',
        "version" int not null default 1,
        "created_at" timestamptz(3) not null default now(),
        "updated_at" timestamptz(3) not null default now()
      );`);
    this.addSql(`create index "pairing_programme_index" on "pairing" ("programme_id", "created_at", "id");`);
    this.addSql(`create index "pairing_mentor_org_index" on "pairing" ("mentor_organisation");`);
    this.addSql(`create index "pairing_mentee_org_index" on "pairing" ("mentee_organisation");`);
    this.addSql(
      `create index "pairing_mentor_territory_index" on "pairing" ("mentor_territory" text_pattern_ops);`,
    );
    this.addSql(
      `create index "pairing_mentee_territory_index" on "pairing" ("mentee_territory" text_pattern_ops);`,
    );
    this.addSql(`create index "pairing_visits_index" on "pairing" using gin ("visit_event_ids");`);
    this.addSql(`
      create table "pairing_feedback" (
        "id" uuid not null primary key,
        "pairing_id" uuid not null references "pairing" ("id"),
        "side" text not null,
        "organisation" text not null,
        "rating" smallint not null check ("rating" between 1 and 5),
        "text" text not null,
        "created_at" timestamptz(3) not null default now(),
        unique ("pairing_id", "side")
      );`);
  }
}
