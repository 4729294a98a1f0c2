import { PolicyArea, Strand, TargetGroup, UUID_PATTERN } from '@hub/kit';
import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ThreadStatus } from '../entities/enums';

@InputType('ThreadFilter', {
  description:
    'Which threads to list: every given condition must hold; within a list, any of its values may match.',
})
export class ThreadFilter {
  @Field(() => ID, {
    nullable: true,
    description:
      'Only threads about this region or any region within it (NUTS 2024 code: "FR" matches FR10, FRI1, FR101 …).',
  })
  region?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only threads started for this organisation (its id).' })
  organisation?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the discussion of this event (its id).' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'event must be an event id (a UUID)' })
  event?: string | null;

  @Field(() => [Strand], { nullable: true, description: 'Only threads of one of these strands.' })
  strands?: Strand[] | null;

  @Field(() => [PolicyArea], {
    nullable: true,
    description: 'Only threads about at least one of these policy areas.',
  })
  policyAreas?: PolicyArea[] | null;

  @Field(() => [TargetGroup], {
    nullable: true,
    description: 'Only threads about at least one of these target groups.',
  })
  targetGroups?: TargetGroup[] | null;

  @Field(() => [ThreadStatus], {
    nullable: true,
    description: 'Only threads with one of these statuses. Omitted or empty: OPEN and LOCKED (not ARCHIVED).',
  })
  statuses?: ThreadStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Words to find in the title or the opening post, ignoring case, accents and punctuation (hidden opening posts are not searched).',
  })
  search?: string | null;
}
