import { ListSize } from '@hub/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Consultation } from '../entities/consultation.entity';
import { Event } from '../entities/references.type';
import type { DialogueContext } from '../loaders';
import { canSeeConsultation, viewerOf } from '../queries/visibility.query';

/** What the dialogue subgraph adds to the events subgraph's `Event`. Batched per request. */
@Resolver(() => Event)
export class EventDialogueResolver {
  // assumed: consultations linked to one event (not bounded by input)
  @ListSize(20)
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
