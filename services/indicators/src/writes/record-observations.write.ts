import { randomUUID } from 'node:crypto';
import {
  assertCanWrite,
  conflict,
  hasRole,
  invalidInputs,
  MAX_EVENT_PAYLOAD_BYTES,
  performWrite,
  type DomainEvent,
  type FieldError,
} from '@hub/kit';
import { GraphQLError } from 'graphql';
import { IndicatorUnit, ObservationStatus } from '../entities/enums';
import type { Indicator } from '../entities/indicator.entity';
import { ObservationBatch } from '../entities/observation-batch.entity';
import { ObservationHistory } from '../entities/observation-history.entity';
import { Observation } from '../entities/observation.entity';
import type { RecordedObservations } from '../entities/recorded-observations.type';
import type { ObservationInput, RecordObservationsInput } from '../inputs/observation.input';
import type { IndicatorsContext } from '../loaders';
import { futurePeriodProblem } from '../inputs/period';
import { loadBatch } from '../queries/recorded-observations.query';

/** `source` of values recorded by partners. */
export const CONTRIBUTION_SOURCE = 'contribution';

/** The bus topic of a committed `recordObservations` batch. */
export const OBSERVATION_RECORDED = 'indicators.observationRecorded';

/**
 * What `observationRecorded` subscribers receive from the bus: the batch id, and the indicator and region
 * codes it touched so subscribers filter without a query. A batch touching so many regions that the codes
 * would not fit a NOTIFY payload sends `regions: null`, and subscribers then read the batch to filter.
 */
export interface ObservationRecordedPayload extends Record<string, unknown> {
  batchId: string;
  indicators: string[];
  regions: string[] | null;
}

/** Allowed values per unit: percentages 0-100, gaps ±100, rates per 1,000 any sign, other counts ≥ 0. */
const RANGES: Record<IndicatorUnit, [number, number]> = {
  [IndicatorUnit.PERCENT]: [0, 100],
  [IndicatorUnit.PERCENTAGE_POINTS]: [-100, 100],
  [IndicatorUnit.THOUSAND_PERSONS]: [0, Number.MAX_VALUE],
  [IndicatorUnit.PER_1000_INHABITANTS]: [-1000, 1000],
  [IndicatorUnit.SCORE]: [0, Number.MAX_VALUE],
};

interface CheckedRow {
  row: number;
  input: ObservationInput;
  indicator: string;
  region: string;
  status: ObservationStatus;
  value: number | null;
}

const keyOf = (r: { indicatorCode: string; regionCode: string; period: number; breakdown: string }) =>
  `${r.indicatorCode}/${r.regionCode}/${r.period}/${r.breakdown}`;

/**
 * What class-validator cannot check (the indicator's breakdowns and unit, duplicates): every failing row and
 * field is reported in one BAD_USER_INPUT, at `input.observations[<row>].<field>`.
 */
function checkRows(rows: ObservationInput[], indicators: Array<Indicator | null | Error>): CheckedRow[] {
  const problems: FieldError[] = [];
  const problem = (row: number, field: string, message: string) =>
    problems.push({ path: `input.observations[${row}].${field}`, messages: [message] });
  const seen = new Map<string, number>();
  const checked = rows.map((input, row) => {
    const region = input.region.trim().toUpperCase();
    const status = input.status ?? ObservationStatus.NONE;
    const value = input.value ?? null;
    const indicator = indicators[row];
    if (!indicator || indicator instanceof Error) {
      problem(row, 'indicator', `unknown indicator "${input.indicator}"`);
      return { row, input, indicator: input.indicator, region, status, value };
    }
    if (!indicator.breakdowns.includes(input.breakdown)) {
      problem(
        row,
        'breakdown',
        `indicator "${indicator.code}" has no breakdown ${input.breakdown} (it has ${indicator.breakdowns.join(', ')})`,
      );
    }
    if ((value === null) !== (status === ObservationStatus.SUPPRESSED)) {
      problem(row, 'value', 'must be null exactly when status is SUPPRESSED');
    }
    const future = futurePeriodProblem(input.period);
    if (future) problem(row, 'period', future);
    const [min, max] = RANGES[indicator.unit];
    if (value !== null && (!Number.isFinite(value) || value < min || value > max)) {
      problem(row, 'value', `${value} is out of range for ${indicator.unit} (${min} to ${max})`);
    }
    const key = keyOf({
      indicatorCode: indicator.code,
      regionCode: region,
      period: input.period,
      breakdown: input.breakdown,
    });
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, row);
    else problem(row, 'region', `the same value as row ${earlier} (${key})`);
    return { row, input, indicator: indicator.code, region, status, value };
  });
  if (problems.length) throw invalidInputs(problems);
  return checked;
}

