import { randomUUID } from 'node:crypto';
import {
  applyPatch,
  assertCanWrite,
  assertVersion,
  conflict,
  executeSql,
  forbidden,
  hasRole,
  invalidInput,
  notFound,
  performWrite,
  signInRequired,
  sql,
  sqlList,
} from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Application } from '../entities/application.entity';
import type { Programme } from '../entities/programme.entity';
import {
  ApplicationRole,
  ApplicationStatus,
  PairingSide,
  PairingStatus,
  ProgrammeStatus,
} from '../entities/enums';
import { Pairing } from '../entities/pairing.entity';
import type { CreatePairingInput, UpdatePairingInput } from '../inputs/pairing.input';
import type { ExchangesContext } from '../loaders';
import { visibleApplication, visiblePairing } from '../queries/records.query';
import { pairingChanged } from './pairing-changed.write';
import { assertActivitiesExist } from './peers.write';

/** `performWrite`'s read-back: the pairing as committed. */
export function loadPairing(em: EntityManager, id: string): Promise<Pairing> {
  return em.findOneOrFail(Pairing, id);
}

/** Statuses in which a pairing still takes a place of its programme. */
const LIVE = [PairingStatus.PROPOSED, PairingStatus.ACCEPTED, PairingStatus.ACTIVE, PairingStatus.COMPLETED];

/** A submitted application of the role and programme a pairing needs, else BAD_USER_INPUT at `path`. */
async function pairableApplication(
  context: ExchangesContext,
  id: string,
  role: ApplicationRole,
  path: string,
): Promise<{ application: Application; programme: Programme }> {
  const found = await visibleApplication(id, context);
  if (!found) throw invalidInput(path, `unknown application "${id}"`);
  if (found.application.role !== role) throw invalidInput(path, `must be a ${role} application`);
  if (found.application.status !== ApplicationStatus.SUBMITTED) throw invalidInput(path, 'was withdrawn');
  return found;
}

/** The organiser proposes a pairing of a mentor and a mentee application of one programme (CALL_OPEN or RUNNING). */
export async function createPairing(context: ExchangesContext, input: CreatePairingInput): Promise<Pairing> {
  if (!context.caller.subject) throw signInRequired();
  const { application: mentor, programme } = await pairableApplication(
    context,
    input.mentorApplication,
    ApplicationRole.MENTOR,
    'input.mentorApplication',
  );
  assertCanWrite(context.caller, programme.organiser, ['editor']);
  const { application: mentee } = await pairableApplication(
    context,
    input.menteeApplication,
    ApplicationRole.MENTEE,
    'input.menteeApplication',
  );
  if (mentee.programmeId !== mentor.programmeId) {
    throw invalidInput(
      'input.menteeApplication',
      'must be an application to the programme of the mentor application',
    );
  }
  if (programme.status !== ProgrammeStatus.CALL_OPEN && programme.status !== ProgrammeStatus.RUNNING) {
    throw conflict(
      `Pairings are proposed while the programme is CALL_OPEN or RUNNING; it is ${programme.status}.`,
      {
        currentStatus: programme.status,
      },
    );
  }
  const { idempotencyKey, ...request } = input;
  return performWrite(
    context,
    { entity: 'Pairing', action: 'create', idempotencyKey, input: request },
    async (em) => {
      const [taken] = await executeSql<{ n: string; same: string | null }>(
        em,
        sql`SELECT count(*) AS n,
                   max(id::text) FILTER (WHERE mentor_application_id = ${mentor.id} AND mentee_application_id = ${mentee.id}) AS same
            FROM pairing WHERE programme_id = ${mentor.programmeId} AND status IN (${sqlList(LIVE)})`,
      );
      if (taken?.same)
        throw conflict('These two applications are already paired.', { existingId: taken.same });
      if (Number(taken?.n ?? 0) >= programme.places) {
        throw conflict(`The programme's ${programme.places} places are taken.`);
      }
      const pairing = em.create(Pairing, {
        id: randomUUID(),
        programmeId: mentor.programmeId,
        organiser: programme.organiser,
        mentorApplicationId: mentor.id,
        menteeApplicationId: mentee.id,
        mentorOrganisation: mentor.organisation,
        mentorTerritory: mentor.territory,
        menteeOrganisation: mentee.organisation,
        menteeTerritory: mentee.territory,
        policyAreas: [...new Set(input.policyAreas)],
      });
      return {
        entityId: pairing.id,
        changedFields: ['programme', 'mentorApplication', 'menteeApplication', 'policyAreas', 'status'],
        events: [pairingChanged(pairing)],
      };
    },
    loadPairing,
  );
}

