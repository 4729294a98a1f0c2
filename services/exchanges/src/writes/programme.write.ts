import { randomUUID } from 'node:crypto';
import {
  applyPatch,
  assertCanWrite,
  assertVersion,
  conflict,
  invalidInput,
  invalidInputs,
  notFound,
  performWrite,
  statusConflict,
  type FieldError,
  type Role,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ProgrammeStatus } from '../entities/enums';
import { Programme } from '../entities/programme.entity';
import type { CreateProgrammeInput, UpdateProgrammeInput } from '../inputs/programme.input';
import type { ExchangesContext } from '../loaders';
import { visibleProgramme } from '../queries/records.query';
import { programmeChanged } from './programme-changed.write';

/** `performWrite`'s read-back: the programme as committed. */
export function loadProgramme(em: EntityManager, id: string): Promise<Programme> {
  return em.findOneOrFail(Programme, id);
}

/**
 * The programme a write targets: NOT_FOUND when it does not exist or is a draft the caller may not see,
 * FORBIDDEN unless the caller holds one of `roles` in the organiser (or is a hub admin).
 */
export async function writableProgramme(
  id: string,
  context: ExchangesContext,
  roles: Role[],
): Promise<Programme> {
  const programme = await visibleProgramme(id, context);
  if (!programme) throw notFound(`No programme has id "${id}".`);
  assertCanWrite(context.caller, programme.organiser, roles);
  return programme;
}

type Schedule = Pick<
  Programme,
  'applicationsOpenAt' | 'applicationsCloseAt' | 'startsOn' | 'endsOn' | 'policyAreas' | 'languages'
>;

/** The dates and lists of a programme as they would be after a change: each rule at its input path. */
function assertCoherent(programme: Schedule): void {
  const errors: FieldError[] = [];
  if (programme.applicationsCloseAt <= programme.applicationsOpenAt) {
    errors.push({ path: 'input.applicationsCloseAt', messages: ['must be after applicationsOpenAt'] });
  }
  if (programme.endsOn < programme.startsOn)
    errors.push({ path: 'input.endsOn', messages: ['must not be before startsOn'] });
  if (!programme.policyAreas.length)
    errors.push({ path: 'input.policyAreas', messages: ['name at least one'] });
  if (!programme.languages.length) errors.push({ path: 'input.languages', messages: ['name at least one'] });
  if (errors.length) throw invalidInputs(errors);
}

/** Records a new DRAFT programme for the caller's organisation (hub admins: for any organisation). */
export async function createProgramme(
  context: ExchangesContext,
  input: CreateProgrammeInput,
): Promise<Programme> {
  const organiser = input.organisation ?? context.caller.organisationId;
  if (!organiser) throw invalidInput('input.organisation', 'you act for no organisation: name the organiser');
  assertCanWrite(context.caller, organiser, ['contributor', 'editor']);
  const { idempotencyKey, ...request } = input;
  const fields = {
    policyAreas: [...new Set(input.policyAreas)],
    languages: [...new Set(input.languages)],
    applicationsOpenAt: input.applicationsOpenAt,
    applicationsCloseAt: input.applicationsCloseAt,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
  };
  assertCoherent(fields);
  return performWrite(
    context,
    { entity: 'Programme', action: 'create', idempotencyKey, input: { ...request, organisation: organiser } },
    async (em) => {
      const id = randomUUID();
      const programme = em.create(Programme, {
        id,
        organiser,
        kind: input.kind,
        title: input.title.trim(),
        description: input.description ?? '',
        places: input.places,
        ...fields,
      });
      return {
        entityId: id,
        changedFields: ['organiser', 'kind', 'title', 'description', 'places', ...Object.keys(fields)],
        events: [programmeChanged(programme)],
      };
    },
    loadProgramme,
  );
}

/** Changes a programme that is not CLOSED, from the version the client last read. */
export async function updateProgramme(
  context: ExchangesContext,
  input: UpdateProgrammeInput,
): Promise<Programme> {
  const { id, version, ...patch } = input;
  const found = await writableProgramme(id, context, ['contributor', 'editor']);
  assertVersion(found, version, 'Programme');
  if (found.status === ProgrammeStatus.CLOSED) {
    throw conflict('A CLOSED programme no longer changes.', { currentStatus: found.status });
  }
  const changes = Object.fromEntries(
    Object.entries({
      ...patch,
      title: patch.title?.trim(),
      policyAreas: patch.policyAreas ? [...new Set(patch.policyAreas)] : patch.policyAreas,
      languages: patch.languages ? [...new Set(patch.languages)] : patch.languages,
    }).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<Programme>;
  assertCoherent({ ...found, ...changes });
  const updated = await performWrite(
    context,
    { entity: 'Programme', action: 'update', input },
    async (em) => {
      const current = await loadProgramme(em, found.id);
      assertVersion(current, version, 'Programme');
      const changedFields = applyPatch(current, changes);
      return {
        entityId: current.id,
        changedFields,
        events: changedFields.length ? [programmeChanged(current)] : [],
      };
    },
    loadProgramme,
  );
  context.loaders.programmeById.clear(found.id);
  return updated;
}

/** The one legal move out of each status (none out of CLOSED). */
const TRANSITIONS = {
  openCall: { from: ProgrammeStatus.DRAFT, to: ProgrammeStatus.CALL_OPEN },
  closeCall: { from: ProgrammeStatus.CALL_OPEN, to: ProgrammeStatus.RUNNING },
  close: { from: ProgrammeStatus.RUNNING, to: ProgrammeStatus.CLOSED },
} as const;

export type ProgrammeTransition = keyof typeof TRANSITIONS;

/** DRAFT → CALL_OPEN → RUNNING → CLOSED, by the organiser's editors (or hub admins). */
export async function transitionProgramme(
  context: ExchangesContext,
  transition: ProgrammeTransition,
  { id, version }: { id: string; version: number },
): Promise<Programme> {
  const programme = await writableProgramme(id, context, ['editor']);
  const { from, to } = TRANSITIONS[transition];
  if (programme.status !== from) throw statusConflict('programme', { from, to }, programme.status);
  assertVersion(programme, version, 'Programme');
  const updated = await performWrite(
    context,
    { entity: 'Programme', action: transition, input: { id, version } },
    async (em) => {
      const current = await loadProgramme(em, programme.id);
      assertVersion(current, version, 'Programme');
      if (current.status !== from) throw statusConflict('programme', { from, to }, current.status);
      current.status = to;
      return { entityId: current.id, changedFields: ['status'], events: [programmeChanged(current)] };
    },
    loadProgramme,
  );
  context.loaders.programmeById.clear(programme.id);
  return updated;
}
