import { Migration } from '@mikro-orm/migrations';

/** Tables every subgraph database carries for the write pattern: the audit log and idempotency keys. */
export class WritePatternMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "hub_audit_log" (
        "id" bigserial primary key,
        "at" timestamptz not null default now(),
        "subject" text null,
        "subject_name" text null,
        "organisation_id" text null,
        "entity" text not null,
        "entity_id" text not null,
        "action" text not null,
        "changed_fields" jsonb not null,
        "request_id" text null
      );`);
    this.addSql(`create index "hub_audit_log_entity_index" on "hub_audit_log" ("entity", "entity_id");`);
    this.addSql(`create index "hub_audit_log_organisation_index" on "hub_audit_log" ("organisation_id");`);
    // The application appends only: any UPDATE, DELETE or TRUNCATE of the audit log fails.
    this.addSql(`
      create function "hub_audit_log_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'hub_audit_log is append-only';
      end $$;`);
    this.addSql(`create trigger "hub_audit_log_no_change" before update or delete on "hub_audit_log"
      for each row execute function "hub_audit_log_append_only"();`);
    this.addSql(`create trigger "hub_audit_log_no_truncate" before truncate on "hub_audit_log"
      for each statement execute function "hub_audit_log_append_only"();`);
    this.addSql(`
      create table "hub_idempotency" (
        "scope" text not null,
        "key" text not null,
        "operation" text not null,
        "request_hash" text not null,
        "entity_id" text null,
        "created_at" timestamptz not null default now(),
        primary key ("scope", "key")
      );`);
  }
}

/**
 * The transactional outbox: a write's domain events, inserted in the write's own transaction and relayed to the
 * bus after commit (see `live/outbox.ts`). Published rows stay for a while, for listeners that reconnect.
 */
export class OutboxMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "hub_outbox" (
        "id" uuid primary key,
        "topic" text not null,
        "payload" jsonb not null,
        "created_at" timestamptz not null default now(),
        "published_at" timestamptz null
      );`);
    // the relay's question: which rows still wait, oldest first
    this.addSql(
      `create index "hub_outbox_unpublished_index" on "hub_outbox" ("created_at") where "published_at" is null;`,
    );
    // replay after a listener reconnect, and pruning
    this.addSql(`create index "hub_outbox_created_at_index" on "hub_outbox" ("created_at");`);
  }
}

/** Runs before each subgraph's own migrations. */
export const writePatternMigrations = [
  { name: 'kit-20261127-write-pattern', class: WritePatternMigration },
  { name: 'kit-20261204-outbox', class: OutboxMigration },
];
