import { hasRole, rawSql, sql, type Caller, type SqlFragment } from '@hub/kit';
import { ResourceStatus } from '../entities/enums';
import type { Resource } from '../entities/resource.entity';
import type { LibraryContext } from '../loaders';

/** Who is looking, reduced to what decides what they see (part of list keys: loaders know no caller). */
export interface Viewer {
  /** Hub admins see every draft. */
  admin: boolean;
  /** The organisation whose drafts the viewer sees (any signed-in member), else null. */
  draftsOf: string | null;
}

export function viewerOf(caller: Caller): Viewer {
  return {
    admin: hasRole(caller, 'admin'),
    draftsOf: caller.subject && caller.organisationId ? caller.organisationId : null,
  };
}

/** Published and archived resources are public; a draft only to members of its publisher and hub admins. */
export function canSeeResource(
  viewer: Viewer,
  resource: Pick<Resource, 'status' | 'organisationId'>,
): boolean {
  return (
    resource.status !== ResourceStatus.DRAFT || viewer.admin || resource.organisationId === viewer.draftsOf
  );
}

/** `canSeeResource` as a condition on the `resource` row aliased `r`. */
export function resourceVisibleSql(viewer: Viewer): SqlFragment {
  if (viewer.admin) return rawSql('TRUE');
  if (viewer.draftsOf) return sql`(r.status <> 'DRAFT' OR r.organisation_id = ${viewer.draftsOf})`;
  return rawSql(`r.status <> 'DRAFT'`);
}

/** What the link lists (`Region.resources` …) show: published resources and the drafts the viewer may see. */
export function listedResourceSql(viewer: Viewer): SqlFragment {
  return sql`r.status <> 'ARCHIVED' AND ${resourceVisibleSql(viewer)}`;
}

/** A resource by id if the caller may see it (null otherwise: a draft's existence is not revealed). */
export async function visibleResource(id: string, context: LibraryContext): Promise<Resource | null> {
  const resource = await context.loaders.resourceById.load(id);
  return resource && canSeeResource(viewerOf(context.caller), resource) ? resource : null;
}
