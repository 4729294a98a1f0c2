import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { Breakdown, ObservationStatus } from '../entities/enums';

/** Years an observation may have. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A NUTS code before normalisation: the write trims and upper-cases it. */
const LOOSE_NUTS_CODE = /^\s*[A-Za-z]{2}[A-Za-z0-9]{0,3}\s*$/;

/** Most rows one `recordObservations` call may carry. */
export const MAX_BATCH_ROWS = 1000;

@InputType('ObservationInput', {
  description: 'One value to record: new, or a correction of the current one.',
})
export class ObservationInput {
  @Field(() => ID, { description: 'Indicator code, e.g. "employment_rate_20_64".' })
  @Length(1, 100)
  indicator!: string;

  @Field(() => ID, {
    description: 'The region, by NUTS 2024 code, e.g. "AT13" (case and surrounding spaces ignored).',
  })
  @Matches(LOOSE_NUTS_CODE, {
    message: 'region must be a NUTS code (two letters, then up to three letters or digits)',
  })
  region!: string;

  @Field(() => Int, {
    description: 'Reference year, from 1900 to the current year (UTC): a later year is refused.',
  })
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  period!: number;

  @Field(() => Breakdown, { description: 'Population group; one the indicator has.' })
  breakdown!: Breakdown;

  @Field(() => Float, {
    nullable: true,
    description: 'The value in the unit of the indicator; null only with status SUPPRESSED.',
  })
  value?: number | null;

  @Field(() => ObservationStatus, {
    nullable: true,
    defaultValue: ObservationStatus.NONE,
    description: 'Quality flag (default NONE).',
  })
  status?: ObservationStatus | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Correcting a current value: the `version` you last read (required then); omit for a new value.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number | null;
}

@InputType('RecordObservationsInput', {
  description: 'A batch of values recorded together: all are written, or none.',
})
export class RecordObservationsInput {
  @Field(() => String, {
    description:
      'Any unique string chosen by the client; retrying with the same key and input returns the first result.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => [ObservationInput], { description: `The values, 1-${MAX_BATCH_ROWS} rows.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ROWS)
  @ValidateNested({ each: true })
  observations!: ObservationInput[];
}
