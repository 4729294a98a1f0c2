import {
  decodeCursor,
  executeSql,
  joinSql,
  rawSql,
  sql,
  toConnection,
  toPage,
  validateFirst,
  type SqlFragment,
} from '@hub/kit';
import type { Consultation } from '../entities/consultation.entity';
import { ResponseConnection } from '../entities/connections.type';
import { Response } from '../entities/response.entity';
import type { DialogueContext } from '../loaders';
import { readsAllResponses, viewerOf } from './visibility.query';

/**
 * A page of a consultation's responses the caller may read (organiser's editors and admins: all; the
 * responding organisation: its own; anybody else: none), oldest first, keyset-paged on (created_at, id).
 */
export async function responsePage(
  context: DialogueContext,
  consultation: Consultation,
  args: { first?: number | null; after?: string | null },
): Promise<ResponseConnection> {
  const first = validateFirst(args.first);
  const viewer = viewerOf(context.caller);
  let visible: SqlFragment;
  if (readsAllResponses(viewer, consultation.organiser)) visible = rawSql('TRUE');
  else if (viewer.respondentOf) visible = sql`r.organisation = ${viewer.respondentOf}`;
  else visible = rawSql('FALSE');
  const where = joinSql([sql`r.consultation_id = ${consultation.id}::uuid`, visible], ' AND ');
  let after: SqlFragment = rawSql('TRUE');
  if (args.after) {
    const [time, id] = decodeCursor(args.after, 2);
    const at = new Date(Number(time));
    after = sql`(r.created_at > ${at} OR (r.created_at = ${at} AND r.id > ${String(id)}::uuid))`;
  }
  const rows = await executeSql<{ id: string }>(
    context.em,
    sql`SELECT r.id FROM response r WHERE ${where} AND ${after} ORDER BY r.created_at, r.id LIMIT ${first + 1}`,
  );
  const loaded = await context.loaders.responseById.loadMany(rows.map((row) => row.id));
  const responses = loaded.filter((r): r is Response => r instanceof Response);
  const page = toPage(responses, first, Boolean(args.after), (r) => [r.createdAt.getTime(), r.id]);
  return toConnection(ResponseConnection, page, async () => {
    const [row] = await executeSql<{ n: string }>(
      context.em,
      sql`SELECT count(*) AS n FROM response r WHERE ${where}`,
    );
    return Number(row?.n ?? 0);
  });
}
