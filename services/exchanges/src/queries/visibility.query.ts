import { hasRole, rawSql, sql, type Caller, type SqlFragment } from '@hub/kit';
import type { Application } from '../entities/application.entity';
import { PairingStatus, ProgrammeStatus } from '../entities/enums';
import type { PairingFeedback } from '../entities/feedback.entity';
import type { Pairing } from '../entities/pairing.entity';
import type { Programme } from '../entities/programme.entity';

/** Who is looking, reduced to what decides what they see (part of list keys: loaders know no caller). */
export interface Viewer {
  /** Hub admins see everything. */
  admin: boolean;
  /** The organisation the viewer acts for (any signed-in member), else null. */
  organisation: string | null;
  /** The organisation whose draft programmes the viewer sees (its contributors and editors), else null. */
  draftsOf: string | null;
  /** The organisation whose programmes' applications, pairings and feedback the viewer reads (its editors). */
  organiserEditorOf: string | null;
}

export function viewerOf(caller: Caller): Viewer {
  const organisation = caller.subject && caller.organisationId ? caller.organisationId : null;
  return {
    admin: hasRole(caller, 'admin'),
    organisation,
    draftsOf: organisation && hasRole(caller, 'contributor', 'editor') ? organisation : null,
    organiserEditorOf: organisation && hasRole(caller, 'editor') ? organisation : null,
  };
}

/** Programmes are public once their call opened; a draft only to its organiser's writers and admins. */
export function canSeeProgramme(viewer: Viewer, programme: Pick<Programme, 'status' | 'organiser'>): boolean {
  return (
    programme.status !== ProgrammeStatus.DRAFT || viewer.admin || programme.organiser === viewer.draftsOf
  );
}

/** `canSeeProgramme` as a condition on the `programme` row aliased `p`. */
export function programmeVisibleSql(viewer: Viewer): SqlFragment {
  if (viewer.admin) return rawSql('TRUE');
  if (viewer.draftsOf) return sql`(p.status <> 'DRAFT' OR p.organiser = ${viewer.draftsOf})`;
  return rawSql(`p.status <> 'DRAFT'`);
}

/** Does the viewer read everything private of a programme of `organiser`? Its editors and hub admins. */
export function readsAsOrganiser(viewer: Viewer, organiser: string): boolean {
  return viewer.admin || viewer.organiserEditorOf === organiser;
}

/** An application: its organisation, the organiser's editors and admins; nobody else. */
export function canSeeApplication(
  viewer: Viewer,
  application: Pick<Application, 'organisation'>,
  organiser: string,
): boolean {
  return readsAsOrganiser(viewer, organiser) || application.organisation === viewer.organisation;
}

const PUBLIC_PAIRING: ReadonlySet<PairingStatus> = new Set([PairingStatus.ACTIVE, PairingStatus.COMPLETED]);

/** Is the viewer's organisation one of the two sides? */
export function isParty(
  viewer: Viewer,
  pairing: Pick<Pairing, 'mentorOrganisation' | 'menteeOrganisation'>,
): boolean {
  return (
    viewer.organisation !== null &&
    (pairing.mentorOrganisation === viewer.organisation || pairing.menteeOrganisation === viewer.organisation)
  );
}

/** ACTIVE and COMPLETED pairings are public; the others only to the two sides, the organiser's editors and admins. */
export function canSeePairing(
  viewer: Viewer,
  pairing: Pick<Pairing, 'status' | 'organiser' | 'mentorOrganisation' | 'menteeOrganisation'>,
): boolean {
  return (
    PUBLIC_PAIRING.has(pairing.status) ||
    readsAsOrganiser(viewer, pairing.organiser) ||
    isParty(viewer, pairing)
  );
}

/** `canSeePairing` as a condition on the `pairing` row aliased `g`. */
export function pairingVisibleSql(viewer: Viewer): SqlFragment {
  const open = rawSql(`g.status IN ('ACTIVE', 'COMPLETED')`);
  if (viewer.admin) return rawSql('TRUE');
  if (!viewer.organisation) return open;
  const organiser = viewer.organiserEditorOf
    ? sql` OR g.organiser = ${viewer.organiserEditorOf}`
    : rawSql('');
  return sql`(${open} OR g.mentor_organisation = ${viewer.organisation} OR g.mentee_organisation = ${viewer.organisation}${organiser})`;
}

/** Feedback: the organiser's editors and admins, and the organisation that gave it. */
export function canSeeFeedback(
  viewer: Viewer,
  feedback: Pick<PairingFeedback, 'organisation'>,
  organiser: string,
): boolean {
  return readsAsOrganiser(viewer, organiser) || feedback.organisation === viewer.organisation;
}
