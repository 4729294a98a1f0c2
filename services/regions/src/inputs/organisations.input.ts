import { PageArgs } from '@hub/kit';
import { ArgsType, Field } from 'type-graphql';
import { OrganisationKind } from '../entities/enums';

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationKind, { nullable: true, description: 'Only organisations of this kind.' })
  kind?: OrganisationKind | null;
}
