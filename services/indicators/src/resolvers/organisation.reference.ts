import { decodeCursor, PageArgs, toConnection, toPage, validateFirst } from '@hub/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ObservationConnection } from '../entities/observation-connection.type';
import type { Observation } from '../entities/observation.entity';
import { Organisation } from '../entities/references.type';
import type { IndicatorsContext } from '../loaders';
import type { ContributionSortKey } from '../queries/contributions.query';

/** What the indicators subgraph adds to the regions subgraph's `Organisation`. */
@Resolver(() => Organisation)
export class OrganisationContributionsResolver {
  @FieldResolver(() => ObservationConnection, {
    description:
      'Current observations this organisation recorded, ordered by indicator, region, year and breakdown, paged.',
  })
  async contributions(
    @Root() organisation: Organisation,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() { loaders }: IndicatorsContext,
  ): Promise<ObservationConnection> {
    const first = validateFirst(args.first);
    const after = args.after ? decodeCursor(args.after, 4) : null;
    const rows: Observation[] =
      first === 0
        ? []
        : await loaders.contributions.load({
            id: organisation.id,
            limit: first + 1,
            after: after
              ? [String(after[0]), String(after[1]), Number(after[2]), String(after[3])]
              : (null as ContributionSortKey | null),
          });
    return toConnection(
      ObservationConnection,
      toPage(rows, first, after !== null, (row) => [
        row.indicatorCode,
        row.regionCode,
        row.period,
        row.breakdown,
      ]),
      () => loaders.contributionCount.load(organisation.id),
    );
  }
}
