import { randomUUID } from 'node:crypto';
import {
  assertCanWrite,
  assertVersion,
  conflict,
  invalidInput,
  invalidInputs,
  performWrite,
  UUID_PATTERN,
  type FieldError,
} from '@hub/kit';
import { Consultation } from '../entities/consultation.entity';
import { AudienceKind, ConsultationChangeKind, ConsultationStatus } from '../entities/enums';
import { Question } from '../entities/question.entity';
import type {
  AddQuestionInput,
  AudienceInput,
  CreateConsultationInput,
  UpdateConsultationInput,
} from '../inputs/consultation.input';
import type { QuestionInput } from '../inputs/question.input';
import type { DialogueContext } from '../loaders';
import { consultationChanged } from './consultation-changed.write';
import { assertConsultationKeysExist } from './consultation-peers.write';
import {
  countResponses,
  forgetConsultation,
  loadConsultation,
  replaceQuestions,
  writableConsultation,
} from './consultation-store.write';
import { questionColumns, questionErrors } from './question.write';

/** Contributors and editors of the organiser prepare consultations; transitions need an editor. */
const PREPARERS = ['contributor', 'editor'] as const;

function audienceErrors(audience: AudienceInput, path: string): FieldError[] {
  const organisations = audience.organisations ?? [];
  const at = `${path}.organisations`;
  if (audience.kind === AudienceKind.ALL_PARTNERS && organisations.length) {
    return [{ path: at, messages: ['ALL_PARTNERS names no organisation'] }];
  }
  if (audience.kind === AudienceKind.MEMBERS_OF_ORGANISATION && organisations.length !== 1) {
    return [
      {
        path: at,
        messages: ['MEMBERS_OF_ORGANISATION names exactly one organisation, whose members may answer'],
      },
    ];
  }
  if (audience.kind === AudienceKind.LISTED_ORGANISATIONS && organisations.length === 0) {
    return [{ path: at, messages: ['LISTED_ORGANISATIONS names at least one organisation'] }];
  }
  return [];
}

function questionListErrors(questions: readonly QuestionInput[], path: string): FieldError[] {
  return questions.flatMap((question, index) => questionErrors(question, `${path}[${index}]`));
}

function idErrors(input: { event?: string | null; discussion?: string | null }): FieldError[] {
  const errors: FieldError[] = [];
  if (input.event && !UUID_PATTERN.test(input.event))
    errors.push({ path: 'input.event', messages: ['must be an event id (a UUID)'] });
  if (input.discussion && !UUID_PATTERN.test(input.discussion)) {
    errors.push({ path: 'input.discussion', messages: ['must be a thread id (a UUID)'] });
  }
  return errors;
}

const unique = (values: readonly string[]) => [...new Set(values.map((value) => value.trim()))];

