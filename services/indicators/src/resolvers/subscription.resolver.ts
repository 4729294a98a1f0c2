import { busSubscription, invalidInputs, NUTS_CODE_PATTERN } from '@hub/kit';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { RecordedObservations } from '../entities/recorded-observations.type';
import type { IndicatorsContext } from '../loaders';
import { loadBatch } from '../queries/recorded-observations.query';
import { OBSERVATION_RECORDED, type ObservationRecordedPayload } from '../writes/record-observations.write';

interface ObservationFilter {
  indicators: string[] | null;
  regions: string[] | null;
}

/** A region argument matches itself and every NUTS descendant (codes are prefix-hierarchical). */
const inRegions = (code: string, regions: string[] | null) =>
  !regions || regions.some((region) => code.startsWith(region));
const inIndicators = (code: string, indicators: string[] | null) => !indicators || indicators.includes(code);

/** The subscription's arguments, checked when it starts (BAD_USER_INPUT at `regions[<i>]`). */
function filterOf(args: { indicators?: string[] | null; regions?: string[] | null }): ObservationFilter {
  const bad = (args.regions ?? [])
    .map((code, index) => ({ code, index }))
    .filter(({ code }) => !NUTS_CODE_PATTERN.test(code));
  if (bad.length) {
    throw invalidInputs(
      bad.map(({ code, index }) => ({
        path: `regions[${index}]`,
        messages: [`"${code}" is not a NUTS region code`],
      })),
    );
  }
  return {
    indicators: args.indicators?.length ? args.indicators : null,
    regions: args.regions?.length ? args.regions : null,
  };
}

@Resolver()
export class ObservationSubscriptionResolver {
  @Subscription(() => RecordedObservations, {
    description:
      'Values as partners record them (after the write committed): one message per recorded batch that touches the given indicators and regions, with only the matching observations.',
    subscribe: ({ args, context }) => {
      const filter = filterOf(args as { indicators?: string[]; regions?: string[] });
      const ctx = context as IndicatorsContext;
      return busSubscription<ObservationRecordedPayload>(ctx, OBSERVATION_RECORDED, async (payload) => {
        if (filter.indicators && !payload.indicators.some((code) => inIndicators(code, filter.indicators))) {
          return false;
        }
        if (!filter.regions) return true;
        if (payload.regions) return payload.regions.some((code) => inRegions(code, filter.regions));
        const batch = await loadBatch(ctx.em, payload.batchId);
        return batch.observations.some((row) => inRegions(row.regionCode, filter.regions));
      });
    },
  })
  async observationRecorded(
    @Root() payload: ObservationRecordedPayload,
    @Arg('indicators', () => [ID], {
      nullable: true,
      description: 'Indicator codes to watch (default: all).',
    })
    indicators: string[] | null,
    @Arg('regions', () => [ID], {
      nullable: true,
      description: 'NUTS codes to watch, each with all its descendant regions (default: all regions).',
    })
    regions: string[] | null,
    @Ctx() { em }: IndicatorsContext,
  ): Promise<RecordedObservations> {
    const filter = filterOf({ indicators, regions });
    const batch = await loadBatch(em, payload.batchId);
    batch.observations = batch.observations.filter(
      (row) =>
        inIndicators(row.indicatorCode, filter.indicators) && inRegions(row.regionCode, filter.regions),
    );
    return batch;
  }
}
