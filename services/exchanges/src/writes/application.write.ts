import { randomUUID } from 'node:crypto';
import {
  applyPatch,
  assertCanWrite,
  assertVersion,
  conflict,
  invalidInput,
  notFound,
  performWrite,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Application, type ApplicationArea } from '../entities/application.entity';
import { ApplicationStatus, ProgrammeStatus } from '../entities/enums';
import type { Programme } from '../entities/programme.entity';
import type {
  ApplicationAreaInput,
  CreateApplicationInput,
  UpdateApplicationInput,
} from '../inputs/application.input';
import type { ExchangesContext } from '../loaders';
import { visibleApplication, visibleProgramme } from '../queries/records.query';
import { assertTerritoryExists } from './peers.write';

const WRITERS = ['contributor', 'editor'] as const;

/** `performWrite`'s read-back: the application as committed. */
export function loadApplication(em: EntityManager, id: string): Promise<Application> {
  return em.findOneOrFail(Application, id);
}

/** Applications are taken and changed only while the call is open: CALL_OPEN and within its window. */
function assertCallOpen(programme: Programme, now = new Date()): void {
  if (programme.status !== ProgrammeStatus.CALL_OPEN) {
    throw conflict(`The programme's call is not open (it is ${programme.status}).`, {
      currentStatus: programme.status,
    });
  }
  if (now < programme.applicationsOpenAt || now >= programme.applicationsCloseAt) {
    throw conflict(
      `Applications are taken from ${programme.applicationsOpenAt.toISOString()} until ${programme.applicationsCloseAt.toISOString()}.`,
      { currentStatus: programme.status },
    );
  }
}

/** Each policy area at most once, text trimmed. */
function areasOf(areas: ApplicationAreaInput[], path: string): ApplicationArea[] {
  const seen = new Set<string>();
  areas.forEach((area, index) => {
    if (seen.has(area.policyArea))
      throw invalidInput(`${path}[${index}].policyArea`, 'names a policy area twice');
    seen.add(area.policyArea);
  });
  return areas.map((area) => ({ policyArea: area.policyArea, text: area.text.trim() }));
}

/** A second standing application for the same programme, organisation, territory and role: CONFLICT. */
async function assertNoStandingApplication(
  em: EntityManager,
  key: Pick<Application, 'programmeId' | 'organisation' | 'territory' | 'role'>,
): Promise<void> {
  const existing = await em.findOne(Application, { ...key, status: ApplicationStatus.SUBMITTED });
  if (existing) {
    throw conflict('Your organisation already has a submitted application for this territory and role.', {
      existingId: existing.id,
    });
  }
}

/** An application of the caller's organisation to a programme whose call is open. */
export async function createApplication(
  context: ExchangesContext,
  input: CreateApplicationInput,
): Promise<Application> {
  const organisation = context.caller.organisationId;
  if (!organisation)
    throw invalidInput('input', 'you act for no organisation: an application belongs to one');
  assertCanWrite(context.caller, organisation, [...WRITERS]);
  const programme = await visibleProgramme(input.programme, context);
  if (!programme) throw invalidInput('input.programme', `unknown programme "${input.programme}"`);
  assertCallOpen(programme);
  const areas = areasOf(input.areas, 'input.areas');
  await assertTerritoryExists(context, input.territory);
  const { idempotencyKey, ...request } = input;
  return performWrite(
    context,
    { entity: 'Application', action: 'create', idempotencyKey, input: request },
    async (em) => {
      const key = { programmeId: programme.id, organisation, territory: input.territory, role: input.role };
      await assertNoStandingApplication(em, key);
      const id = randomUUID();
      em.create(Application, { id, ...key, areas, languages: [...new Set(input.languages)] });
      return {
        entityId: id,
        changedFields: ['programme', 'organisation', 'territory', 'role', 'areas', 'languages'],
      };
    },
    loadApplication,
  );
}

/** The application a change targets: visible, of the caller's organisation (or an admin), SUBMITTED. */
async function writableApplication(context: ExchangesContext, id: string, version: number) {
  const found = await visibleApplication(id, context);
  if (!found) throw notFound(`No application has id "${id}".`);
  assertCanWrite(context.caller, found.application.organisation, [...WRITERS]);
  if (found.application.status !== ApplicationStatus.SUBMITTED) {
    throw conflict('This application was withdrawn.', { currentStatus: found.application.status });
  }
  assertVersion(found.application, version, 'Application');
  return found;
}

/** Changes a submitted application while the call is open. */
export async function updateApplication(
  context: ExchangesContext,
  input: UpdateApplicationInput,
): Promise<Application> {
  const { application, programme } = await writableApplication(context, input.id, input.version);
  assertCallOpen(programme);
  const changes: Partial<Application> = {
    ...(input.areas ? { areas: areasOf(input.areas, 'input.areas') } : {}),
    ...(input.languages ? { languages: [...new Set(input.languages)] } : {}),
  };
  const updated = await performWrite(
    context,
    { entity: 'Application', action: 'update', input },
    async (em) => {
      const current = await loadApplication(em, application.id);
      assertVersion(current, input.version, 'Application');
      return { entityId: current.id, changedFields: applyPatch(current, changes) };
    },
    loadApplication,
  );
  context.loaders.applicationById.clear(application.id);
  return updated;
}

/** Withdraws a submitted application (SUBMITTED → WITHDRAWN). */
export async function withdrawApplication(
  context: ExchangesContext,
  input: { id: string; version: number },
): Promise<Application> {
  const { application } = await writableApplication(context, input.id, input.version);
  const updated = await performWrite(
    context,
    { entity: 'Application', action: 'withdraw', input },
    async (em) => {
      const current = await loadApplication(em, application.id);
      assertVersion(current, input.version, 'Application');
      if (current.status !== ApplicationStatus.SUBMITTED) {
        throw conflict('This application was withdrawn.', { currentStatus: current.status });
      }
      Object.assign(current, { status: ApplicationStatus.WITHDRAWN, withdrawnAt: new Date() });
      return { entityId: current.id, changedFields: ['status', 'withdrawnAt'] };
    },
    loadApplication,
  );
  context.loaders.applicationById.clear(application.id);
  return updated;
}
