import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { executeSql, joinSql, sql, type SqlFragment } from '../data/sql';
import { DateTimeScalar } from '../graphql/scalars';
import {
  createConnectionType,
  decodeCursor,
  type ConnectionShape,
  PageArgs,
  toConnection,
  toPage,
  validateFirst,
} from '../data/pagination';

/** The arguments of every audit log query. */
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

/** The columns of `hub_audit_log` a record shows. */
export interface AuditRow {
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

/** One page of this database's audit log, newest first, each row made into a record by `toRecord`. */
export async function readAuditRows<TRecord extends { id: string }, C extends ConnectionShape<TRecord>>(
  em: EntityManager,
  args: AuditLogArgs,
  ConnectionClass: new () => C,
  toRecord: (row: AuditRow) => TRecord,
): Promise<C> {
  const first = validateFirst(args.first);
  const filters = [
    args.entity ? sql`entity = ${args.entity}` : null,
    args.id ? sql`entity_id = ${args.id}` : null,
    args.organisation ? sql`organisation_id = ${args.organisation}` : null,
  ].filter((filter): filter is SqlFragment => filter !== null);
  const afterId = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
  const page = afterId === null ? filters : [...filters, sql`id < ${afterId}`];
  const rows =
    first === 0
      ? []
      : await executeSql<AuditRow>(
          em,
          sql`SELECT * FROM hub_audit_log WHERE ${joinSql(page, ' AND ')} ORDER BY id DESC LIMIT ${first + 1}`,
        );
  return toConnection(
    ConnectionClass,
    toPage(rows.map(toRecord), first, afterId !== null, (record) => [Number(record.id)]),
    async () => {
      const [count] = await executeSql<{ n: string }>(
        em,
        sql`SELECT count(*) AS n FROM hub_audit_log WHERE ${joinSql(filters, ' AND ')}`,
      );
      return Number(count?.n ?? 0);
    },
  );
}

export interface AuditLogOptions<TOrganisation extends object, TContext> {
  /** The query field, one per subgraph: `auditLog`, `eventsAuditLog` … */
  fieldName: string;
  /** What the log covers, for the description: "events", "indicator values". */
  whatIsAudited: string;
  /** This subgraph's `Organisation` type: `createReferenceTypes().Organisation`, or the entity in regions. */
  organisationType: new () => TOrganisation;
  /**
   * The organisation object for an id (null when it does not exist). Default: a stub of `organisationType`
   * with only `id` set (the gateway fetches the rest from the owner); the owner loads its entity instead.
   */
  organisation?: (id: string, context: TContext) => TOrganisation | null | Promise<TOrganisation | null>;
}

/**
 * This subgraph's audit log as `Query.<fieldName>` (hub admins only), newest first: fresh `AuditRecord` and
 * `AuditRecordConnection` classes per subgraph (its `organisation` field has this subgraph's Organisation type,
 * and type-graphql's metadata is global), and the resolver class to list in `resolvers`. Each subgraph keeps
 * its own log, in the same transaction as its writes.
 */
export function createAuditLog<TOrganisation extends object, TContext extends { em: EntityManager }>(
  options: AuditLogOptions<TOrganisation, TContext>,
) {
  const organisationOf =
    options.organisation ??
    ((id: string) => Object.assign(new options.organisationType(), { id }) as TOrganisation);

  // Every subgraph with writes serves audit records: a shareable value type.
  @Directive('@shareable')
  @ObjectType('AuditRecord', {
    description: 'One write to the hub: who did what to which record, and when. Never changed.',
  })
  class AuditRecord {
    @Field(() => ID, { description: 'Sequence number of the record (increasing).' })
    id!: string;

    @Field(() => DateTimeScalar, { description: 'When the write was committed.' })
    at!: Date;

    @Field(() => String, { nullable: true, description: 'Subject (user id) of the caller.' })
    subject!: string | null;

    @Field(() => String, {
      nullable: true,
      description: 'Display name of the caller at the time of the write.',
    })
    subjectName!: string | null;

    /** Resolved by `organisation` below. */
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

  const AuditRecordConnection = createConnectionType(AuditRecord, 'AuditRecord', 'audit records', {
    shareable: true,
  });

  @Resolver(() => AuditRecord)
  class AuditLogResolver {
    @Authorized('admin')
    @Query(() => AuditRecordConnection, {
      name: options.fieldName,
      description: `The audit log of writes to ${options.whatIsAudited}, newest first (hub admins only).`,
    })
    auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() { em }: TContext) {
      return readAuditRows(em, args, AuditRecordConnection, (row) =>
        Object.assign(new AuditRecord(), {
          id: String(row.id),
          at: new Date(row.at),
          subject: row.subject,
          subjectName: row.subject_name,
          organisationId: row.organisation_id,
          entity: row.entity,
          entityId: row.entity_id,
          action: row.action,
          changedFields: row.changed_fields,
        }),
      );
    }

    @FieldResolver(() => options.organisationType, {
      nullable: true,
      description: 'The organisation the caller acted for (none for callers without one).',
    })
    organisation(@Root() record: AuditRecord, @Ctx() context: TContext) {
      return record.organisationId === null ? null : organisationOf(record.organisationId, context);
    }
  }

  return { AuditRecord, AuditRecordConnection, AuditLogResolver };
}
