import { badUserInput, validateFirst, validateIntRange } from '@hub/kit';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { RankingOrder } from '../entities/enums';
import { Observation } from '../entities/observation.entity';
import { regionReference } from '../entities/references';
import { CompareArgs, Comparison, RankingArgs, RankingRow } from './analysis.types';
import { breakdownOrDefault, difference, requireIndicator, validatePeriod } from './lookup';
import type { IndicatorsContext } from './types';

/** The EU-27 aggregate's code in Eurostat datasets. */
export const EU_CODE = 'EU27_2020';
const MAX_COMPARED_REGIONS = 100;

/** Competition ranks of values already sorted: equal values share a rank, the next rank skips. */
export function competitionRanks(values: number[]): number[] {
  const ranks: number[] = [];
  values.forEach((value, index) => {
    ranks.push(index > 0 && values[index - 1] === value ? (ranks[index - 1] as number) : index + 1);
  });
  return ranks;
}

@Resolver()
export class AnalysisResolver {
  @Query(() => [RankingRow], {
    description:
      'Regions ranked by their value of an indicator in one year (observations without a value are left out).',
  })
  async ranking(
    @Args(() => RankingArgs) args: RankingArgs,
    @Ctx() { em, loaders }: IndicatorsContext,
  ): Promise<RankingRow[]> {
    const first = validateFirst(args.first);
    if (args.level !== null && args.level !== undefined) validateIntRange(args.level, 0, 3, 'level');
    validatePeriod(args.period, 'period');
    const indicator = await requireIndicator(loaders, args.indicator);
    const breakdown = breakdownOrDefault(indicator, args.breakdown);
    const order = args.order ?? (indicator.higherIsBetter === false ? RankingOrder.ASC : RankingOrder.DESC);
    const qb = em
      .createQueryBuilder(Observation, 'o')
      .where({ indicatorCode: indicator.code, breakdown, value: { $ne: null } });
    if (args.period !== null && args.period !== undefined) {
      qb.andWhere({ period: args.period });
    } else {
      qb.andWhere(
        'o.period = (select max(p.period) from observation p where p.indicator_code = ? and p.breakdown = ? and p.value is not null)',
        [indicator.code, breakdown],
      );
    }
    if (args.level !== null && args.level !== undefined)
      qb.andWhere('length(o.region_code) = ?', [args.level + 2]);
    if (args.country) qb.andWhere('left(o.region_code, 2) = ?', [args.country.trim().toUpperCase()]);
    const direction = order === RankingOrder.ASC ? 'asc' : 'desc';
    const ranked = await qb.orderBy({ value: direction, regionCode: 'asc' }).getResultList();
    const ranks = competitionRanks(ranked.map((row) => row.value as number));
    const page = ranked.slice(0, first);
    if (!page.length) return [];
    const period = (page[0] as Observation).period;
    const aggregates = await em.find(Observation, {
      indicatorCode: indicator.code,
      breakdown,
      period,
      regionCode: { $in: [...new Set(page.map((row) => row.regionCode.slice(0, 2))), EU_CODE] },
    });
    const aggregateValue = new Map(aggregates.map((row) => [row.regionCode, row.value]));
    return page.map((observation, index) =>
      Object.assign(new RankingRow(), {
        rank: ranks[index] as number,
        observation,
        countryValue: aggregateValue.get(observation.regionCode.slice(0, 2)) ?? null,
        euValue: aggregateValue.get(EU_CODE) ?? null,
      }),
    );
  }

  @Query(() => [Comparison], {
    description:
      'Regions side by side for one indicator and year, in the order asked, optionally with the gap between two breakdowns.',
  })
  async compare(
    @Args(() => CompareArgs) args: CompareArgs,
    @Ctx() { em, loaders }: IndicatorsContext,
  ): Promise<Comparison[]> {
    validatePeriod(args.period, 'period');
    const codes = [...new Set(args.regions.map((code) => code.trim().toUpperCase()))];
    if (codes.length < 1 || codes.length > MAX_COMPARED_REGIONS) {
      throw badUserInput(`Give 1 to ${MAX_COMPARED_REGIONS} regions (got ${codes.length}).`, 'regions');
    }
    const indicator = await requireIndicator(loaders, args.indicator);
    const gapBetween = args.gapBetween ?? null;
    if (gapBetween) {
      const [minuend, subtrahend] = gapBetween;
      if (gapBetween.length !== 2 || minuend === subtrahend) {
        throw badUserInput('Argument "gapBetween" must name two different breakdowns.', 'gapBetween');
      }
      const missing = gapBetween.filter((breakdown) => !indicator.breakdowns.includes(breakdown));
      if (missing.length) {
        throw badUserInput(
          `Indicator "${indicator.code}" has no breakdown ${missing.join(', ')} (it has ${indicator.breakdowns.join(', ')}).`,
          'gapBetween',
        );
      }
    }
    const qb = em
      .createQueryBuilder(Observation, 'o')
      .where({ indicatorCode: indicator.code, regionCode: { $in: codes } });
    if (args.period !== null && args.period !== undefined) {
      qb.andWhere({ period: args.period });
    } else {
      qb.andWhere(
        `o.period = (select max(p.period) from observation p where p.indicator_code = ? and p.region_code in (${codes.map(() => '?').join(', ')}))`,
        [indicator.code, ...codes],
      );
    }
    const rows = await qb.orderBy({ regionCode: 'asc', breakdown: 'asc' }).getResultList();
    const period = args.period ?? rows[0]?.period ?? null;
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
