import { Migration } from '@mikro-orm/migrations';

/** Optimistic locking for memberships, and at most one open membership per member and organisation. */
export class MembershipVersionMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "membership" add column "version" int not null default 1;`);
    this.addSql(`alter table "membership" add constraint "membership_until_after_since"
      check ("until" is null or "since" is null or "until" >= "since");`);
    this
      .addSql(`create unique index "membership_open_region_unique" on "membership" ("organisation_id", "member_region_code")
      where "until" is null and "member_region_code" is not null;`);
    this
      .addSql(`create unique index "membership_open_organisation_unique" on "membership" ("organisation_id", "member_organisation_id")
      where "until" is null and "member_organisation_id" is not null;`);
  }
}
