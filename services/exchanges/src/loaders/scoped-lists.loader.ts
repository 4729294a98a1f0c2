import { batchByArguments, BY_JSON } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Application } from '../entities/application.entity';
import { Pairing } from '../entities/pairing.entity';
import { Programme } from '../entities/programme.entity';
import { scopedCounts, scopedIds, type ListName, type ScopedPageArgs } from '../queries/lists.query';
import type { Viewer } from '../queries/visibility.query';

/** One page of one list (queries/lists.query.ts) for one key, as one viewer sees it. */
export interface ScopedListKey {
  list: ListName;
  /** Organisation id, region code, programme id, or `*` (every programme). */
  id: string;
  viewer: Viewer;
  page: ScopedPageArgs;
}

export type ListRow = Programme | Pairing | Application;

const ENTITY_OF: Record<ListName, typeof Programme | typeof Pairing | typeof Application> = {
  programmes: Programme,
  programmePairings: Pairing,
  regionPairings: Pairing,
  organisationPairings: Pairing,
  programmeApplications: Application,
};

/**
 * Pages of a list: per distinct set of arguments one statement for the ids of every page and one for the rows,
 * whatever the number of keys (regions, organisations, programmes) in the request.
 */
export function scopedPagesLoader(em: EntityManager) {
  return new DataLoader<ScopedListKey, ListRow[], string>(
    (keys) =>
      batchByArguments(
        keys,
        async (ids, { list, viewer, page }) => {
          const pages = await scopedIds(em, list, viewer, ids, page);
          const all = [...new Set([...pages.values()].flat())];
          const rows = all.length
            ? ((await em.find(ENTITY_OF[list], { id: { $in: all } })) as ListRow[])
            : [];
          const byId = new Map(rows.map((row) => [row.id, row]));
          return new Map(
            [...pages].map(([key, pageIds]) => [key, pageIds.flatMap((id) => byId.get(id) ?? [])]),
          );
        },
        [] as ListRow[],
      ),
    BY_JSON,
  );
}

/** Their `totalCount`: one grouped statement per list, viewer and status. */
export function scopedCountsLoader(em: EntityManager) {
  return new DataLoader<Omit<ScopedListKey, 'page'> & { status: string | null }, number, string>(
    (keys) =>
      batchByArguments(
        keys,
        (ids, { list, viewer, status }) => scopedCounts(em, list, viewer, ids, status),
        0,
      ),
    BY_JSON,
  );
}
