import { DateTimeScalar, PolicyArea, Strand } from '@hub/kit';
import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { EventFormat, EventKind, EventStatus } from '../entities/enums';
import { IsAfterFrom } from './event-constraints.input';

export const MAX_SEARCH_LENGTH = 200;

/** Filters of every event list (`events`, `Region.events`, `Organisation.events`); they all combine (AND). */
@InputType('EventFilter', {
  description:
    'Which events to list. Every filter given must match; a list filter matches any of its values (null or empty: no restriction).',
})
export class EventFilter {
  @Field(() => ID, {
    nullable: true,
    description:
      'Only events hosted in this NUTS region or any region within it: "FR" includes events hosted in "FRH0" and "FRH01".',
  })
  region?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only events this organisation organises or created, e.g. "cor".',
  })
  organisation?: string | null;

  @Field(() => [EventKind], { nullable: true, description: 'Only events of these kinds.' })
  kinds?: EventKind[] | null;

  @Field(() => [Strand], { nullable: true, description: 'Only events of these strands.' })
  strands?: Strand[] | null;

  @Field(() => [PolicyArea], {
    nullable: true,
    description: 'Only events covering at least one of these policy areas.',
  })
  policyAreas?: PolicyArea[] | null;

  @Field(() => [EventFormat], { nullable: true, description: 'Only events of these formats.' })
  formats?: EventFormat[] | null;

  @Field(() => [EventStatus], {
    nullable: true,
    description:
      'Only events in these states (default: PUBLISHED). Drafts are listed only to those who may see them: their organisation’s contributors and editors, and hub admins.',
  })
  statuses?: EventStatus[] | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Only events still running at or after this instant (endsAt >= from).',
  })
  from?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Only events starting before this instant (startsAt < to); after `from` when both are given.',
  })
  @IsAfterFrom()
  to?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only events that have not ended yet (endsAt >= now); false: only past events.',
  })
  upcoming?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Words that must each begin a word of the title, summary or description; accents and case are ignored (at most 200 characters).',
  })
  @IsOptional()
  @MaxLength(MAX_SEARCH_LENGTH)
  search?: string | null;
}
