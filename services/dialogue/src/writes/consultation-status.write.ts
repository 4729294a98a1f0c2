import { assertVersion, invalidInput, performWrite, statusConflict } from '@hub/kit';
import type { Consultation } from '../entities/consultation.entity';
import { ConsultationChangeKind, ConsultationStatus, QuestionKind } from '../entities/enums';
import type { DialogueContext } from '../loaders';
import { consultationChanged } from './consultation-changed.write';
import {
  countResponses,
  forgetConsultation,
  loadConsultation,
  writableConsultation,
} from './consultation-store.write';

/** The one legal move out of each status (none out of RESULTS_PUBLISHED). */
const TRANSITIONS = {
  open: {
    from: ConsultationStatus.DRAFT,
    to: ConsultationStatus.OPEN,
    change: ConsultationChangeKind.OPENED,
    stamp: 'openedAt',
  },
  close: {
    from: ConsultationStatus.OPEN,
    to: ConsultationStatus.CLOSED,
    change: ConsultationChangeKind.CLOSED,
    stamp: 'closedAt',
  },
  publishResults: {
    from: ConsultationStatus.CLOSED,
    to: ConsultationStatus.RESULTS_PUBLISHED,
    change: ConsultationChangeKind.RESULTS_PUBLISHED,
    stamp: 'resultsPublishedAt',
  },
} as const;

export type ConsultationTransition = keyof typeof TRANSITIONS;

/** What must hold before opening: questions to answer, a closing date ahead, severity questions for needs. */
async function assertReadyToOpen(context: DialogueContext, consultation: Consultation): Promise<void> {
  const questions = await context.loaders.questionsByConsultation.load(consultation.id);
  if (questions.length === 0)
    throw invalidInput('input.id', 'the consultation has no questions: add one before opening it');
  if (consultation.closesAt <= new Date()) {
    throw invalidInput('input.id', 'its closesAt has passed: move it into the future before opening');
  }
  if (consultation.needsAssessment && !questions.some((q) => q.kind === QuestionKind.SCALE && q.policyArea)) {
    throw invalidInput(
      'input.id',
      'a needs assessment needs at least one SCALE question tagged with a policy area',
    );
  }
}

/**
 * DRAFT → OPEN → CLOSED → RESULTS_PUBLISHED, by the organiser's editors (or hub admins). Any other move is a
 * CONFLICT with `extensions.currentStatus`; a stale version a CONFLICT with `extensions.currentVersion`.
 */
export async function transitionConsultation(
  context: DialogueContext,
  transition: ConsultationTransition,
  { id, version }: { id: string; version: number },
): Promise<Consultation> {
  const consultation = await writableConsultation(id, context, ['editor']);
  const { from, to, change, stamp } = TRANSITIONS[transition];
  if (consultation.status !== from) throw statusConflict('consultation', { from, to }, consultation.status);
  assertVersion(consultation, version, 'Consultation');
  if (transition === 'open') await assertReadyToOpen(context, consultation);
  const updated = await performWrite(
    context,
    { entity: 'Consultation', action: transition, input: { id, version } },
    async (em) => {
      const current = await loadConsultation(em, consultation.id);
      assertVersion(current, version, 'Consultation');
      if (current.status !== from) throw statusConflict('consultation', { from, to }, current.status);
      const now = new Date();
      Object.assign(current, { status: to, [stamp]: now, updatedAt: now });
      return {
        entityId: current.id,
        changedFields: ['status', stamp],
        events: [
          consultationChanged({
            id: current.id,
            change,
            status: to,
            organiser: current.organiser,
            responseCount: await countResponses(em, current.id),
          }),
        ],
      };
    },
    loadConsultation,
  );
  forgetConsultation(context, consultation.id);
  return updated;
}
