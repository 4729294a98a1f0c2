import { PageArgs } from '@hub/kit';
import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { EventOrder } from '../entities/enums';
import { EventFilter } from './event-filter.input';

/** Arguments of every event list: `events`, `Region.events`, `Organisation.events`. */
@ArgsType()
export class EventListArgs extends PageArgs {
  @Field(() => EventFilter, {
    nullable: true,
    description: 'Which events to list; default: published events.',
  })
  @IsOptional()
  @ValidateNested()
  filter?: EventFilter | null;

  @Field(() => EventOrder, {
    nullable: true,
    defaultValue: EventOrder.STARTS_AT_ASC,
    description:
      'Order of the list (default STARTS_AT_ASC); a cursor is only valid with the order it came from.',
  })
  orderBy?: EventOrder | null;
}
