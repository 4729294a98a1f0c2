import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConsultationConnection } from '../entities/connections.type';
import { Organisation } from '../entities/references.type';
import { ScopedConsultationListArgs } from '../inputs/consultation-list.input';
import type { DialogueContext } from '../loaders';
import { scopedConsultationPage } from '../queries/consultation-lists.query';

/** What the dialogue subgraph adds to the regions subgraph's `Organisation`. */
@Resolver(() => Organisation)
export class OrganisationDialogueResolver {
  @FieldResolver(() => ConsultationConnection, {
    description: 'Consultations this organisation organises (those you may see), paged.',
  })
  consultations(
    @Root() organisation: Organisation,
    @Args(() => ScopedConsultationListArgs) args: ScopedConsultationListArgs,
    @Ctx() context: DialogueContext,
  ) {
    return scopedConsultationPage(context, 'organisation', organisation.id, args);
  }
}
