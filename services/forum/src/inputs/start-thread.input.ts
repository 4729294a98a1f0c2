import {
  NUTS_CODE_PATTERN,
  PolicyArea,
  ruleDecorator,
  Strand,
  TargetGroup,
  TextLength,
  UUID_PATTERN,
} from '@hub/kit';
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { BODY_LENGTH, MAX_THREAD_REGIONS, TITLE_LENGTH } from './limits.input';

/** Region codes as stored: trimmed, upper-cased, distinct, sorted. */
export function normaliseRegionCodes(codes: readonly string[] | null | undefined): string[] {
  return [...new Set((codes ?? []).map((code) => code.trim().toUpperCase()))].sort();
}

/** At most `MAX_THREAD_REGIONS` distinct NUTS codes (compared trimmed and upper-cased). */
const AreThreadRegions = () =>
  ruleDecorator<string[]>('areThreadRegions', (value) => {
    const codes = normaliseRegionCodes(value);
    const malformed = codes.filter((code) => !NUTS_CODE_PATTERN.test(code));
    if (malformed.length) {
      return `${malformed.map((code) => `"${code}"`).join(', ')} is not a NUTS code (two letters, then up to three letters or digits)`;
    }
    return codes.length > MAX_THREAD_REGIONS
      ? `a thread may name at most ${MAX_THREAD_REGIONS} regions (got ${codes.length})`
      : null;
  });

@InputType('StartThreadInput', { description: 'A new thread and its opening post.' })
export class StartThreadInput {
  @Field(() => String, {
    description:
      'Any unique string chosen by the client (8-128 characters); retrying with the same key and input returns the first result without posting again.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => String, { description: 'Title, 3-200 characters, plain text.' })
  @TextLength(TITLE_LENGTH.min, TITLE_LENGTH.max)
  title!: string;

  @Field(() => String, { description: 'The opening post in Markdown, 1-10,000 characters.' })
  @TextLength(BODY_LENGTH.min, BODY_LENGTH.max)
  body!: string;

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description:
      'NUTS 2024 codes of the regions the thread is about (0-50; checked against the regions subgraph).',
  })
  @AreThreadRegions()
  regions?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Makes the thread the discussion of this event (its id). The event must be published or cancelled, and have no discussion yet.',
  })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'event must be an event id (a UUID)' })
  event?: string | null;

  @Field(() => Strand, {
    nullable: true,
    description: 'The strand of the partnership the thread belongs to.',
  })
  strand?: Strand | null;

  @Field(() => [PolicyArea], {
    nullable: true,
    defaultValue: [],
    description: 'Policy areas the thread is about.',
  })
  policyAreas?: PolicyArea[] | null;

  @Field(() => [TargetGroup], {
    nullable: true,
    defaultValue: [],
    description: 'Groups of people the thread is about.',
  })
  targetGroups?: TargetGroup[] | null;
}
