import {
  decodeCursor,
  executeSql,
  forbidden,
  invalidInput,
  notFound,
  sql,
  toConnection,
  toPage,
  validateFirst,
  type PolicyArea,
} from '@hub/kit';
import { Application } from '../entities/application.entity';
import { ApplicationRole, SuggestionFactor } from '../entities/enums';
import { MentorSuggestion, MentorSuggestionConnection, SuggestionReason } from '../entities/suggestion.type';
import type { ExchangesContext } from '../loaders';
import {
  distanceKm,
  EMPLOYMENT_GAP,
  FOREIGN_BORN_SHARE,
  gatherEvidence,
  type Evidence,
  type IndicatorValue,
} from './evidence.query';
import { visibleApplication } from './records.query';
import { readsAsOrganiser, viewerOf } from './visibility.query';

/** Points each factor can give; they add up to 100 (documented on `SuggestionFactor`). */
export const WEIGHTS: Record<SuggestionFactor, number> = {
  [SuggestionFactor.EMPLOYMENT_GAP]: 35,
  [SuggestionFactor.FOREIGN_BORN_SHARE]: 20,
  [SuggestionFactor.NEEDS_COVERED]: 25,
  [SuggestionFactor.SHARED_LANGUAGES]: 10,
  [SuggestionFactor.DISTANCE]: 10,
};

/** Gap difference (pp) that earns all EMPLOYMENT_GAP points; share difference (pp) that earns none. */
const FULL_GAP_ADVANTAGE_PP = 10;
const NO_SHARE_SIMILARITY_PP = 10;
/** Distance at which DISTANCE gives half its points. */
const HALF_DISTANCE_KM = 500;
/** Severity of a need stated in the application but not reported in the dialogue subgraph. */
const DEFAULT_SEVERITY = 3;

const round2 = (value: number) => Math.round(value * 100) / 100;
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** What scoring reads of an application. */
type Candidate = Pick<Application, 'id' | 'territory' | 'areas' | 'languages' | 'createdAt'>;

/** The needs of the mentee (stated, and reported in the dialogue subgraph with severity ≥ 3) and their weights. */
function needsOf(mentee: Candidate, evidence: Evidence): Map<PolicyArea, number> {
  const needs = new Map<PolicyArea, number>();
  for (const area of mentee.areas) {
    needs.set(area.policyArea, evidence.needs.get(area.policyArea) ?? DEFAULT_SEVERITY);
  }
  for (const [area, severity] of evidence.needs) if (severity >= DEFAULT_SEVERITY) needs.set(area, severity);
  return needs;
}

/** How well one mentor fits a mentee on each factor (0-1), with the figures compared. */
interface Fit {
  gap: [IndicatorValue | null, IndicatorValue | null];
  share: [IndicatorValue | null, IndicatorValue | null];
  covered: PolicyArea[];
  coveredWeight: number;
  sharedLanguages: string[];
  km: number | null;
  fits: Record<SuggestionFactor, number>;
}

function fitOf(
  mentee: Candidate,
  mentor: Candidate,
  needs: Map<PolicyArea, number>,
  evidence: Evidence,
): Fit {
  const a = evidence.regions.get(mentee.territory);
  const b = evidence.regions.get(mentor.territory);
  const gap: Fit['gap'] = [a?.gap ?? null, b?.gap ?? null];
  const share: Fit['share'] = [a?.share ?? null, b?.share ?? null];
  const offered = new Set(mentor.areas.map((area) => area.policyArea));
  const covered = [...needs.keys()].filter((area) => offered.has(area));
  const totalWeight = [...needs.values()].reduce((sum, severity) => sum + severity, 0);
  const coveredWeight = covered.reduce((sum, area) => sum + needs.get(area)!, 0);
  const sharedLanguages = mentee.languages.filter((language) => mentor.languages.includes(language));
  const km = a?.centroid && b?.centroid ? Math.round(distanceKm(a.centroid, b.centroid)) : null;
  return {
    gap,
    share,
    covered,
    coveredWeight,
    sharedLanguages,
    km,
    fits: {
      [SuggestionFactor.EMPLOYMENT_GAP]:
        gap[0] && gap[1] ? (gap[0].value - gap[1].value) / FULL_GAP_ADVANTAGE_PP : 0,
      [SuggestionFactor.FOREIGN_BORN_SHARE]:
        share[0] && share[1] ? 1 - Math.abs(share[0].value - share[1].value) / NO_SHARE_SIMILARITY_PP : 0,
      [SuggestionFactor.NEEDS_COVERED]: totalWeight ? coveredWeight / totalWeight : 0,
      [SuggestionFactor.SHARED_LANGUAGES]: mentee.languages.length
        ? sharedLanguages.length / mentee.languages.length
        : 0,
      [SuggestionFactor.DISTANCE]: km === null ? 0 : 1 / (1 + km / HALF_DISTANCE_KM),
    },
  };
}