/** Records a new DRAFT consultation for the caller's organisation (or another one, by a hub admin). */
export async function createConsultation(
  context: DialogueContext,
  input: CreateConsultationInput,
): Promise<Consultation> {
  const { caller } = context;
  const organiser = input.organisation ?? caller.organisationId;
  if (!organiser) throw invalidInput('input.organisation', 'name the organiser: you act for no organisation');
  assertCanWrite(caller, organiser, [...PREPARERS]);
  const questions = input.questions ?? [];
  const errors = [
    ...(input.closesAt <= input.opensAt
      ? [{ path: 'input.closesAt', messages: ['must be after opensAt'] }]
      : []),
    ...audienceErrors(input.audience, 'input.audience'),
    ...questionListErrors(questions, 'input.questions'),
    ...idErrors(input),
  ];
  if (errors.length) throw invalidInputs(errors);
  const regions = unique(input.regions ?? []);
  const audienceOrganisations = unique(input.audience.organisations ?? []);
  await assertConsultationKeysExist(context, {
    regions,
    organisations: {
      'input.audience.organisations': audienceOrganisations,
      ...(organiser !== caller.organisationId ? { 'input.organisation': organiser } : {}),
    },
    event: input.event,
    discussion: input.discussion,
  });
  const { idempotencyKey, ...request } = input;
  return performWrite(
    context,
    { entity: 'Consultation', action: 'create', idempotencyKey, input: request },
    async (em) => {
      const id = randomUUID();
      em.create(Consultation, {
        id,
        organiser,
        title: input.title.trim(),
        summary: input.summary.trim(),
        description: input.description ?? '',
        strand: input.strand ?? null,
        policyAreas: unique(input.policyAreas ?? []) as Consultation['policyAreas'],
        languages: unique(input.languages ?? []),
        audienceKind: input.audience.kind,
        audienceOrganisations,
        regionCodes: regions,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        status: ConsultationStatus.DRAFT,
        needsAssessment: input.needsAssessment ?? false,
        eventId: input.event?.toLowerCase() ?? null,
        threadId: input.discussion?.toLowerCase() ?? null,
      });
      await em.flush();
      await replaceQuestions(em, id, questions.map(questionColumns), randomUUID);
      return { entityId: id, changedFields: ['*', ...(questions.length ? ['questions'] : [])] };
    },
    loadConsultation,
  );
}

/** Fields an OPEN consultation may still change; a closed one only the links. */
const CHANGEABLE_WHEN: Record<ConsultationStatus, readonly string[] | 'all'> = {
  [ConsultationStatus.DRAFT]: 'all',
  [ConsultationStatus.OPEN]: ['closesAt', 'event', 'discussion'],
  [ConsultationStatus.CLOSED]: ['event', 'discussion'],
  [ConsultationStatus.RESULTS_PUBLISHED]: ['event', 'discussion'],
};

