import { ListSize } from '@hub/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { MAX_BATCH_ROWS } from '../inputs/observation.input';
import { Observation } from './observation.entity';

@ObjectType('RecordedObservations', { description: 'The outcome of one `recordObservations` call.' })
export class RecordedObservations {
  @Field(() => ID, { description: 'Id of the batch (the audit log records it as an ObservationBatch).' })
  id!: string;

  @ListSize(MAX_BATCH_ROWS)
  @Field(() => [Observation], { description: 'The observations written, in input order, as they are now.' })
  observations!: Observation[];
}
