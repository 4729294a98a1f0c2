import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Consultation } from '../entities/consultation.entity';
import {
  AddQuestionInput,
  CloseConsultationInput,
  CreateConsultationInput,
  OpenConsultationInput,
  PublishConsultationResultsInput,
  UpdateConsultationInput,
} from '../inputs/consultation.input';
import type { DialogueContext } from '../loaders';
import { addQuestion, createConsultation, updateConsultation } from '../writes/consultation.write';
import { transitionConsultation } from '../writes/consultation-status.write';

const PREPARERS = 'Contributors and editors of the organiser, and hub admins, may do this.';
const EDITORS = 'Only editors of the organiser, and hub admins, may do this.';
const TRANSITION =
  'A move the status does not allow is a CONFLICT with `extensions.currentStatus`; a stale version a CONFLICT with `extensions.currentVersion`.';

/** Organisers prepare consultations and move them through their life. */
@Resolver()
export class ConsultationWriteResolver {
  @Authorized()
  @Mutation(() => Consultation, {
    description: `Creates a DRAFT consultation for the caller's organisation, with its questions if given. ${PREPARERS}`,
  })
  createConsultation(
    @Arg('input', () => CreateConsultationInput, { description: 'The consultation and an idempotency key.' })
    input: CreateConsultationInput,
    @Ctx() context: DialogueContext,
  ): Promise<Consultation> {
    return createConsultation(context, input);
  }

  @Authorized()
  @Mutation(() => Consultation, {
    description: `Changes a consultation from the version you last read, within what its status allows (a DRAFT anything; an OPEN one its closing date and links; a closed one its links). ${TRANSITION} ${PREPARERS}`,
  })
  updateConsultation(
    @Arg('input', () => UpdateConsultationInput, {
      description: 'The consultation, the version you last read and the changes.',
    })
    input: UpdateConsultationInput,
    @Ctx() context: DialogueContext,
  ): Promise<Consultation> {
    return updateConsultation(context, input);
  }

  @Authorized()
  @Mutation(() => Consultation, {
    description: `Appends a question to a DRAFT consultation and returns the consultation; questions are frozen once it opens (CONFLICT with \`extensions.currentStatus\`). ${PREPARERS}`,
  })
  addQuestion(
    @Arg('input', () => AddQuestionInput, {
      description: 'The consultation, the question and an idempotency key.',
    })
    input: AddQuestionInput,
    @Ctx() context: DialogueContext,
  ): Promise<Consultation> {
    return addQuestion(context, input);
  }

  @Authorized()
  @Mutation(() => Consultation, {
    description: `DRAFT → OPEN: everyone can see it and its audience can answer between opensAt and closesAt; its questions are frozen. It needs at least one question and a closing date ahead. ${TRANSITION} ${EDITORS}`,
  })
  openConsultation(
    @Arg('input', () => OpenConsultationInput, { description: 'The draft and the version you last read.' })
    input: OpenConsultationInput,
    @Ctx() context: DialogueContext,
  ): Promise<Consultation> {
    return transitionConsultation(context, 'open', input);
  }

  @Authorized()
  @Mutation(() => Consultation, {
    description: `OPEN → CLOSED: no response can be given, changed or withdrawn any more. ${TRANSITION} ${EDITORS}`,
  })
  closeConsultation(
    @Arg('input', () => CloseConsultationInput, {
      description: 'The open consultation and the version you last read.',
    })
    input: CloseConsultationInput,
    @Ctx() context: DialogueContext,
  ): Promise<Consultation> {
    return transitionConsultation(context, 'close', input);
  }

  @Authorized()
  @Mutation(() => Consultation, {
    description: `CLOSED → RESULTS_PUBLISHED: the aggregated results become public (responses stay private). ${TRANSITION} ${EDITORS}`,
  })
  publishConsultationResults(
    @Arg('input', () => PublishConsultationResultsInput, {
      description: 'The closed consultation and the version you last read.',
    })
    input: PublishConsultationResultsInput,
    @Ctx() context: DialogueContext,
  ): Promise<Consultation> {
    return transitionConsultation(context, 'publishResults', input);
  }
}
