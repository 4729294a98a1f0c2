import { Migration } from '@mikro-orm/migrations';

/**
 * Organisers consent (issue 12): an organisation named as organiser by another is pending until it accepts.
 * Rows written before this migration were named under the old rules and stay organisers (accepted).
 */
export class OrganiserConsentMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "event_organiser" add column "accepted" boolean not null default true;`);
    this.addSql(`alter table "event_organiser" alter column "accepted" drop default;`);
  }
}
