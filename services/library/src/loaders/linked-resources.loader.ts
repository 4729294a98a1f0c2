import { BY_JSON, batchByArguments, executeSql, sql, sqlList, type SqlFragment } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ResourceOrder } from '../entities/enums';
import type { Resource } from '../entities/resource.entity';
import { orderSql, RESOURCE_COLUMNS, toResources } from '../queries/resource-search.query';
import { listedResourceSql, type Viewer } from '../queries/visibility.query';

/** How a parent (region, organisation, event, thread) holds resources: a condition on `r` and the key `k.key`. */
export type LinkKind = 'region' | 'organisation' | 'event' | 'thread';

const LINK_CONDITIONS: Record<LinkKind, SqlFragment> = {
  region: sql`r.region_keys @> ARRAY[k.key]`,
  organisation: sql`r.organisation_id = k.key`,
  event: sql`r.event_id = k.key::uuid`,
  thread: sql`r.thread_ids @> ARRAY[k.key::uuid]`,
};

export interface LinkedPageKey extends Viewer {
  /** The parent's key (a region code, organisation id, event or thread id). */
  id: string;
  limit: number;
  offset: number;
  order: ResourceOrder;
}

const keysSql = (ids: string[]) => sql`unnest(ARRAY[${sqlList(ids)}]::text[]) AS k(key)`;

/**
 * Pages of the resources linked to many parents in one statement per distinct page (a LATERAL join over the
 * parents' keys), those the viewer may list (published, and the drafts it may see).
 */
export function linkedResourcesLoader(em: EntityManager, link: LinkKind) {
  return new DataLoader<LinkedPageKey, Resource[], string>(
    (keys) =>
      batchByArguments(
        keys,
        async (ids, { limit, offset, order, ...viewer }) => {
          const rows = await executeSql<Record<string, unknown> & { parent: string }>(
            em,
            sql`SELECT k.key AS parent, r.* FROM ${keysSql(ids)} CROSS JOIN LATERAL (
                  SELECT ${RESOURCE_COLUMNS} FROM resource r
                  WHERE ${LINK_CONDITIONS[link]} AND ${listedResourceSql(viewer)}
                  ORDER BY ${orderSql(order, [])} LIMIT ${limit} OFFSET ${offset}) r`,
          );
          const byParent = new Map<string, Resource[]>(ids.map((id) => [id, []]));
          const resources = toResources(em, rows);
          rows.forEach((row, index) => byParent.get(row.parent)?.push(resources[index]!));
          return byParent;
        },
        [],
      ),
    BY_JSON,
  );
}

/** How many resources each parent lists for the viewer, for many parents in one statement. */
export function linkedCountLoader(em: EntityManager, link: LinkKind) {
  return new DataLoader<Viewer & { id: string }, number, string>(
    (keys) =>
      batchByArguments(
        keys,
        async (ids, viewer) => {
          const rows = await executeSql<{ key: string; n: string }>(
            em,
            sql`SELECT k.key, count(r.id) AS n FROM ${keysSql(ids)}
                LEFT JOIN resource r ON ${LINK_CONDITIONS[link]} AND ${listedResourceSql(viewer)}
                GROUP BY k.key`,
          );
          return new Map(rows.map((row) => [row.key, Number(row.n)]));
        },
        0,
      ),
    BY_JSON,
  );
}

export const DEFAULT_LINK_ORDER = ResourceOrder.PUBLISHED_ON_DESC;