const pointsOf = (factor: SuggestionFactor, fit: number) => round2(WEIGHTS[factor] * clamp01(fit));

/** The score: the sum of every factor's points. */
function scoreOf(fit: Fit): number {
  return round2(
    (Object.keys(WEIGHTS) as SuggestionFactor[]).reduce(
      (sum, factor) => sum + pointsOf(factor, fit.fits[factor]),
      0,
    ),
  );
}

function cite(value: IndicatorValue | null, territory: string): string {
  if (!value) return `no value for ${territory}`;
  const where = value.region === territory ? territory : `${territory} (figure of ${value.region})`;
  return `${value.value} in ${where}, ${value.period}`;
}

/** The reasons of one suggestion: each factor with its figures and an explanation citing them. */
function reasonsOf(
  mentee: Candidate,
  mentor: Candidate,
  needs: Map<PolicyArea, number>,
  fit: Fit,
): SuggestionReason[] {
  const reason = (factor: SuggestionFactor, fields: Partial<SuggestionReason> & { explanation: string }) =>
    Object.assign(new SuggestionReason(), {
      factor,
      weight: WEIGHTS[factor],
      points: pointsOf(factor, fit.fits[factor]),
      menteeValue: null,
      mentorValue: null,
      unit: null,
      period: null,
      policyAreas: [],
      languages: [],
      ...fields,
    });
  const indicator = (
    factor: SuggestionFactor,
    [a, b]: [IndicatorValue | null, IndicatorValue | null],
    what: string,
    code: string,
    unit: string,
  ) =>
    reason(factor, {
      menteeValue: a?.value ?? null,
      mentorValue: b?.value ?? null,
      unit,
      period: b?.period ?? a?.period ?? null,
      explanation: `${what}: mentee ${cite(a, mentee.territory)}; mentor ${cite(b, mentor.territory)}; indicator ${code} (Eurostat, indicators subgraph).`,
    });
  const totalWeight = [...needs.values()].reduce((sum, severity) => sum + severity, 0);
  const coverage = fit.fits[SuggestionFactor.NEEDS_COVERED];
  const languageShare = fit.fits[SuggestionFactor.SHARED_LANGUAGES];
  return [
    indicator(
      SuggestionFactor.EMPLOYMENT_GAP,
      fit.gap,
      'Employment gap native-born minus foreign-born aged 20-64',
      EMPLOYMENT_GAP.indicator,
      'pp',
    ),
    indicator(
      SuggestionFactor.FOREIGN_BORN_SHARE,
      fit.share,
      'Foreign-born share of the population aged 15-64',
      FOREIGN_BORN_SHARE.indicator,
      '%',
    ),
    reason(SuggestionFactor.NEEDS_COVERED, {
      menteeValue: round2(coverage),
      policyAreas: fit.covered,
      explanation: `Offers ${fit.covered.length} of the ${needs.size} needs of the mentee (${fit.covered.join(', ') || 'none'}), severity-weighted ${fit.coveredWeight} of ${totalWeight}; severities from Region.needs (dialogue subgraph), ${DEFAULT_SEVERITY} where none was reported.`,
    }),
    reason(SuggestionFactor.SHARED_LANGUAGES, {
      menteeValue: round2(languageShare),
      languages: fit.sharedLanguages,
      explanation: `Shares ${fit.sharedLanguages.length} of the mentee's ${mentee.languages.length} languages (${fit.sharedLanguages.join(', ') || 'none'}).`,
    }),
    reason(SuggestionFactor.DISTANCE, {
      mentorValue: fit.km,
      unit: 'km',
      explanation:
        fit.km === null
          ? `No geometry for ${mentee.territory} or ${mentor.territory} in the regions subgraph.`
          : `${fit.km} km between the centroids of ${mentee.territory} and ${mentor.territory} (regions subgraph geometry).`,
    }),
  ];
}

