import { PageArgs } from '@hub/kit';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConsultationOrder, ConsultationStatus } from '../entities/enums';

@InputType('ConsultationFilter', {
  description: 'Which consultations to list; every field given must match.',
})
export class ConsultationFilter {
  @Field(() => [ConsultationStatus], {
    nullable: true,
    description: 'Any of these statuses; default every status you may see (drafts only your organisation’s).',
  })
  statuses?: ConsultationStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only consultations this organisation organises.' })
  organisation?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'NUTS code: only consultations concerning this region or a region within it.',
  })
  region?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only needs assessments; false: only the others.',
  })
  needsAssessment?: boolean | null;
}

@ArgsType()
export class ConsultationListArgs extends PageArgs {
  @Field(() => ConsultationFilter, { nullable: true, description: 'Which consultations to list.' })
  filter?: ConsultationFilter | null;

  @Field(() => ConsultationOrder, {
    nullable: true,
    defaultValue: ConsultationOrder.CLOSES_AT_DESC,
    description: 'Order of the list (default: latest closing date first).',
  })
  orderBy?: ConsultationOrder | null;
}

@ArgsType()
export class ScopedConsultationListArgs extends PageArgs {
  @Field(() => ConsultationOrder, {
    nullable: true,
    defaultValue: ConsultationOrder.CLOSES_AT_DESC,
    description: 'Order of the list (default: latest closing date first).',
  })
  orderBy?: ConsultationOrder | null;
}
