import { randomUUID } from 'node:crypto';
import { assertCanWrite, badUserInput, conflict, hasRole, NUTS_CODE_PATTERN, performWrite } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { IndicatorUnit, ObservationStatus } from '../entities/enums';
import type { Indicator } from '../entities/indicator.entity';
import { ObservationBatch, ObservationHistory } from '../entities/observation-history.entity';
import { Observation } from '../entities/observation.entity';

import { MAX_BATCH_ROWS, ObservationInput, RecordObservationsInput } from './inputs/observation.inputs';
import { observationRecordedEvent } from './observation-recorded';
import type { IndicatorsContext } from './types';

/** `source` of values recorded by partners. */
export const CONTRIBUTION_SOURCE = 'contribution';

@ObjectType('RecordedObservations', { description: 'The outcome of one `recordObservations` call.' })
export class RecordedObservations {
  @Field(() => ID, { description: 'Id of the batch (the audit log records it as an ObservationBatch).' })
  id!: string;

  @Field(() => [Observation], { description: 'The observations written, in input order, as they are now.' })
  observations!: Observation[];
}

/** Allowed values per unit: percentages 0-100, gaps ±100, rates per 1,000 any sign, other counts ≥ 0. */
const RANGES: Record<IndicatorUnit, [number, number]> = {
  [IndicatorUnit.PERCENT]: [0, 100],
  [IndicatorUnit.PERCENTAGE_POINTS]: [-100, 100],
  [IndicatorUnit.THOUSAND_PERSONS]: [0, Number.MAX_VALUE],
  [IndicatorUnit.PER_1000_INHABITANTS]: [-1000, 1000],
  [IndicatorUnit.SCORE]: [0, Number.MAX_VALUE],
};

function rowError(row: number, field: string, message: string): GraphQLError {
  return badUserInput(`Row ${row}: ${message}`, `input.observations[${row}].${field}`, { row, field });
}

interface CheckedRow {
  row: number;
  input: ObservationInput;
  region: string;
  status: ObservationStatus;
  value: number | null;
}

const keyOf = (r: { indicatorCode: string; regionCode: string; period: number; breakdown: string }) =>
  `${r.indicatorCode}/${r.regionCode}/${r.period}/${r.breakdown}`;

/** Everything that can be checked without writing; the first failing row is reported. */
function checkRows(rows: ObservationInput[], indicators: Array<Indicator | null | Error>): CheckedRow[] {
  const seen = new Map<string, number>();
  return rows.map((input, row) => {
    const indicator = indicators[row];
    if (!indicator || indicator instanceof Error) {
      throw rowError(row, 'indicator', `no indicator has code "${input.indicator}".`);
    }
    const region = input.region.trim().toUpperCase();
    if (!NUTS_CODE_PATTERN.test(region)) {
      throw rowError(
        row,
        'region',
        `"${input.region}" is not a NUTS code (two letters, then up to three letters or digits).`,
      );
    }
    if (!Number.isInteger(input.period) || input.period < 1900 || input.period > 2100) {
      throw rowError(row, 'period', `period must be a year from 1900 to 2100 (got ${input.period}).`);
    }
    if (!indicator.breakdowns.includes(input.breakdown)) {
      throw rowError(
        row,
        'breakdown',
        `indicator "${indicator.code}" has no breakdown ${input.breakdown} (it has ${indicator.breakdowns.join(', ')}).`,
      );
    }
    const status = input.status ?? ObservationStatus.NONE;
    const value = input.value ?? null;
    if ((value === null) !== (status === ObservationStatus.SUPPRESSED)) {
      throw rowError(row, 'value', 'value must be null exactly when status is SUPPRESSED.');
    }
    const [min, max] = RANGES[indicator.unit];
    if (value !== null && (!Number.isFinite(value) || value < min || value > max)) {
      throw rowError(row, 'value', `${value} is out of range for ${indicator.unit} (${min} to ${max}).`);
    }
    const key = keyOf({
      indicatorCode: indicator.code,
      regionCode: region,
      period: input.period,
      breakdown: input.breakdown,
    });
    const earlier = seen.get(key);
    if (earlier !== undefined) throw rowError(row, 'region', `the same value as row ${earlier} (${key}).`);
    seen.set(key, row);
    return { row, input, region, status, value };
  });
}

let warnedNoRegionsPeer = false;

/**
 * Rejects the first row whose region code the regions subgraph does not know. Without a configured regions
 * peer only the format check of `checkRows` applies (warned once per process).
 */
async function checkRegionsExist(context: IndicatorsContext, rows: CheckedRow[]): Promise<void> {
  const codes = [...new Set(rows.map((row) => row.region))];
  const unknown = await context.peers.unknownKeys('regions', 'Region', 'code', codes);
  if (unknown === undefined) {
    if (!warnedNoRegionsPeer) {
      warnedNoRegionsPeer = true;
      context.logger.warn(
        'no regions subgraph configured (REGIONS_SUBGRAPH_URL): region codes are checked for format only',
      );
    }
    return;
  }
  if (unknown.length === 0) return;
  const unknownCodes = new Set(unknown);
  const row = rows.find((candidate) => unknownCodes.has(candidate.region));
  if (row) {
    throw rowError(row.row, 'region', `no region has code "${row.region}" in the regions subgraph.`);
  }
}