/** The domain event of one committed batch: indicator and region codes, never values. */
function observationRecordedEvent(batchId: string, rows: CheckedRow[]): DomainEvent {
  const payload: ObservationRecordedPayload = {
    batchId,
    indicators: [...new Set(rows.map((row) => row.indicator))].sort(),
    regions: [...new Set(rows.map((row) => row.region))].sort(),
  };
  // Indicator codes are few (one per catalogue entry); region codes are what can grow.
  if (Buffer.byteLength(JSON.stringify(payload)) > MAX_EVENT_PAYLOAD_BYTES) payload.regions = null;
  return { topic: OBSERVATION_RECORDED, payload };
}

/**
 * The regions subgraph must know every region of the batch: its distinct codes go there in one request
 * (`peers.assertExist`: cached, unconfigured peer = format check only, unreachable = PEER_UNAVAILABLE), and each
 * row with an unknown code is a field error at `input.observations[<row>].region`.
 */
async function assertRegionsExist(context: IndicatorsContext, rows: CheckedRow[]): Promise<void> {
  try {
    await context.peers.assertExist({
      subgraph: 'regions',
      typename: 'Region',
      keyField: 'code',
      keys: [...new Set(rows.map((row) => row.region))],
      path: 'input.observations',
    });
  } catch (error) {
    const unknownKeys = error instanceof GraphQLError ? error.extensions.unknownKeys : undefined;
    if (!Array.isArray(unknownKeys)) throw error;
    const unknown = new Set(unknownKeys);
    throw invalidInputs(
      rows
        .filter((row) => unknown.has(row.region))
        .map((row) => ({
          path: `input.observations[${row.row}].region`,
          messages: [`unknown region "${row.region}"`],
        })),
      { unknownKeys },
    );
  }
}

/**
 * `recordObservations`: up to 1,000 values for the caller's organisation in one all-or-nothing batch with one
 * audit record. Region codes are checked against the regions subgraph first; correcting a current value needs
 * its version, and only the organisation that recorded it (Eurostat values: hub admins) may correct it.
 */
export async function recordObservations(
  context: IndicatorsContext,
  input: RecordObservationsInput,
): Promise<RecordedObservations> {
  const { caller, loaders } = context;
  const isAdmin = hasRole(caller, 'admin');
  if (!isAdmin) assertCanWrite(caller, caller.organisationId ?? '', ['contributor', 'editor']);
  const { idempotencyKey, observations } = input;
  const indicators = await loaders.indicatorByCode.loadMany(observations.map((row) => row.indicator));
  const checked = checkRows(observations, indicators);
  await assertRegionsExist(context, checked);
  return performWrite(
    context,
    { entity: 'ObservationBatch', action: 'record', idempotencyKey, input: { observations } },
    async (em) => {
      const batchId = randomUUID();
      const existing = await em.find(Observation, {
        $or: checked.map((row) => ({
          indicatorCode: row.indicator,
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
          indicatorCode: row.indicator,
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
            indicatorCode: row.indicator,
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
            { row: row.row, currentVersion: observation.version },
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
      return { entityId: batchId, changedFields, events: [observationRecordedEvent(batchId, checked)] };
    },
    loadBatch,
  );
}
