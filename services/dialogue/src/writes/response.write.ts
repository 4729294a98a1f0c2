import { randomUUID } from 'node:crypto';
import {
  assertCanWrite,
  assertVersion,
  conflict,
  type DomainEvent,
  invalidInput,
  invalidInputs,
  NUTS_CODE_PATTERN,
  notFound,
  performWrite,
  signInRequired,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Consultation } from '../entities/consultation.entity';
import { ConsultationChangeKind, ConsultationStatus, ResponseStatus } from '../entities/enums';
import { Response } from '../entities/response.entity';
import type {
  CreateResponseInput,
  UpdateResponseInput,
  WithdrawResponseInput,
} from '../inputs/response.input';
import type { DialogueContext } from '../loaders';
import { visibleConsultation, visibleResponse } from '../queries/visibility.query';
import { checkAnswers, replaceAnswers } from './answers.write';
import { assertInAudience } from './audience.write';
import { consultationChanged } from './consultation-changed.write';
import { countResponses, forgetConsultation } from './consultation-store.write';

/** Contributors and editors answer for their organisation. */
const RESPONDERS = ['contributor', 'editor'] as const;

/** NUTS codes of levels 0-3: 2 to 5 characters. */
const TERRITORY = NUTS_CODE_PATTERN;

/**
 * Responses are taken only while the consultation is OPEN and between `opensAt` and `closesAt`; otherwise a
 * CONFLICT saying why (`currentStatus`, and `opensAt` / `closesAt` when the window is the reason).
 */
function assertAnswerable(consultation: Consultation, now = new Date()): void {
  const { status } = consultation;
  if (status !== ConsultationStatus.OPEN) {
    throw conflict(
      status === ConsultationStatus.DRAFT
        ? 'This consultation is not open yet: it is still a draft.'
        : `This consultation is ${status}: responses can no longer be given or changed.`,
      { currentStatus: status },
    );
  }
  if (now < consultation.opensAt) {
    throw conflict(`This consultation takes responses from ${consultation.opensAt.toISOString()}.`, {
      currentStatus: status,
      opensAt: consultation.opensAt.toISOString(),
    });
  }
  if (now >= consultation.closesAt) {
    throw conflict(`This consultation stopped taking responses at ${consultation.closesAt.toISOString()}.`, {
      currentStatus: status,
      closesAt: consultation.closesAt.toISOString(),
    });
  }
}

function loadResponse(em: EntityManager, id: string): Promise<Response> {
  return em.findOneOrFail(Response, id);
}

/** Inside the transaction: the consultation must still take answers (it may have closed meanwhile). */
async function assertStillAnswerable(em: EntityManager, consultationId: string): Promise<void> {
  const [row] = await em.execute<Array<{ status: ConsultationStatus; opens_at: Date; closes_at: Date }>>(
    'SELECT status, opens_at, closes_at FROM consultation WHERE id = ? FOR SHARE',
    [consultationId],
  );
  assertAnswerable({
    status: row!.status,
    opensAt: new Date(row!.opens_at),
    closesAt: new Date(row!.closes_at),
  } as Consultation);
}

/** The `RESPONSES_CHANGED` message of `consultation`, with its count of submitted responses as `em` sees it. */
async function responsesChanged(em: EntityManager, consultation: Consultation): Promise<DomainEvent> {
  return consultationChanged({
    id: consultation.id,
    change: ConsultationChangeKind.RESPONSES_CHANGED,
    status: consultation.status,
    organiser: consultation.organiser,
    responseCount: await countResponses(em, consultation.id),
  });
}

