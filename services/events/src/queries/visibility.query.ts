import { hasRole, rawSql, sql, type Caller, type SqlFragment } from '@hub/kit';
import { EventStatus } from '../entities/enums';
import type { Event } from '../entities/event.entity';
import type { EventsContext } from '../loaders';

/**
 * Who is looking, reduced to what decides which drafts they see. Part of every list key, because DataLoaders
 * are created per request without the caller.
 */
export interface Viewer {
  /** Hub admins see every draft. */
  admin: boolean;
  /** The organisation whose drafts the viewer sees (contributors and editors only), else null. */
  draftsOf: string | null;
}

export function viewerOf(caller: Caller): Viewer {
  const admin = hasRole(caller, 'admin');
  const draftsOf =
    !admin && caller.organisationId && hasRole(caller, 'contributor', 'editor')
      ? caller.organisationId
      : null;
  return { admin, draftsOf };
}

/** Published and cancelled events are public; a draft only to its organisation's writers and to admins. */
export function canSee(viewer: Viewer, event: { status: EventStatus; createdBy: string }): boolean {
  return event.status !== EventStatus.DRAFT || viewer.admin || event.createdBy === viewer.draftsOf;
}

/** The same rule as `canSee`, as a condition on the `event` row aliased `e`. */
export function visibleToSql(viewer: Viewer): SqlFragment {
  if (viewer.admin) return rawSql('TRUE');
  if (viewer.draftsOf) return sql`(e.status <> 'DRAFT' OR e.created_by = ${viewer.draftsOf})`;
  return rawSql(`e.status <> 'DRAFT'`);
}

/** An event by id if the caller may see it (drafts only to their organisation's writers and admins). */
export async function visibleEvent(id: string, context: EventsContext): Promise<Event | null> {
  const event = await context.loaders.eventById.load(id);
  return event && canSee(viewerOf(context.caller), event) ? event : null;
}
