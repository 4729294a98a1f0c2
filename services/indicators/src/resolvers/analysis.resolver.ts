import { decodeCursor, invalidInput, toConnection, toPage, validateFirst, ListSize } from '@hub/kit';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Comparison } from '../entities/comparison.type';
import { RankingOrder } from '../entities/enums';
import { RankingRow, RankingRowConnection } from '../entities/ranking.type';
import { regionReference } from '../entities/references.type';
import { CompareArgs, MAX_COMPARED_REGIONS, RankingArgs } from '../inputs/analysis.input';
import type { IndicatorsContext } from '../loaders';
import { comparedObservations, defaultComparePeriod, difference } from '../queries/compare.query';
import { breakdownOrDefault, requireIndicator } from '../queries/indicator.query';
import {
  aggregateValues,
  countRanked,
  defaultRankingPeriod,
  EU_CODE,
  rankedPage,
  type RankedScope,
  type RankingScope,
  type RankingSortKey,
} from '../queries/ranking.query';

@Resolver()
export class AnalysisResolver {
  @Query(() => RankingRowConnection, {
    description:
      'Regions ranked by their value of an indicator in one year, paged (observations without a value are left out).',
  })
  async ranking(
    @Args(() => RankingArgs) args: RankingArgs,
    @Ctx() { em, loaders }: IndicatorsContext,
  ): Promise<RankingRowConnection> {
    const first = validateFirst(args.first);
    const after = args.after ? (decodeCursor(args.after, 4) as RankingSortKey) : null;
    const indicator = await requireIndicator(loaders, args.indicator);
    const orderBy =
      args.orderBy ?? (indicator.higherIsBetter === false ? RankingOrder.VALUE_ASC : RankingOrder.VALUE_DESC);
    if (after && (after[1] !== orderBy || (args.period != null && after[0] !== args.period))) {
      throw invalidInput('after', 'is not a cursor of this ranking (another year or order)');
    }
    const wanted: RankingScope = {
      indicator: indicator.code,
      breakdown: breakdownOrDefault(indicator, args.breakdown),
      // A cursor carries the year of its page, so every page of a ranking ranks the same year.
      period: after ? after[0] : (args.period ?? null),
      level: args.level ?? null,
      country: args.country ?? null,
      orderBy,
    };
    const period = wanted.period ?? (await defaultRankingPeriod(em, wanted));
    if (period === null) {
      const empty = toConnection(
        RankingRowConnection,
        toPage<RankingRow>([], first, after !== null, () => []),
        () => Promise.resolve(0),
      );
      return Object.assign(empty, { period: null });
    }
    const scope: RankedScope = { ...wanted, period };
    const ranked = first === 0 ? [] : await rankedPage(em, scope, after, first + 1);
    const aggregates =
      ranked.length === 0
        ? new Map<string, number | null>()
        : await aggregateValues(
            em,
            scope,
            ranked.slice(0, first).map(({ observation }) => observation.regionCode),
          );
    const rows = ranked.map(({ rank, observation }) =>
      Object.assign(new RankingRow(), {
        rank,
        observation,
        countryValue: aggregates.get(observation.regionCode.slice(0, 2)) ?? null,
        euValue: aggregates.get(EU_CODE) ?? null,
      }),
    );
    const connection = toConnection(
      RankingRowConnection,
      toPage(rows, first, after !== null, ({ observation }) => [
        observation.period,
        orderBy,
        observation.value as number,
        observation.regionCode,
      ]),
      () => countRanked(em, scope),
    );
    // the year ranked, also when this page is empty (a count-only query, a cursor past the end)
    return Object.assign(connection, { period });
  }

  @ListSize(MAX_COMPARED_REGIONS) // CompareArgs.regions: at most 100
  @Query(() => [Comparison], {
    description:
      'Regions side by side for one indicator and year, in the order asked, optionally with the gap between two breakdowns.',
  })
  async compare(
    @Args(() => CompareArgs) args: CompareArgs,
    @Ctx() { em, loaders }: IndicatorsContext,
  ): Promise<Comparison[]> {
    const codes = [...new Set(args.regions.map((code) => code.trim().toUpperCase()))];
    const indicator = await requireIndicator(loaders, args.indicator);
    const gapBetween = args.gapBetween ?? null;
    const missing = (gapBetween ?? []).filter((breakdown) => !indicator.breakdowns.includes(breakdown));
    if (missing.length) {
      throw invalidInput(
        'gapBetween',
        `indicator "${indicator.code}" has no breakdown ${missing.join(', ')} (it has ${indicator.breakdowns.join(', ')})`,
      );
    }
    const compared = args.breakdown ? [args.breakdown] : (gapBetween ?? []);
    const period = args.period ?? (await defaultComparePeriod(em, indicator.code, codes, compared));
    const rows = period === null ? [] : await comparedObservations(em, indicator.code, codes, period);
    return codes.map((code) => {
      const own = rows.filter((row) => row.regionCode === code);
      const valueOf = (breakdown: string | undefined) =>
        own.find((row) => row.breakdown === breakdown)?.value ?? null;
      const minuend = valueOf(gapBetween?.[0]);
      const subtrahend = valueOf(gapBetween?.[1]);
      return Object.assign(new Comparison(), {
        region: regionReference(code),
        period,
        observations: args.breakdown ? own.filter((row) => row.breakdown === args.breakdown) : own,
        gap: gapBetween && minuend !== null && subtrahend !== null ? difference(minuend, subtrahend) : null,
      });
    });
  }
}
