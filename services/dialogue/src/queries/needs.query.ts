import { executeSql, rawSql, type PolicyArea } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BreakdownLevel, CODE_LENGTH, QuestionKind } from '../entities/enums';
import { NeedsMap, NeedsMapCell, RegionNeed } from '../entities/needs.type';
import { regionReference } from '../entities/references.type';
import type { DialogueContext } from '../loaders';
import type { RawCell } from './results.query';

/** A published needs assessment, newest first. */
interface Assessment {
  id: string;
  regionCodes: string[];
}

/** Every published needs assessment, newest results first (one statement). */
export async function publishedAssessments(em: EntityManager): Promise<Assessment[]> {
  const rows = await executeSql<{ id: string; region_codes: string[] }>(
    em,
    rawSql(`SELECT id, region_codes FROM consultation
            WHERE status = 'RESULTS_PUBLISHED' AND needs_assessment
            ORDER BY results_published_at DESC, id`),
  );
  return rows.map((row) => ({ id: row.id, regionCodes: row.region_codes }));
}

/** One severity cell of a published needs assessment, with its suppression decided. */
interface SeverityCell {
  consultationId: string;
  policyArea: PolicyArea;
  cell: RawCell;
  suppressed: boolean;
}

/**
 * The severity cells of every published needs assessment, newest assessment first: for each policy area the
 * first SCALE question tagged with it (by position), its published cells (the same cells and the same
 * suppression as `Consultation.results`). A constant number of statements, whatever the regions asked.
 */
async function severityCells(
  context: DialogueContext,
): Promise<{ assessments: Assessment[]; cells: SeverityCell[] }> {
  const assessments = await publishedAssessments(context.em);
  const ids = assessments.map((assessment) => assessment.id);
  const [questionLists, cellLists] = await Promise.all([
    context.loaders.questionsByConsultation.loadMany(ids),
    context.loaders.resultCells.loadMany(ids),
  ]);
  const cells: SeverityCell[] = [];
  assessments.forEach((assessment, index) => {
    const questions = questionLists[index];
    const published = cellLists[index];
    if (!Array.isArray(questions) || !published || published instanceof Error)
      throw questions instanceof Error ? questions : published;
    const seen = new Set<PolicyArea>();
    for (const question of questions) {
      if (question.kind !== QuestionKind.SCALE || !question.policyArea || seen.has(question.policyArea))
        continue;
      seen.add(question.policyArea);
      for (const cell of published.byQuestion.get(question.id) ?? []) {
        cells.push({
          consultationId: assessment.id,
          policyArea: question.policyArea,
          cell,
          suppressed: published.isSuppressed(cell),
        });
      }
    }
  });
  return { assessments, cells };
}

/** Per request: the severity cells are read once, whatever number of regions asks. */
const perRequest = new WeakMap<object, ReturnType<typeof severityCells>>();

function requestSeverityCells(context: DialogueContext) {
  let cells = perRequest.get(context.loaders);
  if (!cells) {
    cells = severityCells(context);
    perRequest.set(context.loaders, cells);
  }
  return cells;
}

function figures(cell: SeverityCell) {
  return cell.suppressed
    ? { suppressed: true, severity: null, responseCount: null }
    : { suppressed: false, severity: cell.cell.mean, responseCount: cell.cell.answerCount };
}

/**
 * `Region.needs`: per policy area, the newest published needs assessment with answers for the region (itself
 * or regions within it), at the region's own level (country, NUTS 1 or NUTS 2; results are not broken down
 * further, so a NUTS 3 region has none). In policy-area order.
 */
export async function regionNeeds(code: string, context: DialogueContext): Promise<RegionNeed[]> {
  const { cells } = await requestSeverityCells(context);
  const latest = new Map<PolicyArea, SeverityCell>();
  for (const cell of cells) {
    if (cell.cell.area !== code || cell.cell.codeLength !== code.length) continue;
    if (!latest.has(cell.policyArea)) latest.set(cell.policyArea, cell);
  }
  return [...latest.values()]
    .sort((a, b) => a.policyArea.localeCompare(b.policyArea))
    .map((cell) =>
      Object.assign(new RegionNeed(), {
        policyArea: cell.policyArea,
        ...figures(cell),
        fromSubRegions: cell.cell.ownAnswerCount === 0,
        consultationId: cell.consultationId,
      }),
    );
}

/**
 * `needsMap`: for one policy area, one cell per region of `level` with answers (the newest published needs
 * assessment that has any for it), and the regions of that level named in those assessments' scope that have
 * none.
 */
export async function needsMap(
  policyArea: PolicyArea,
  level: BreakdownLevel,
  context: DialogueContext,
): Promise<NeedsMap> {
  const { assessments, cells } = await requestSeverityCells(context);
  const length = CODE_LENGTH[level];
  const byRegion = new Map<string, SeverityCell>();
  const mapped = new Set<string>();
  for (const cell of cells) {
    if (cell.policyArea !== policyArea || cell.cell.codeLength !== length) continue;
    mapped.add(cell.consultationId);
    if (!byRegion.has(cell.cell.area)) byRegion.set(cell.cell.area, cell);
  }
  const scope = new Set(
    assessments
      .filter((assessment) => mapped.has(assessment.id))
      .flatMap((assessment) => assessment.regionCodes)
      .filter((code) => code.length === length && !byRegion.has(code)),
  );
  return Object.assign(new NeedsMap(), {
    policyArea,
    level,
    cells: [...byRegion.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, cell]) =>
        Object.assign(new NeedsMapCell(), {
          region: regionReference(code),
          ...figures(cell),
          consultationId: cell.consultationId,
        }),
      ),
    regionsWithoutDataCodes: [...scope].sort(),
  });
}
