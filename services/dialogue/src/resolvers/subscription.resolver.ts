import { busSubscription, UUID_PATTERN, invalidInput } from '@hub/kit';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { ConsultationChange } from '../entities/consultation-change.type';
import type { Consultation } from '../entities/consultation.entity';
import type { DialogueContext } from '../loaders';
import { canSeeConsultation, viewerOf } from '../queries/visibility.query';
import { CONSULTATION_CHANGED, type ConsultationChangedPayload } from '../writes/consultation-changed.write';

/** One message reaches every matching subscriber of this process: load the consultation once per message. */
const consultationOfMessage = new WeakMap<ConsultationChangedPayload, Promise<Consultation | null>>();

@Resolver()
export class ConsultationSubscriptionResolver {
  @Subscription(() => ConsultationChange, {
    description:
      'Changes to consultations after the write committed: opened, closed, results published, details changed while open, responses submitted or withdrawn (the new count only, never what anyone answered). Drafts reach only those who may see them.',
    subscribe: ({ args, context }) => {
      const ctx = context as DialogueContext;
      const consultation = (args as { consultation?: string | null }).consultation ?? null;
      if (consultation && !UUID_PATTERN.test(consultation)) {
        throw invalidInput('consultation', 'must be a consultation id (a UUID)');
      }
      const viewer = viewerOf(ctx.caller);
      return busSubscription<ConsultationChangedPayload>(
        ctx,
        CONSULTATION_CHANGED,
        (payload) =>
          canSeeConsultation(viewer, payload) && (!consultation || payload.id === consultation.toLowerCase()),
      );
    },
  })
  async consultationChanged(
    @Root() payload: ConsultationChangedPayload,
    @Arg('consultation', () => ID, { nullable: true, description: 'Only changes to this consultation.' })
    _consultation: string | null,
    @Ctx() { loaders }: DialogueContext,
  ): Promise<ConsultationChange> {
    let consultation = consultationOfMessage.get(payload);
    if (!consultation) {
      consultation = loaders.consultationById.load(payload.id);
      consultationOfMessage.set(payload, consultation);
    }
    return Object.assign(new ConsultationChange(), {
      change: payload.change,
      status: payload.status,
      responseCount: payload.responseCount,
      consultation: await consultation,
    });
  }
}
