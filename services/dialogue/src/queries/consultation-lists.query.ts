import {
  decodeCursor,
  executeSql,
  invalidInput,
  joinSql,
  normaliseRegionFilter,
  rawSql,
  regionAndDescendantsSql,
  sql,
  sqlList,
  toConnection,
  toPage,
  validateFirst,
  type SqlFragment,
} from '@hub/kit';
import { Consultation } from '../entities/consultation.entity';
import { ConsultationConnection } from '../entities/connections.type';
import { ConsultationOrder, type ConsultationStatus } from '../entities/enums';
import type { DialogueContext } from '../loaders';
import { consultationVisibleSql, viewerOf, type Viewer } from './visibility.query';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface ConsultationScope {
  statuses?: ConsultationStatus[] | null;
  organisation?: string | null;
  region?: string | null;
  needsAssessment?: boolean | null;
  event?: string | null;
}

function scopeSql(scope: ConsultationScope, path: string): SqlFragment {
  const conditions: SqlFragment[] = [];
  if (scope.statuses?.length) conditions.push(sql`c.status IN (${sqlList(scope.statuses)})`);
  if (scope.organisation) conditions.push(sql`c.organiser = ${scope.organisation.trim()}`);
  if (scope.region) {
    const code = normaliseRegionFilter(scope.region, `${path}.region`);
    if (code) {
      conditions.push(
        sql`EXISTS (SELECT 1 FROM unnest(c.region_codes) AS rc(code) WHERE ${regionAndDescendantsSql(rawSql('rc.code'), code)})`,
      );
    }
  }
  if (scope.needsAssessment != null) conditions.push(sql`c.needs_assessment = ${scope.needsAssessment}`);
  if (scope.event) conditions.push(sql`c.event_id::text = ${scope.event.toLowerCase()}`);
  return joinSql(conditions, ' AND ');
}

const ORDER: Record<ConsultationOrder, { by: string; before: string }> = {
  [ConsultationOrder.CLOSES_AT_DESC]: { by: 'c.closes_at DESC, c.id ASC', before: '<' },
  [ConsultationOrder.CLOSES_AT_ASC]: { by: 'c.closes_at ASC, c.id ASC', before: '>' },
};

/**
 * A page of the consultations the caller may see, keyset-paged on (closes_at, id); a cursor carries its order.
 * The count runs only when `totalCount` is selected.
 */
export async function consultationPage(
  context: DialogueContext,
  scope: ConsultationScope,
  args: { first?: number | null; after?: string | null; orderBy?: ConsultationOrder | null },
  path = 'filter',
): Promise<ConsultationConnection> {
  const first = validateFirst(args.first);
  const orderBy = args.orderBy ?? ConsultationOrder.CLOSES_AT_DESC;
  const where = joinSql([consultationVisibleSql(viewerOf(context.caller)), scopeSql(scope, path)], ' AND ');
  let after: SqlFragment = rawSql('TRUE');
  if (args.after) {
    const [order, time, id] = decodeCursor(args.after, 3);
    if (order !== orderBy) throw invalidInput('after', 'is a cursor of another order');
    const at = new Date(Number(time));
    const before = rawSql(ORDER[orderBy].before);
    after = sql`(c.closes_at ${before} ${at} OR (c.closes_at = ${at} AND c.id > ${String(id)}::uuid))`;
  }
  const rows = await executeSql<{ id: string }>(
    context.em,
    sql`SELECT c.id FROM consultation c WHERE ${where} AND ${after}
        ORDER BY ${rawSql(ORDER[orderBy].by)} LIMIT ${first + 1}`,
  );
  const loaded = await context.loaders.consultationById.loadMany(rows.map((row) => row.id));
  const consultations = loaded.filter((c): c is Consultation => c instanceof Consultation);
  const page = toPage(consultations, first, Boolean(args.after), (c) => [
    orderBy,
    c.closesAt.getTime(),
    c.id,
  ]);
  return toConnection(ConsultationConnection, page, async () => {
    const [row] = await executeSql<{ n: string }>(
      context.em,
      sql`SELECT count(*) AS n FROM consultation c WHERE ${where}`,
    );
    return Number(row?.n ?? 0);
  });
}