/** Changes a consultation from the version the caller last read, within what its status allows. */
export async function updateConsultation(
  context: DialogueContext,
  input: UpdateConsultationInput,
): Promise<Consultation> {
  const consultation = await writableConsultation(input.id, context, [...PREPARERS]);
  const { id, version, ...patch } = input;
  const given = Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
  const allowed = CHANGEABLE_WHEN[consultation.status];
  const refused = allowed === 'all' ? [] : given.filter((field) => !allowed.includes(field));
  if (refused.length) {
    throw conflict(
      `A consultation that is ${consultation.status} can no longer change ${refused.join(', ')}${
        allowed === 'all' || allowed.length === 0 ? '' : ` (only ${allowed.join(', ')})`
      }.`,
      { currentStatus: consultation.status },
    );
  }
  assertVersion(consultation, version, 'Consultation');
  const opensAt = patch.opensAt ?? consultation.opensAt;
  const closesAt = patch.closesAt ?? consultation.closesAt;
  const errors: FieldError[] = [
    ...(closesAt <= opensAt ? [{ path: 'input.closesAt', messages: ['must be after opensAt'] }] : []),
    ...(patch.closesAt && consultation.status === ConsultationStatus.OPEN && patch.closesAt <= new Date()
      ? [{ path: 'input.closesAt', messages: ['must be in the future while the consultation is open'] }]
      : []),
    ...(patch.audience ? audienceErrors(patch.audience, 'input.audience') : []),
    ...questionListErrors(patch.questions ?? [], 'input.questions'),
    ...idErrors(patch),
  ];
  for (const field of ['title', 'summary', 'audience', 'opensAt', 'closesAt', 'needsAssessment'] as const) {
    if (patch[field] === null) errors.push({ path: `input.${field}`, messages: ['cannot be cleared'] });
  }
  if (errors.length) throw invalidInputs(errors);
  const regions = patch.regions ? unique(patch.regions) : undefined;
  const audienceOrganisations = patch.audience ? unique(patch.audience.organisations ?? []) : undefined;
  await assertConsultationKeysExist(context, {
    regions,
    organisations: audienceOrganisations ? { 'input.audience.organisations': audienceOrganisations } : {},
    event: patch.event,
    discussion: patch.discussion,
  });
  const updated = await performWrite(
    context,
    { entity: 'Consultation', action: 'update', input },
    async (em) => {
      const current = await loadConsultation(em, id);
      assertVersion(current, version, 'Consultation');
      if (current.status !== consultation.status) {
        throw conflict('The consultation changed status meanwhile: reload it.', {
          currentStatus: current.status,
        });
      }
      const columns: Partial<Consultation> = {
        ...(patch.title ? { title: patch.title.trim() } : {}),
        ...(patch.summary ? { summary: patch.summary.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description ?? '' } : {}),
        ...(patch.strand !== undefined ? { strand: patch.strand } : {}),
        ...(patch.policyAreas !== undefined
          ? { policyAreas: unique(patch.policyAreas ?? []) as Consultation['policyAreas'] }
          : {}),
        ...(patch.languages !== undefined ? { languages: unique(patch.languages ?? []) } : {}),
        ...(regions || patch.regions === null ? { regionCodes: regions ?? [] } : {}),
        ...(patch.audience ? { audienceKind: patch.audience.kind, audienceOrganisations } : {}),
        ...(patch.opensAt ? { opensAt: patch.opensAt } : {}),
        ...(patch.closesAt ? { closesAt: patch.closesAt } : {}),
        ...(patch.needsAssessment != null ? { needsAssessment: patch.needsAssessment } : {}),
        ...(patch.event !== undefined ? { eventId: patch.event?.toLowerCase() ?? null } : {}),
        ...(patch.discussion !== undefined ? { threadId: patch.discussion?.toLowerCase() ?? null } : {}),
      };
      Object.assign(current, columns, { updatedAt: new Date() });
      if (patch.questions) await replaceQuestions(em, id, patch.questions.map(questionColumns), randomUUID);
      const changedFields = given;
      const events =
        current.status === ConsultationStatus.DRAFT
          ? []
          : [
              consultationChanged({
                id,
                change: ConsultationChangeKind.UPDATED,
                status: current.status,
                organiser: current.organiser,
                responseCount: await countResponses(em, id),
              }),
            ];
      return { entityId: id, changedFields, events };
    },
    loadConsultation,
  );
  forgetConsultation(context, id);
  return updated;
}

/** Appends a question to a DRAFT (questions are frozen once it opens). */
export async function addQuestion(context: DialogueContext, input: AddQuestionInput): Promise<Consultation> {
  const { idempotencyKey, consultation: consultationId, ...question } = input;
  const consultation = await writableConsultation(consultationId, context, [...PREPARERS]);
  const errors = questionErrors(input, 'input');
  if (errors.length) throw invalidInputs(errors);
  const draftOnly = (status: ConsultationStatus) =>
    conflict(`Questions are frozen once a consultation opens; this one is ${status}.`, {
      currentStatus: status,
    });
  if (consultation.status !== ConsultationStatus.DRAFT) throw draftOnly(consultation.status);
  const { idempotencyKey: _key, ...request } = input;
  const updated = await performWrite(
    context,
    { entity: 'Consultation', action: 'addQuestion', idempotencyKey, input: request },
    async (em) => {
      const current = await loadConsultation(em, consultation.id);
      if (current.status !== ConsultationStatus.DRAFT) throw draftOnly(current.status);
      const last = await em.findOne(
        Question,
        { consultationId: current.id },
        { orderBy: { position: 'desc' } },
      );
      em.create(Question, {
        id: randomUUID(),
        consultationId: current.id,
        position: (last?.position ?? 0) + 1,
        ...questionColumns(question as QuestionInput),
      });
      current.updatedAt = new Date();
      return { entityId: current.id, changedFields: ['questions'] };
    },
    loadConsultation,
  );
  forgetConsultation(context, consultation.id);
  return updated;
}
