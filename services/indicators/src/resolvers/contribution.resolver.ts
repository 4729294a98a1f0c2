import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { RecordedObservations } from '../entities/recorded-observations.type';
import { MAX_BATCH_ROWS, RecordObservationsInput } from '../inputs/observation.input';
import type { IndicatorsContext } from '../loaders';
import { recordObservations } from '../writes/record-observations.write';

/** Partners record indicator values; every batch is one transaction with one audit record. */
@Resolver()
export class ContributionResolver {
  @Authorized('contributor', 'editor')
  @Mutation(() => RecordedObservations, {
    description: `Records up to ${MAX_BATCH_ROWS} values for the caller's organisation in one all-or-nothing batch. Correcting a current value needs its \`version\`; a partner may correct only values its own organisation recorded (Eurostat values: hub admins only). The old value is kept in \`Observation.history\`.`,
  })
  recordObservations(
    @Arg('input', () => RecordObservationsInput, { description: 'The values and an idempotency key.' })
    input: RecordObservationsInput,
    @Ctx() context: IndicatorsContext,
  ): Promise<RecordedObservations> {
    return recordObservations(context, input);
  }
}
