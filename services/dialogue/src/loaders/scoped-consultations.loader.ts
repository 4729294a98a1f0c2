import { batchByArguments, BY_JSON } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Consultation } from '../entities/consultation.entity';
import {
  scopedConsultationCounts,
  scopedConsultationIds,
  type ConsultationListScope,
  type ScopedPageArgs,
} from '../queries/consultation-lists.query';
import type { Viewer } from '../queries/visibility.query';

/** `Region.consultations` / `Organisation.consultations` of one region or organisation, with the list's arguments. */
export interface ScopedConsultationsKey {
  scope: ConsultationListScope;
  /** Region code or organisation id. */
  id: string;
  viewer: Viewer;
  page: ScopedPageArgs;
}

/**
 * Pages of consultations: per distinct set of arguments one statement for the ids of every page and one for
 * the consultations, whatever the number of regions or organisations. (Loading the consultations here, not
 * per field, lets every page of a request resolve at once, so their counts batch together too.)
 */
export function scopedConsultationPagesLoader(em: EntityManager) {
  return new DataLoader<ScopedConsultationsKey, Consultation[], string>(
    (keys) =>
      batchByArguments(
        keys,
        async (ids, { scope, viewer, page }) => {
          const pages = await scopedConsultationIds(em, viewer, scope, ids, page);
          const all = [...new Set([...pages.values()].flat())];
          const rows = all.length ? await em.find(Consultation, { id: { $in: all } }) : [];
          const byId = new Map(rows.map((row) => [row.id, row]));
          return new Map(
            [...pages].map(([key, pageIds]) => [key, pageIds.flatMap((id) => byId.get(id) ?? [])] as const),
          );
        },
        [] as Consultation[],
      ),
    BY_JSON,
  );
}

/** Their `totalCount`: one grouped statement per scope and viewer. */
export function scopedConsultationCountsLoader(em: EntityManager) {
  return new DataLoader<Omit<ScopedConsultationsKey, 'page'>, number, string>(
    (keys) =>
      batchByArguments(keys, (ids, { scope, viewer }) => scopedConsultationCounts(em, viewer, scope, ids), 0),
    BY_JSON,
  );
}