/**
 * Scores every candidate and ranks them (highest score first, then the earliest application); the reasons are
 * built for the ranks `from` … `to` only (the page asked for).
 */
export function rankMentors<T extends Candidate>(
  mentee: Candidate,
  candidates: T[],
  evidence: Evidence,
  from = 0,
  to = candidates.length,
): Array<{ rank: number; score: number; mentor: T; reasons: () => SuggestionReason[] }> {
  const needs = needsOf(mentee, evidence);
  return candidates
    .map((mentor) => {
      const fit = fitOf(mentee, mentor, needs, evidence);
      return { mentor, fit, score: scoreOf(fit) };
    })
    .sort(
      (x, y) =>
        y.score - x.score ||
        x.mentor.createdAt.getTime() - y.mentor.createdAt.getTime() ||
        x.mentor.id.localeCompare(y.mentor.id),
    )
    .map(({ mentor, fit, score }, index) => ({
      rank: index + 1,
      score,
      mentor,
      reasons: () => (index >= from && index < to ? reasonsOf(mentee, mentor, needs, fit) : []),
    }));
}

interface CandidateRow {
  id: string;
  territory: string;
  areas: Application['areas'];
  languages: string[];
  created_at: Date;
}

/** The submitted mentor applications of a programme but of one organisation, as scoring reads them (one statement). */
function candidatesOf(context: ExchangesContext, programme: string, excluded: string) {
  return executeSql<CandidateRow>(
    context.em,
    sql`SELECT id, territory, areas, languages, created_at FROM application
        WHERE programme_id = ${programme} AND role = 'MENTOR' AND status = 'SUBMITTED' AND organisation <> ${excluded}`,
  );
}

/**
 * `suggestedMentors(application:)`: the submitted mentor applications of the programme of a mentee application
 * (other organisations only), ranked on the evidence of the indicators, regions and dialogue subgraphs. For the
 * organiser's editors and hub admins, who see every application of the programme.
 */
export async function suggestedMentors(
  context: ExchangesContext,
  applicationId: string,
  args: { first?: number | null; after?: string | null },
): Promise<MentorSuggestionConnection> {
  const first = validateFirst(args.first);
  const offset = args.after ? Number(decodeCursor(args.after, 1)[0]) : 0;
  const found = await visibleApplication(applicationId, context);
  if (!found) throw notFound(`No application has id "${applicationId}".`);
  const { application: mentee, programme } = found;
  if (!readsAsOrganiser(viewerOf(context.caller), programme.organiser)) {
    throw forbidden("Suggested mentors are for the programme organiser's editors and hub admins.");
  }
  if (mentee.role !== ApplicationRole.MENTEE)
    throw invalidInput('application', 'must be a MENTEE application');
  const rows = await candidatesOf(context, programme.id, mentee.organisation);
  const candidates = rows.map((row) => ({ ...row, createdAt: new Date(row.created_at) }));
  const evidence = await gatherEvidence(context, mentee.territory, [
    ...new Set(candidates.map((c) => c.territory)),
  ]);
  const ranked = rankMentors(mentee, candidates, evidence, offset, offset + first);
  const page = ranked.slice(offset, offset + first + 1);
  const ids = page.slice(0, first).map((entry) => entry.mentor.id);
  const applications = new Map(
    (ids.length ? await context.em.find(Application, { id: { $in: ids } }) : []).map((row) => [row.id, row]),
  );
  const nodes = page.map((entry) =>
    Object.assign(new MentorSuggestion(), {
      rank: entry.rank,
      score: entry.score,
      application: applications.get(entry.mentor.id),
      reasons: entry.reasons(),
    }),
  );
  return toConnection(
    MentorSuggestionConnection,
    toPage(nodes, first, offset > 0, (node) => [node.rank]),
    () => Promise.resolve(ranked.length),
  );
}
