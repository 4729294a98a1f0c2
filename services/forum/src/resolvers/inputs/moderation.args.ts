import { ArgsType, Field, ID, Int } from 'type-graphql';

@ArgsType()
export class HidePostArgs {
  @Field(() => ID, { description: 'The post to hide.' })
  id!: string;

  @Field(() => String, { description: 'Why, shown with the post (1-500 characters).' })
  reason!: string;
}

@ArgsType()
export class UnhidePostArgs {
  @Field(() => ID, { description: 'The post to show again.' })
  id!: string;
}

@ArgsType()
export class UnlockThreadArgs {
  @Field(() => ID, { description: 'The thread.' })
  id!: string;

  @Field(() => Int, { description: 'The `version` of the thread you last read (CONFLICT when stale).' })
  version!: number;
}

@ArgsType()
export class CloseThreadArgs extends UnlockThreadArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Why, shown with the thread as `statusReason` (up to 500 characters).',
  })
  reason?: string | null;
}
