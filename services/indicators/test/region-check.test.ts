import { randomUUID } from 'node:crypto';
import { startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { subgraph as regionsSubgraph } from '@hub/regions';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { subgraph as indicatorsSubgraph } from '../src/subgraph';
import { sql } from './helpers';

let regions: TestSubgraph;
let indicators: TestSubgraph;
let unreachable: TestSubgraph;
beforeAll(async () => {
  const serverUrl = inject('databaseServerUrl');
  regions = await startTestSubgraph(regionsSubgraph, serverUrl);
  indicators = await startTestSubgraph(indicatorsSubgraph, serverUrl, { peers: { regions: regions.url } });
  // Port 1: nothing listens there, so the regions peer is configured but unreachable.
  unreachable = await startTestSubgraph(indicatorsSubgraph, serverUrl, {
    peers: { regions: 'http://127.0.0.1:1/graphql' },
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await unreachable?.stop();
  await indicators?.stop();
  await regions?.stop();
});

const cpmr = testCaller('cpmr', ['contributor'], 'contributor-cpmr');

const RECORD = /* GraphQL */ `
  mutation ($input: RecordObservationsInput!) {
    recordObservations(input: $input) {
      id
      observations {
        region {
          code
        }
        value
      }
    }
  }
`;

const row = (region: string, value: number, period = 2020) => ({
  indicator: 'employment_rate_20_64',
  region,
  period,
  breakdown: 'FOREIGN_BORN',
  value,
});

const record = (subgraph: TestSubgraph, observations: unknown[]) =>
  subgraph.query<{ recordObservations: { observations: Array<{ region: { code: string } }> } }>(
    RECORD,
    { input: { idempotencyKey: randomUUID(), observations } },
    cpmr,
  );

const count = async (subgraph: TestSubgraph, table: string) =>
  Number((await sql<{ n: string }>(subgraph, `SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('recordObservations checks region codes against the regions subgraph', () => {
  it('records a value for a region the regions subgraph knows', async () => {
    const { body } = await record(indicators, [row('FR10', 61.5)]);
    expect(body.errors).toBeUndefined();
    expect(body.data!.recordObservations.observations[0]!.region.code).toBe('FR10');
  });

  it('refuses well-formed but unknown codes with BAD_USER_INPUT naming each row, writing nothing', async () => {
    const observations = await count(indicators, 'observation');
    const audits = await count(indicators, 'hub_audit_log');
    const { body } = await record(indicators, [row('DE30', 60), row('XX99', 50), row('XX98', 50, 2021)]);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toContain('XX99');
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: 'input.observations[1].region', messages: ['unknown region "XX99"'] },
        { path: 'input.observations[2].region', messages: ['unknown region "XX98"'] },
      ],
      unknownKeys: ['XX99', 'XX98'],
    });
    expect(await count(indicators, 'observation')).toBe(observations);
    expect(await count(indicators, 'hub_audit_log')).toBe(audits);
  });

  it('asks the regions subgraph only once for a known code (cached), but again for unknown codes', async () => {
    expect((await record(indicators, [row('ITC4', 55, 2021)])).body.errors).toBeUndefined();
    const afterFirst = regions.sqlStatementsSent();
    expect((await record(indicators, [row('ITC4', 56, 2022)])).body.errors).toBeUndefined();
    expect(regions.sqlStatementsSent()).toBe(afterFirst);
    const unknown = await record(indicators, [row('XX99', 50)]);
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: 'input.observations[0].region', messages: ['unknown region "XX99"'] }],
    });
    expect(regions.sqlStatementsSent()).toBeGreaterThan(afterFirst);
  });

  it('writes nothing when the regions subgraph cannot be reached', async () => {
    const observations = await count(unreachable, 'observation');
    const audits = await count(unreachable, 'hub_audit_log');
    const { body } = await record(unreachable, [row('FR10', 61.5)]);
    expect(body.errors?.[0]?.extensions?.code).toBe('PEER_UNAVAILABLE');
    expect(body.errors?.[0]?.message).toContain('regions');
    expect(await count(unreachable, 'observation')).toBe(observations);
    expect(await count(unreachable, 'hub_audit_log')).toBe(audits);
  });
});