/** Who may make a move: one side (named in the input), or the organiser's editors. */
type Actor = 'side' | 'organiser' | 'sideOrOrganiser';

const TRANSITIONS = {
  accept: { from: [PairingStatus.PROPOSED], actor: 'side' },
  decline: { from: [PairingStatus.PROPOSED], actor: 'side', to: PairingStatus.DECLINED },
  activate: { from: [PairingStatus.ACCEPTED], actor: 'organiser', to: PairingStatus.ACTIVE },
  complete: { from: [PairingStatus.ACTIVE], actor: 'organiser', to: PairingStatus.COMPLETED },
  withdraw: {
    from: [PairingStatus.PROPOSED, PairingStatus.ACCEPTED, PairingStatus.ACTIVE],
    actor: 'sideOrOrganiser',
    to: PairingStatus.WITHDRAWN,
  },
} satisfies Record<string, { from: PairingStatus[]; actor: Actor; to?: PairingStatus }>;

export type PairingTransition = keyof typeof TRANSITIONS;

function wrongStatus(transition: PairingTransition, status: PairingStatus, detail = '') {
  const from = TRANSITIONS[transition].from.join(' or ');
  return conflict(`Only a ${from} pairing can be ${transition}ed${detail}; this one is ${status}.`, {
    currentStatus: status,
  });
}

/** The organisation of one side. */
export function organisationOfSide(pairing: Pairing, side: PairingSide): string {
  return side === PairingSide.MENTOR ? pairing.mentorOrganisation : pairing.menteeOrganisation;
}

/** The caller must be a contributor or editor of the organisation of `side` (hub admins pass): else FORBIDDEN. */
export function assertActsForSide(context: ExchangesContext, pairing: Pairing, side: PairingSide): void {
  assertCanWrite(context.caller, organisationOfSide(pairing, side), ['contributor', 'editor']);
}

/** A pairing the caller may see, else NOT_FOUND (its existence is not revealed). */
export async function seenPairing(context: ExchangesContext, id: string): Promise<Pairing> {
  const pairing = await visiblePairing(id, context);
  if (!pairing) throw notFound(`No pairing has id "${id}".`);
  return pairing;
}

/** The changes a move makes to a pairing as it is now (or the CONFLICT it is). */
function movePairing(
  pairing: Pairing,
  transition: PairingTransition,
  side: PairingSide | null,
  now: Date,
): string[] {
  const rule = TRANSITIONS[transition];
  if (!(rule.from as PairingStatus[]).includes(pairing.status)) throw wrongStatus(transition, pairing.status);
  if (transition !== 'accept') {
    pairing.status = (rule as { to: PairingStatus }).to;
    return ['status'];
  }
  const stamp = side === PairingSide.MENTOR ? 'mentorAcceptedAt' : 'menteeAcceptedAt';
  if (pairing[stamp])
    throw wrongStatus(transition, pairing.status, `, once by each side (the ${side} side already accepted)`);
  pairing[stamp] = now;
  if (pairing.mentorAcceptedAt && pairing.menteeAcceptedAt) {
    pairing.status = PairingStatus.ACCEPTED;
    return [stamp, 'status'];
  }
  return [stamp];
}

