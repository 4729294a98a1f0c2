import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Consultation } from '../entities/consultation.entity';
import { Event } from '../entities/references.type';
import type { DialogueContext } from '../loaders';
import { canSeeConsultation, viewerOf } from '../queries/visibility.query';

/** What the dialogue subgraph adds to the events subgraph's `Event`. Batched per request. */
@Resolver(() => Event)
export class EventDialogueResolver {
  @FieldResolver(() => [Consultation], {
    description:
      'Consultations linked to this event (a roundtable and the consultation it prepares), those you may see, latest closing first.',
  })
  async consultations(@Root() event: Event, @Ctx() context: DialogueContext): Promise<Consultation[]> {
    const viewer = viewerOf(context.caller);
    const linked = await context.loaders.consultationsByEvent.load(event.id);
    return linked.filter((consultation) => canSeeConsultation(viewer, consultation));
  }
}