/** The caller's organisation answers an open consultation for one territory. */
export async function createResponse(
  context: DialogueContext,
  input: CreateResponseInput,
): Promise<Response> {
  const { caller } = context;
  if (!caller.subject) throw signInRequired();
  const organisation = caller.organisationId;
  if (!organisation)
    throw invalidInput('input', 'you act for no organisation: only organisations answer consultations');
  assertCanWrite(caller, organisation, [...RESPONDERS]);
  const consultation = await visibleConsultation(input.consultation, context);
  if (!consultation) throw notFound(`No consultation has id "${input.consultation}".`);
  const territory = input.territory.trim().toUpperCase();
  if (!TERRITORY.test(territory)) {
    throw invalidInput('input.territory', 'must be a NUTS 2024 code of level 0-3, e.g. "EL" or "EL43"');
  }
  assertAnswerable(consultation);
  const questions = await context.loaders.questionsByConsultation.load(consultation.id);
  const { rows, errors } = checkAnswers(questions, input.answers, 'input.answers');
  if (errors.length) throw invalidInputs(errors);
  await context.peers.assertExist({
    subgraph: 'regions',
    typename: 'Region',
    keyField: 'code',
    keys: territory,
    path: 'input.territory',
  });
  await assertInAudience(context, consultation, organisation, territory);
  const { idempotencyKey, ...request } = input;
  const response = await performWrite(
    context,
    { entity: 'Response', action: 'create', idempotencyKey, input: request },
    async (em) => {
      await assertStillAnswerable(em, consultation.id);
      const existing = await em.findOne(Response, {
        consultationId: consultation.id,
        organisation,
        territory,
        status: ResponseStatus.SUBMITTED,
      });
      if (existing) {
        throw conflict(
          `Your organisation already answered this consultation for ${territory}: change that response (updateResponse) instead.`,
          { existingId: existing.id },
        );
      }
      const id = randomUUID();
      em.create(Response, {
        id,
        consultationId: consultation.id,
        organisation,
        territory,
        status: ResponseStatus.SUBMITTED,
      });
      await em.flush();
      await replaceAnswers(em, id, rows);
      return {
        entityId: id,
        changedFields: ['*', 'answers'],
        events: [await responsesChanged(em, consultation)],
      };
    },
    loadResponse,
  );
  forgetConsultation(context, consultation.id);
  return response;
}

/**
 * The response a change targets: NOT_FOUND unless the caller may see it, FORBIDDEN unless a contributor or
 * editor of the responding organisation, CONFLICT when withdrawn or when the consultation no longer takes
 * answers, CONFLICT with `currentVersion` when stale.
 */
async function changeableResponse(
  context: DialogueContext,
  id: string,
  version: number,
): Promise<{ response: Response; consultation: Consultation }> {
  const response = await visibleResponse(id, context);
  if (!response) throw notFound(`No response has id "${id}".`);
  assertCanWrite(context.caller, response.organisation, [...RESPONDERS]);
  const consultation = (await context.loaders.consultationById.load(response.consultationId))!;
  if (response.status !== ResponseStatus.SUBMITTED) {
    throw conflict('This response was withdrawn: create a new one instead.', {
      currentStatus: response.status,
    });
  }
  assertAnswerable(consultation);
  assertVersion(response, version, 'Response');
  return { response, consultation };
}

/** Replaces the answers of a response, from the version last read, while the consultation is open. */
export async function updateResponse(
  context: DialogueContext,
  input: UpdateResponseInput,
): Promise<Response> {
  const { response, consultation } = await changeableResponse(context, input.id, input.version);
  const questions = await context.loaders.questionsByConsultation.load(consultation.id);
  const { rows, errors } = checkAnswers(questions, input.answers, 'input.answers');
  if (errors.length) throw invalidInputs(errors);
  const updated = await performWrite(
    context,
    { entity: 'Response', action: 'update', input },
    async (em) => {
      await assertStillAnswerable(em, consultation.id);
      const current = await loadResponse(em, response.id);
      assertVersion(current, input.version, 'Response');
      current.updatedAt = new Date();
      await replaceAnswers(em, current.id, rows);
      return { entityId: current.id, changedFields: ['answers'] };
    },
    loadResponse,
  );
  context.loaders.responseById.clear(response.id);
  context.loaders.answersByResponse.clear(response.id);
  return updated;
}

/** Withdraws a response while the consultation is open: it stops counting. */
export async function withdrawResponse(
  context: DialogueContext,
  input: WithdrawResponseInput,
): Promise<Response> {
  const { response, consultation } = await changeableResponse(context, input.id, input.version);
  const updated = await performWrite(
    context,
    { entity: 'Response', action: 'withdraw', input },
    async (em) => {
      await assertStillAnswerable(em, consultation.id);
      const current = await loadResponse(em, response.id);
      assertVersion(current, input.version, 'Response');
      Object.assign(current, { status: ResponseStatus.WITHDRAWN, updatedAt: new Date() });
      await em.flush();
      return {
        entityId: current.id,
        changedFields: ['status'],
        events: [await responsesChanged(em, consultation)],
      };
    },
    loadResponse,
  );
  context.loaders.responseById.clear(response.id);
  forgetConsultation(context, consultation.id);
  return updated;
}