/**
 * One move of the state machine: PROPOSED → ACCEPTED (when both sides accepted) → ACTIVE → COMPLETED, or
 * DECLINED / WITHDRAWN. A side acting for the other is FORBIDDEN; an illegal move a CONFLICT with
 * `extensions.currentStatus`; a stale version a CONFLICT with `extensions.currentVersion`. Nothing is written
 * for a refused move.
 */
export async function transitionPairing(
  context: ExchangesContext,
  transition: PairingTransition,
  input: { id: string; version: number; side?: PairingSide | null },
): Promise<Pairing> {
  const pairing = await seenPairing(context, input.id);
  const { actor } = TRANSITIONS[transition];
  const side = input.side ?? null;
  if (side) assertActsForSide(context, pairing, side);
  else if (actor === 'side') throw invalidInput('input.side', 'name the side you act for');
  else assertCanWrite(context.caller, pairing.organiser, ['editor']);
  if (side && actor === 'organiser')
    throw invalidInput('input.side', "this move is the organiser's: leave side out");
  movePairing(Object.assign(new Pairing(), pairing), transition, side, new Date()); // refuse before writing
  assertVersion(pairing, input.version, 'Pairing');
  const updated = await performWrite(
    context,
    { entity: 'Pairing', action: transition, input },
    async (em) => {
      const current = await loadPairing(em, pairing.id);
      assertVersion(current, input.version, 'Pairing');
      const changedFields = movePairing(current, transition, side, new Date());
      return { entityId: current.id, changedFields, events: [pairingChanged(current)] };
    },
    loadPairing,
  );
  context.loaders.pairingById.clear(pairing.id);
  return updated;
}

/** The organiser's editors and the writers of either side (and hub admins) record a pairing's activities. */
function assertActsInPairing(context: ExchangesContext, pairing: Pairing): void {
  const { caller } = context;
  if (!caller.subject) throw signInRequired();
  if (hasRole(caller, 'admin')) return;
  const org = caller.organisationId;
  if (org === pairing.organiser && hasRole(caller, 'editor')) return;
  if (
    (org === pairing.mentorOrganisation || org === pairing.menteeOrganisation) &&
    hasRole(caller, 'contributor', 'editor')
  ) {
    return;
  }
  throw forbidden(
    "Only the organiser's editors and the two organisations of a pairing record its activities.",
  );
}

const WITH_ACTIVITIES = [PairingStatus.ACCEPTED, PairingStatus.ACTIVE, PairingStatus.COMPLETED];

/** Sets the visits (events) and outputs (library resources) of an accepted, active or completed pairing. */
export async function updatePairing(context: ExchangesContext, input: UpdatePairingInput): Promise<Pairing> {
  const pairing = await seenPairing(context, input.id);
  assertActsInPairing(context, pairing);
  if (!WITH_ACTIVITIES.includes(pairing.status)) {
    throw conflict(`Activities are recorded once a pairing is ACCEPTED; this one is ${pairing.status}.`, {
      currentStatus: pairing.status,
    });
  }
  assertVersion(pairing, input.version, 'Pairing');
  const visits = input.visits ? [...new Set(input.visits.map((id) => id.toLowerCase()))] : undefined;
  const outputs = input.outputs ? [...new Set(input.outputs.map((id) => id.toLowerCase()))] : undefined;
  await assertActivitiesExist(context, visits ?? [], outputs ?? []);
  const updated = await performWrite(
    context,
    { entity: 'Pairing', action: 'update', input },
    async (em) => {
      const current = await loadPairing(em, pairing.id);
      assertVersion(current, input.version, 'Pairing');
      const changedFields = applyPatch(current, { visitEventIds: visits, outputResourceIds: outputs });
      return { entityId: current.id, changedFields, events: [pairingChanged(current)] };
    },
    loadPairing,
  );
  context.loaders.pairingById.clear(pairing.id);
  return updated;
}