export async function loadBatch(em: EntityManager, id: string): Promise<RecordedObservations> {
  const batch = await em.findOneOrFail(ObservationBatch, { id });
  const rows = await em.find(Observation, { id: { $in: batch.observationIds } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return Object.assign(new RecordedObservations(), {
    id,
    observations: batch.observationIds.map((observationId) => byId.get(observationId) as Observation),
  });
}

/** Partners record indicator values; every batch is one transaction with one audit record. */
@Resolver()
export class ContributionResolver {
  @Authorized('contributor', 'editor')
  @Mutation(() => RecordedObservations, {
    description: `Records up to ${MAX_BATCH_ROWS} values for the caller's organisation in one all-or-nothing batch. Correcting a current value needs its \`version\`; a partner may correct only values its own organisation recorded (Eurostat values: hub admins only). The old value is kept in \`Observation.history\`.`,
  })
  async recordObservations(
    @Arg('input', () => RecordObservationsInput, { description: 'The values and an idempotency key.' })
    input: RecordObservationsInput,
    @Ctx() context: IndicatorsContext,
  ): Promise<RecordedObservations> {
    const { caller, loaders } = context;
    const isAdmin = hasRole(caller, 'admin');
    if (!isAdmin) assertCanWrite(caller, caller.organisationId ?? '', ['contributor', 'editor']);
    const { idempotencyKey, observations } = input;
    if (observations.length < 1 || observations.length > MAX_BATCH_ROWS) {
      throw badUserInput(
        `Send 1 to ${MAX_BATCH_ROWS} rows (got ${observations.length}).`,
        'input.observations',
      );
    }
    const indicators = await loaders.indicatorByCode.loadMany(observations.map((row) => row.indicator));
    const checked = checkRows(observations, indicators);
    await checkRegionsExist(context, checked);
    return performWrite(
      context,
      { entity: 'ObservationBatch', action: 'record', idempotencyKey, input: { observations } },
      async (em) => {
        const batchId = randomUUID();
        const existing = await em.find(Observation, {
          $or: checked.map((row) => ({
            indicatorCode: row.input.indicator,
            regionCode: row.region,
            period: row.input.period,
            breakdown: row.input.breakdown,
          })),
        });
        const current = new Map(existing.map((row) => [keyOf(row), row]));
        const ids: string[] = [];
        const changedFields: string[] = [];
        for (const row of checked) {
          const key = keyOf({
            indicatorCode: row.input.indicator,
            regionCode: row.region,
            period: row.input.period,
            breakdown: row.input.breakdown,
          });
          changedFields.push(key);
          const observation = current.get(key);
          if (!observation) {
            const id = randomUUID();
            em.create(Observation, {
              id,
              indicatorCode: row.input.indicator,
              regionCode: row.region,
              period: row.input.period,
              breakdown: row.input.breakdown,
              value: row.value,
              status: row.status,
              source: CONTRIBUTION_SOURCE,
              contributedBy: caller.organisationId,
            });
            ids.push(id);
            continue;
          }
          if (!isAdmin && observation.contributedBy !== caller.organisationId) {
            throw new GraphQLError(
              `Row ${row.row}: ${key} was recorded by ${observation.contributedBy ?? 'the Eurostat import'}; only that organisation${observation.contributedBy ? '' : ' (here: hub admins)'} may correct it.`,
              { extensions: { code: 'FORBIDDEN', row: row.row } },
            );
          }
          if (row.input.version !== observation.version) {
            throw conflict(
              `Row ${row.row}: ${key} already has a value (version ${observation.version}); send that version to correct it${row.input.version ? ` (you sent ${row.input.version})` : ''}.`,
              { row: row.row, field: 'version', currentVersion: observation.version },
            );
          }
          em.create(ObservationHistory, {
            observationId: observation.id,
            value: observation.value,
            status: observation.status,
            version: observation.version,
            source: observation.source,
            contributedBy: observation.contributedBy,
            replacedBySubject: caller.subject,
            replacedByOrganisation: caller.organisationId,
          });
          observation.value = row.value;
          observation.status = row.status;
          observation.source = CONTRIBUTION_SOURCE;
          observation.contributedBy = caller.organisationId;
          ids.push(observation.id);
        }
        em.create(ObservationBatch, {
          id: batchId,
          organisationId: caller.organisationId,
          subject: caller.subject,
          observationIds: ids,
        });
        return {
          entityId: batchId,
          changedFields,
          events: [
            observationRecordedEvent(
              batchId,
              checked.map((row) => [row.input.indicator, row.region]),
            ),
          ],
        };
      },
      loadBatch,
    );
  }
}
