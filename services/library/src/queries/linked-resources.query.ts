import { sql, validateFirst } from '@hub/kit';
import { ResourceOrder } from '../entities/enums';
import { ResourceConnection } from '../entities/resource-connection.type';
import type { Resource } from '../entities/resource.entity';
import type { ResourcePageArgs } from '../inputs/resource-filter.input';
import type { LibraryContext } from '../loaders';
import { offsetOf, resourceFacets, toOffsetPage } from './resource-search.query';
import { listedResourceSql, viewerOf } from './visibility.query';

/** Most resources `Event.materials` and `Thread.resources` list. */
export const MAX_LINKED = 200;

/** `Region.resources` / `Organisation.resources`: a page through the batched loaders (one statement per page shape). */
export async function linkedResourcePage(
  context: LibraryContext,
  link: 'region' | 'organisation',
  id: string,
  args: ResourcePageArgs,
): Promise<ResourceConnection> {
  const first = validateFirst(args.first);
  const offset = offsetOf(args.after);
  const viewer = viewerOf(context.caller);
  const order =
    args.orderBy === ResourceOrder.PUBLISHED_ON_ASC ? args.orderBy : ResourceOrder.PUBLISHED_ON_DESC;
  const pages =
    link === 'region' ? context.loaders.resourcesByRegion : context.loaders.resourcesByOrganisation;
  const counts =
    link === 'region' ? context.loaders.resourceCountByRegion : context.loaders.resourceCountByOrganisation;
  const nodes = await pages.load({ id, limit: first + 1, offset, order, ...viewer });
  const linkSql =
    link === 'region' ? sql`r.region_keys @> ARRAY[${id}]::text[]` : sql`r.organisation_id = ${id}`;
  return Object.assign(new ResourceConnection(), toOffsetPage(nodes, first, offset), {
    countTotal: () => counts.load({ id, ...viewer }),
    countFacets: () => resourceFacets(context.em, sql`${linkSql} AND ${listedResourceSql(viewer)}`),
  });
}

/** `Event.materials` / `Thread.resources`: the first MAX_LINKED, newest first, batched for many parents. */
export function linkedResources(
  context: LibraryContext,
  link: 'event' | 'thread',
  id: string,
): Promise<Resource[]> {
  const loader = link === 'event' ? context.loaders.resourcesByEvent : context.loaders.resourcesByThread;
  return loader.load({
    id: id.toLowerCase(),
    limit: MAX_LINKED,
    offset: 0,
    order: ResourceOrder.PUBLISHED_ON_DESC,
    ...viewerOf(context.caller),
  });
}
