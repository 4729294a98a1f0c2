import { batchByArguments, BY_JSON, groupInKeyOrder } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Observation } from '../entities/observation.entity';
import {
  contributionCounts,
  contributionPages,
  type ContributionSortKey,
} from '../queries/contributions.query';

export interface ContributionsKey {
  /** Organisation id. */
  id: string;
  /** Rows to read: the page size plus one (tells whether a next page exists). */
  limit: number;
  /** Sort key after which the page starts. */
  after: ContributionSortKey | null;
}

/** `Organisation.contributions`: one page per organisation, one statement per page size and cursor. */
export function contributionsLoader(em: EntityManager) {
  return new DataLoader<ContributionsKey, Observation[], string>(
    (keys) =>
      batchByArguments(
        keys,
        async (organisationIds, args) => {
          const rows = await contributionPages(em, organisationIds, args.limit, args.after);
          const groups = groupInKeyOrder(organisationIds, rows, (row) => row.contributedBy ?? '');
          return new Map(organisationIds.map((id, index) => [id, groups[index] ?? []]));
        },
        [],
      ),
    BY_JSON,
  );
}

/** `Organisation.contributions.totalCount`, for all organisations of a request in one statement. */
export function contributionCountLoader(em: EntityManager) {
  return new DataLoader<string, number>((organisationIds) => contributionCounts(em, organisationIds));
}
