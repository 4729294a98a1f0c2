import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Directive,
  Field,
  ID,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import {
  createConnectionType,
  decodeCursor,
  PageArgs,
  toConnection,
  toPage,
  validateFirst,
} from './pagination';

// Every subgraph with writes serves audit records: a shareable value type.
@Directive('@shareable')
@ObjectType('AuditRecord', {
  description: 'One write to the hub: who did what to which record, and when. Never changed.',
})
export class AuditRecord {
  @Field(() => ID, { description: 'Sequence number of the record (increasing).' })
  id!: string;

  @Field(() => String, { description: 'When the write was committed (ISO 8601).' })
  at!: string;

  @Field(() => String, { nullable: true, description: 'Subject (user id) of the caller.' })
  subject!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Display name of the caller at the time of the write.',
  })
  subjectName!: string | null;

  @Field(() => ID, { nullable: true, description: 'Organisation the caller acted for.' })
  organisationId!: string | null;

  @Field(() => String, { description: 'Type of the record written, e.g. "Organisation".' })
  entity!: string;

  @Field(() => ID, { description: 'Id of the record written.' })
  entityId!: string;

  @Field(() => String, { description: 'What was done, e.g. "create", "update", "end".' })
  action!: string;

  @Field(() => [String], { description: 'Fields the write set or changed.' })
  changedFields!: string[];
}

export const AuditRecordConnection = createConnectionType(AuditRecord, 'AuditRecord', 'audit records', {
  shareable: true,
});
export type AuditRecordConnection = InstanceType<typeof AuditRecordConnection>;

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only writes to this record type, e.g. "Organisation".',
  })
  entity?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only writes to the record with this id.' })
  id?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only writes by callers acting for this organisation.' })
  organisation?: string | null;
}

interface AuditRow {
  id: string;
  at: Date;
  subject: string | null;
  subject_name: string | null;
  organisation_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  changed_fields: string[];
}

/** One page of this database's audit log, newest first. */
export async function readAuditLog(em: EntityManager, args: AuditLogArgs): Promise<AuditRecordConnection> {
  const first = validateFirst(args.first);
  const filters: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [
    ['entity', args.entity],
    ['entity_id', args.id],
    ['organisation_id', args.organisation],
  ] as const) {
    if (value) {
      filters.push(`${column} = ?`);
      params.push(value);
    }
  }
  const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
  const afterId = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
  const pageWhere = afterId === null ? where : `${where ? `${where} AND` : 'WHERE'} id < ?`;
  const rows =
    first === 0
      ? []
      : await em.execute<AuditRow[]>(`SELECT * FROM hub_audit_log ${pageWhere} ORDER BY id DESC LIMIT ?`, [
          ...params,
          ...(afterId === null ? [] : [afterId]),
          first + 1,
        ]);
  const records = rows.map((row) =>
    Object.assign(new AuditRecord(), {
      id: String(row.id),
      at: new Date(row.at).toISOString(),
      subject: row.subject,
      subjectName: row.subject_name,
      organisationId: row.organisation_id,
      entity: row.entity,
      entityId: row.entity_id,
      action: row.action,
      changedFields: row.changed_fields,
    }),
  );
  return toConnection(
    AuditRecordConnection,
    toPage(records, first, afterId !== null, (record) => [Number(record.id)]),
    async () => {
      const [count] = await em.execute<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM hub_audit_log ${where}`,
        params,
      );
      return Number(count?.n ?? 0);
    },
  );
}

/**
 * A resolver class serving this subgraph's audit log as `Query.<fieldName>` (hub admins only). Each subgraph
 * keeps its own log, in the same transaction as its writes, so each needs its own field name:
 * `createAuditLogResolver('indicatorsAuditLog', 'indicator values')`.
 */
export function createAuditLogResolver(fieldName: string, whatIsAudited: string) {
  @Resolver()
  class AuditLogResolver {
    @Authorized('admin')
    @Query(() => AuditRecordConnection, {
      name: fieldName,
      description: `The audit log of writes to ${whatIsAudited}, newest first (hub admins only).`,
    })
    auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() { em }: { em: EntityManager }) {
      return readAuditLog(em, args);
    }
  }
  return AuditLogResolver;
}
