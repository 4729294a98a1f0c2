import { PageArgs, PolicyArea, Strand } from '@hub/kit';
import { Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { TargetGroup, ThreadOrder, ThreadStatus } from '../../entities/enums';

@InputType('ThreadFilter', {
  description:
    'Which threads to list: every given condition must hold; within a list, any of its values may match.',
})
export class ThreadFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Only threads about this region or any region within it (NUTS 2024 code: "FR" matches FR10, FRI1, FR101 …).',
  })
  region?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only threads started for this organisation (its id).' })
  organisation?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the discussion of this event (its id).' })
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

@ArgsType()
export class ThreadListArgs extends PageArgs {
  @Field(() => ThreadFilter, {
    nullable: true,
    description: 'Which threads; default: all open and locked ones.',
  })
  filter?: ThreadFilter | null;

  @Field(() => ThreadOrder, {
    nullable: true,
    defaultValue: ThreadOrder.LAST_ACTIVITY_DESC,
    description: 'Sort order (default: most recent activity first).',
  })
  order?: ThreadOrder | null;
}

@InputType('StartThreadInput', { description: 'A new thread and its opening post.' })
export class StartThreadInput {
  @Field(() => String, {
    description:
      'Any unique string chosen by the client (8-128 characters); retrying with the same key and input returns the first result without posting again.',
  })
  @Length(8, 128)
  idempotencyKey!: string;

  @Field(() => String, { description: 'Title, 3-200 characters, plain text.' })
  title!: string;

  @Field(() => String, { description: 'The opening post in Markdown, 1-10,000 characters.' })
  body!: string;

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description:
      'NUTS 2024 codes of the regions the thread is about (0-50; checked against the regions subgraph).',
  })
  regions?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Makes the thread the discussion of this event (its id). The event must be published or cancelled, and have no discussion yet.',
  })
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
