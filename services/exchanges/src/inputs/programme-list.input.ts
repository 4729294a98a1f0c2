import { NUTS_CODE_PATTERN, PageArgs } from '@hub/kit';
import { IsOptional, Matches } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

/** Arguments of `programmes`: an optional region and the page. */
@ArgsType()
export class ProgrammeListArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only programmes about this region (a NUTS code).',
  })
  @IsOptional()
  @Matches(NUTS_CODE_PATTERN, { message: 'must be a NUTS code such as "FR10"' })
  region?: string | null;
}
