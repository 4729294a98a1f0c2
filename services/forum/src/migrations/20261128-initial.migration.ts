import { Migration } from '@mikro-orm/migrations';

/**
 * Threads, their regions and posts. A thread and its opening post reference each other, so the foreign keys
 * are checked at commit (deferrable): the ORM may insert the rows of one write in any order.
 */
export class InitialForumMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "thread" (
        "id" uuid not null primary key,
        "title" text not null,
        "organisation_id" text not null,
        "author_subject" text not null,
        "author_name" text not null,
        "event_id" uuid null,
        "opening_post_id" uuid not null,
        "strand" text null,
        "policy_areas" text[] not null default '{}',
        "target_groups" text[] not null default '{}',
        "status" text not null default 'OPEN',
        "status_reason" text null,
        "search" text not null,
        "post_count" int not null default 0,
        "created_at" timestamptz not null,
        "last_activity_at" timestamptz not null,
        "version" int not null default 1,
        constraint "thread_status_check" check ("status" in ('OPEN', 'LOCKED', 'ARCHIVED'))
      );`);
    // One discussion thread per event.
    this.addSql(
      `create unique index "thread_event_id_unique" on "thread" ("event_id") where "event_id" is not null;`,
    );
    // The two list orders (ties broken by id, as the cursors are).
    this.addSql(
      `create index "thread_last_activity_index" on "thread" ("last_activity_at" desc, "id" desc);`,
    );
    this.addSql(`create index "thread_created_at_index" on "thread" ("created_at" desc, "id" desc);`);
    this.addSql(
      `create index "thread_organisation_index" on "thread" ("organisation_id", "last_activity_at" desc);`,
    );

    this.addSql(`
      create table "thread_region" (
        "thread_id" uuid not null references "thread" ("id") on delete cascade deferrable initially deferred,
        "region_code" text not null,
        primary key ("thread_id", "region_code")
      );`);
    // "This region and its descendants" is a prefix match on the code: text_pattern_ops serves LIKE 'FR%'.
    this.addSql(
      `create index "thread_region_code_index" on "thread_region" ("region_code" text_pattern_ops, "thread_id");`,
    );

    this.addSql(`
      create table "post" (
        "id" uuid not null primary key,
        "thread_id" uuid not null references "thread" ("id") on delete cascade deferrable initially deferred,
        "reply_to_id" uuid null references "post" ("id") deferrable initially deferred,
        "author_subject" text not null,
        "author_name" text not null,
        "organisation_id" text not null,
        "body" text not null,
        "hidden" boolean not null default false,
        "moderation_reason" text null,
        "hidden_at" timestamptz null,
        "hidden_by_subject" text null,
        "created_at" timestamptz not null,
        "edited_at" timestamptz null,
        "version" int not null default 1
      );`);
    // A thread's posts in order (pages of Thread.posts), and an author's recent posts (the rate limit).
    this.addSql(`create index "post_thread_index" on "post" ("thread_id", "created_at", "id");`);
    this.addSql(`create index "post_author_recent_index" on "post" ("author_subject", "created_at");`);
    this.addSql(`
      alter table "thread" add constraint "thread_opening_post_fk"
        foreign key ("opening_post_id") references "post" ("id") deferrable initially deferred;`);
  }
}
