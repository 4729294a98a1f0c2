import { hasRole, rawSql, sql, type Caller, type SqlFragment } from '@hub/kit';
import { ConsultationStatus } from '../entities/enums';
import type { Consultation } from '../entities/consultation.entity';
import type { Response } from '../entities/response.entity';
import type { DialogueContext } from '../loaders';

/** Who is looking, reduced to what decides what they see (part of list keys: loaders know no caller). */
export interface Viewer {
  /** Hub admins see everything. */
  admin: boolean;
  /** The organisation whose draft consultations the viewer sees (its contributors and editors), else null. */
  draftsOf: string | null;
  /** The organisation whose consultations' responses the viewer reads as organiser (its editors), else null. */
  organiserEditorOf: string | null;
  /** The organisation the viewer answers for (any signed-in member), else null. */
  respondentOf: string | null;
}

export function viewerOf(caller: Caller): Viewer {
  const admin = hasRole(caller, 'admin');
  const signedIn = Boolean(caller.subject && caller.organisationId);
  const org = signedIn ? caller.organisationId : null;
  return {
    admin,
    draftsOf: org && hasRole(caller, 'contributor', 'editor') ? org : null,
    organiserEditorOf: org && hasRole(caller, 'editor') ? org : null,
    respondentOf: org,
  };
}

/** Open, closed and published consultations are public; a draft only to its organiser's writers and admins. */
export function canSeeConsultation(
  viewer: Viewer,
  consultation: Pick<Consultation, 'status' | 'organiser'>,
): boolean {
  return (
    consultation.status !== ConsultationStatus.DRAFT ||
    viewer.admin ||
    consultation.organiser === viewer.draftsOf
  );
}

/** `canSeeConsultation` as a condition on the `consultation` row aliased `c`. */
export function consultationVisibleSql(viewer: Viewer): SqlFragment {
  if (viewer.admin) return rawSql('TRUE');
  if (viewer.draftsOf) return sql`(c.status <> 'DRAFT' OR c.organiser = ${viewer.draftsOf})`;
  return rawSql(`c.status <> 'DRAFT'`);
}

/** May the viewer read every response of a consultation of `organiser`? Its editors and hub admins. */
export function readsAllResponses(viewer: Viewer, organiser: string): boolean {
  return viewer.admin || viewer.organiserEditorOf === organiser;
}

/** A response is seen by the organisation that gave it and by the organiser's editors and admins: nobody else. */
export function canSeeResponse(
  viewer: Viewer,
  response: Pick<Response, 'organisation'>,
  organiser: string,
): boolean {
  return readsAllResponses(viewer, organiser) || response.organisation === viewer.respondentOf;
}

/** A consultation by id if the caller may see it. */
export async function visibleConsultation(
  id: string,
  context: DialogueContext,
): Promise<Consultation | null> {
  const consultation = await context.loaders.consultationById.load(id);
  return consultation && canSeeConsultation(viewerOf(context.caller), consultation) ? consultation : null;
}

/** A response by id if the caller may see it (null otherwise: its existence is not revealed either). */
export async function visibleResponse(id: string, context: DialogueContext): Promise<Response | null> {
  const response = await context.loaders.responseById.load(id);
  if (!response) return null;
  const consultation = await context.loaders.consultationById.load(response.consultationId);
  if (!consultation) return null;
  return canSeeResponse(viewerOf(context.caller), response, consultation.organiser) ? response : null;
}
