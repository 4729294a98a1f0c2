import { PageArgs } from '@hub/kit';
import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ThreadOrder } from '../entities/enums';
import { ThreadFilter } from './thread-filter.input';

/** Arguments of every thread list: `threads`, `Region.threads`, `Organisation.threads`. */
@ArgsType()
export class ThreadListArgs extends PageArgs {
  @Field(() => ThreadFilter, {
    nullable: true,
    description: 'Which threads; default: all open and locked ones.',
  })
  @IsOptional()
  @ValidateNested()
  filter?: ThreadFilter | null;

  @Field(() => ThreadOrder, {
    nullable: true,
    defaultValue: ThreadOrder.LAST_ACTIVITY_DESC,
    description:
      'Sort order (default: most recent activity first); a cursor is only valid with the order it came from.',
  })
  orderBy?: ThreadOrder | null;
}