/** What a `Region.consultations` / `Organisation.consultations` list is keyed by. */
export type ConsultationListScope = 'region' | 'organisation';

/** The condition tying consultation `c` to the per-row key `k.key` of a batched list. */
function scopedSql(scope: ConsultationListScope): SqlFragment {
  return scope === 'organisation'
    ? rawSql('c.organiser = k.key')
    : sql`EXISTS (SELECT 1 FROM unnest(c.region_codes) AS rc(code) WHERE ${regionAndDescendantsSql(rawSql('rc.code'), rawSql('k.key'))})`;
}

export interface ScopedPageArgs {
  first: number;
  after: string | null;
  orderBy: ConsultationOrder;
}

/** The cursor condition of a page, validated (a cursor is valid only with the order it came from). */
function afterSql(args: ScopedPageArgs): SqlFragment {
  if (!args.after) return rawSql('TRUE');
  const [order, time, id] = decodeCursor(args.after, 3);
  if (order !== args.orderBy) throw invalidInput('after', 'is a cursor of another order');
  const at = new Date(Number(time));
  const before = rawSql(ORDER[args.orderBy].before);
  return sql`(c.closes_at ${before} ${at} OR (c.closes_at = ${at} AND c.id > ${String(id)}::uuid))`;
}

/**
 * One page (`first + 1` ids, to tell whether more follow) per region or organisation, for any number of them
 * in ONE statement: the keys are a `unnest` list joined LATERALly to the page of each.
 */
export async function scopedConsultationIds(
  em: EntityManager,
  viewer: Viewer,
  scope: ConsultationListScope,
  keys: string[],
  args: ScopedPageArgs,
): Promise<Map<string, string[]>> {
  const rows = await executeSql<{ key: string; id: string }>(
    em,
    sql`SELECT k.key, p.id FROM unnest(ARRAY[${sqlList(keys)}]::text[]) AS k(key)
        CROSS JOIN LATERAL (
          SELECT c.id FROM consultation c
          WHERE ${consultationVisibleSql(viewer)} AND ${scopedSql(scope)} AND ${afterSql(args)}
          ORDER BY ${rawSql(ORDER[args.orderBy].by)} LIMIT ${args.first + 1}
        ) p`,
  );
  const pages = new Map<string, string[]>(keys.map((key) => [key, []]));
  for (const row of rows) pages.get(row.key)?.push(row.id);
  return pages;
}

/** The `totalCount` of each region's or organisation's list, in one grouped statement. */
export async function scopedConsultationCounts(
  em: EntityManager,
  viewer: Viewer,
  scope: ConsultationListScope,
  keys: string[],
): Promise<Map<string, number>> {
  const rows = await executeSql<{ key: string; n: string }>(
    em,
    sql`SELECT k.key, count(c.id) AS n FROM unnest(ARRAY[${sqlList(keys)}]::text[]) AS k(key)
        LEFT JOIN consultation c ON ${consultationVisibleSql(viewer)} AND ${scopedSql(scope)}
        GROUP BY k.key`,
  );
  return new Map(rows.map((row) => [row.key, Number(row.n)]));
}

/**
 * `Region.consultations` / `Organisation.consultations`: the page of one region or organisation through the
 * batched loaders (one statement for the pages of every region in the request, one for their counts, one for
 * the consultations themselves).
 */
export async function scopedConsultationPage(
  context: DialogueContext,
  scope: ConsultationListScope,
  id: string,
  args: { first?: number | null; after?: string | null; orderBy?: ConsultationOrder | null },
): Promise<ConsultationConnection> {
  const viewer = viewerOf(context.caller);
  const page: ScopedPageArgs = {
    first: validateFirst(args.first),
    after: args.after ?? null,
    orderBy: args.orderBy ?? ConsultationOrder.CLOSES_AT_DESC,
  };
  if (page.after) afterSql(page); // a bad cursor fails here, for this field alone
  const consultations = await context.loaders.scopedConsultationPages.load({ scope, id, viewer, page });
  const connectionPage = toPage(consultations, page.first, Boolean(page.after), (c) => [
    page.orderBy,
    c.closesAt.getTime(),
    c.id,
  ]);
  return toConnection(ConsultationConnection, connectionPage, () =>
    context.loaders.scopedConsultationCounts.load({ scope, id, viewer }),
  );
}
