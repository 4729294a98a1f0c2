import { decodeCursor, PageArgs, toConnection, toPage, validateFirst } from '@hub/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Observation } from '../entities/observation.entity';
import { OrganisationReference } from '../entities/references';
import type { ContributionsKey } from '../loaders/loaders';
import { ObservationConnection } from './observation.resolver';
import type { IndicatorsContext } from './types';

/** What the indicators subgraph adds to the regions subgraph's `Organisation`. */
@Resolver(() => OrganisationReference)
export class OrganisationContributionsResolver {
  @FieldResolver(() => ObservationConnection, {
    description:
      'Current observations this organisation recorded, ordered by indicator, region, year and breakdown, paged.',
  })
  async contributions(
    @Root() organisation: OrganisationReference,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<ObservationConnection> {
    const first = validateFirst(args.first);
    const after = args.after
      ? (decodeCursor(args.after, 4).map(String) as [string, string, string, string])
      : null;
    const key: ContributionsKey = {
      id: organisation.id,
      first,
      after: after ? [after[0], after[1], Number(after[2]), after[3]] : null,
    };
    const rows: Observation[] = first === 0 ? [] : await loaders.contributions.load(key);
    return toConnection(
      ObservationConnection,
      toPage(rows, first, Boolean(args.after), (row) => [
        row.indicatorCode,
        row.regionCode,
        row.period,
        row.breakdown,
      ]),
      () => loaders.contributionCount.load(organisation.id),
    );
  }
}
