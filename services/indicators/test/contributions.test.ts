import { randomUUID } from 'node:crypto';
import { testCaller, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, startIndicators } from './helpers';

let indicators: TestSubgraph;
beforeAll(async () => {
  indicators = await startIndicators();
});
afterAll(async () => indicators?.stop());

const admin = testCaller('cor', ['admin'], 'admin-1');
const cpmr = testCaller('cpmr', ['contributor'], 'contributor-cpmr');
const eurocities = testCaller('eurocities', ['editor'], 'editor-eurocities');
const cpmrModerator = testCaller('cpmr', ['moderator'], 'moderator-cpmr');

const RECORD = /* GraphQL */ `
  mutation ($input: RecordObservationsInput!) {
    recordObservations(input: $input) {
      id
      observations {
        id
        region {
          code
        }
        period
        breakdown
        value
        status
        version
        source
        contributedBy {
          id
        }
      }
    }
  }
`;

interface Recorded {
  recordObservations: {
    id: string;
    observations: Array<{
      id: string;
      value: number | null;
      status: string;
      version: number;
      contributedBy: { id: string } | null;
    }>;
  };
}

function row(region: string, value: number | null, extra: Record<string, unknown> = {}) {
  return {
    indicator: 'employment_rate_20_64',
    region,
    period: 2020,
    breakdown: 'FOREIGN_BORN',
    value,
    ...extra,
  };
}

const record = (observations: unknown[], caller = cpmr, idempotencyKey: string = randomUUID()) =>
  indicators.query<Recorded>(RECORD, { input: { idempotencyKey, observations } }, caller);

const auditCount = async () =>
  Number((await sql<{ n: string }>(indicators, 'SELECT count(*) AS n FROM hub_audit_log'))[0]!.n);
const observationCount = async () =>
  Number((await sql<{ n: string }>(indicators, 'SELECT count(*) AS n FROM observation'))[0]!.n);

describe('who may record', () => {
  it('refuses anonymous callers with UNAUTHENTICATED and callers without a writing role with FORBIDDEN', async () => {
    const anonymous = await indicators.query(RECORD, {
      input: { idempotencyKey: randomUUID(), observations: [row('AT13', 50)] },
    });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const moderator = await record([row('AT13', 50)], cpmrModerator);
    expect(moderator.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("refuses to correct another organisation's value, and a partner's correction of Eurostat values", async () => {
    const created = await record([row('FR10', 60)]);
    expect(created.body.errors).toBeUndefined();
    const other = await record([row('FR10', 61, { version: 1 })], eurocities);
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', row: 0 });
    const eurostat = await record([{ ...row('AT13', 70, { version: 1 }), period: 2025 }]);
    expect(eurostat.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', row: 0 });
  });
});

describe('recordObservations', () => {
  it('records a batch for the caller organisation with exactly one audit record', async () => {
    const audits = await auditCount();
    const { body } = await record([row('DK01', 55.5), row('DK02', null, { status: 'SUPPRESSED' })]);
    expect(body.errors).toBeUndefined();
    expect(body.data!.recordObservations.observations).toMatchObject([
      { value: 55.5, status: 'NONE', version: 1, contributedBy: { id: 'cpmr' } },
      { value: null, status: 'SUPPRESSED', version: 1, contributedBy: { id: 'cpmr' } },
    ]);
    expect(await auditCount()).toBe(audits + 1);
    const [audit] = await sql<{
      entity: string;
      action: string;
      entity_id: string;
      changed_fields: string[];
    }>(
      indicators,
      'SELECT entity, action, entity_id, changed_fields FROM hub_audit_log ORDER BY id DESC LIMIT 1',
    );
    expect(audit).toEqual({
      entity: 'ObservationBatch',
      action: 'record',
      entity_id: body.data!.recordObservations.id,
      changed_fields: [
        'employment_rate_20_64/DK01/2020/FOREIGN_BORN',
        'employment_rate_20_64/DK02/2020/FOREIGN_BORN',
      ],
    });
    const suppressed = await indicators.query<{ series: Array<{ value: number | null; status: string }> }>(
      '{ series(indicator: "employment_rate_20_64", region: "DK02", breakdown: FOREIGN_BORN, from: 2020, to: 2020) { value status } }',
    );
    expect(suppressed.body.data!.series).toEqual([{ value: null, status: 'SUPPRESSED' }]);
  });

  it('writes nothing of a batch when one row is out of range, and names the row', async () => {
    const before = await observationCount();
    const audits = await auditCount();
    const { body } = await record([row('SE11', 50), row('SE12', 120)]);
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: 'input.observations[1].value', messages: ['120 is out of range for PERCENT (0 to 100)'] },
      ],
    });
    expect(await observationCount()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it('names the row and field of an unknown indicator, a bad region code or year, a breakdown the indicator lacks', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ indicator: 'nope' }, 'indicator'],
      [{ region: 'at-13' }, 'region'],
      [{ period: 1850 }, 'period'],
      [{ breakdown: 'TOTAL' }, 'breakdown'],
      [{ value: null }, 'value'],
    ];
    for (const [change, field] of cases) {
      const { body } = await record([row('SE11', 50), { ...row('SE12', 50), ...change }]);
      expect(body.errors?.[0]?.extensions, field).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: `input.observations[1].${field}`, messages: [expect.any(String)] }],
      });
    }
  });

  it('reports every failing row of a batch at once', async () => {
    const { body } = await record([
      row('SE11', -5),
      row('SE12', 50),
      { ...row('SE21', 50), breakdown: 'TOTAL' },
    ]);
    const paths = (body.errors?.[0]?.extensions?.fieldErrors as Array<{ path: string }>).map((f) => f.path);
    expect(paths).toEqual(['input.observations[0].value', 'input.observations[2].breakdown']);
  });

  it('accepts negative net migration rates and rejects negative percentages', async () => {
    const negative = await record([
      { indicator: 'net_migration_rate', region: 'LT01', period: 2020, breakdown: 'TOTAL', value: -3.2 },
    ]);
    expect(negative.body.errors).toBeUndefined();
    const { body } = await record([row('LT01', -1)]);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: 'input.observations[0].value', messages: ['-1 is out of range for PERCENT (0 to 100)'] },
      ],
    });
  });

  it('writes once when retried with the same idempotency key', async () => {
    const key = randomUUID();
    const audits = await auditCount();
    const first = await record([row('PL91', 40)], cpmr, key);
    const retry = await record([row('PL91', 40)], cpmr, key);
    expect(retry.body.data!.recordObservations).toEqual(first.body.data!.recordObservations);
    expect(await auditCount()).toBe(audits + 1);
    const reused = await record([row('PL91', 41)], cpmr, key);
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('corrects with the current version, keeps the history, and refuses a missing or stale version', async () => {
    await record([row('ES61', 45)]);
    const missing = await record([row('ES61', 46)]);
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      row: 0,
      currentVersion: 1,
    });
    const corrected = await record([row('ES61', 46, { status: 'PROVISIONAL', version: 1 })]);
    expect(corrected.body.data!.recordObservations.observations[0]).toMatchObject({ value: 46, version: 2 });
    const stale = await record([row('ES61', 47, { version: 1 })]);
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', row: 0, currentVersion: 2 });
    const { body } = await indicators.query<{
      series: Array<{
        value: number;
        status: string;
        history: Array<{ value: number; status: string; version: number; replacedBySubject: string }>;
      }>;
    }>(
      '{ series(indicator: "employment_rate_20_64", region: "ES61", breakdown: FOREIGN_BORN, from: 2020, to: 2020) { value status updatedAt history { value status version replacedBySubject replacedAt contributedBy { id } replacedByOrganisation { id } } } }',
    );
    expect(body.data!.series).toMatchObject([
      {
        value: 46,
        status: 'PROVISIONAL',
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        history: [
          {
            value: 45,
            status: 'NONE',
            version: 1,
            replacedBySubject: 'contributor-cpmr',
            replacedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
            // Organisations are objects the gateway completes from the regions subgraph.
            contributedBy: { id: 'cpmr' },
            replacedByOrganisation: { id: 'cpmr' },
          },
        ],
      },
    ]);
  });

  it('lets admins correct Eurostat values, keeping the imported value in the history', async () => {
    const { body } = await record([{ ...row('AT13', 66.9, { version: 1 }), period: 2025 }], admin);
    expect(body.errors).toBeUndefined();
    const [history] = await sql<{ value: number; source: string; contributed_by: string | null }>(
      indicators,
      `SELECT h.value, h.source, h.contributed_by FROM observation_history h JOIN observation o ON o.id = h.observation_id
       WHERE o.region_code = 'AT13' AND o.indicator_code = 'employment_rate_20_64' AND o.breakdown = 'FOREIGN_BORN'`,
    );
    expect(history).toEqual({ value: 66.7, source: 'lfst_r_lfe2emprc', contributed_by: null });
  });

  it('builds ties with contributions: equal values share a rank and the next rank skips', async () => {
    const tie = (region: string, value: number) => ({ ...row(region, value), period: 2021, region });
    expect(
      (await record([tie('NL11', 70), tie('NL12', 80), tie('NL13', 80), tie('NL14', 60)])).body.errors,
    ).toBeUndefined();
    type Ranking = {
      ranking: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: { rank: number; observation: { region: { code: string } } } }>;
      };
    };
    const RANKING = /* GraphQL */ `
      query ($first: Int, $after: String) {
        ranking(
          indicator: "employment_rate_20_64"
          breakdown: FOREIGN_BORN
          period: 2021
          first: $first
          after: $after
        ) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              rank
              observation {
                region {
                  code
                }
              }
            }
          }
        }
      }
    `;
    const rowsOf = (data: Ranking) =>
      data.ranking.edges.map((e) => [e.node.rank, e.node.observation.region.code]);
    const { body } = await indicators.query<Ranking>(RANKING, {});
    expect(rowsOf(body.data!)).toEqual([
      [1, 'NL12'],
      [1, 'NL13'],
      [3, 'NL11'],
      [4, 'NL14'],
    ]);
    // Page by page, the ranks stay those of the whole ranking, also across a tie.
    const seen: unknown[] = [];
    let after: string | null = null;
    do {
      const page: { body: { data?: Ranking | null } } = await indicators.query<Ranking>(RANKING, {
        first: 1,
        after,
      });
      expect(page.body.data!.ranking.totalCount).toBe(4);
      seen.push(...rowsOf(page.body.data!));
      after = page.body.data!.ranking.pageInfo.hasNextPage
        ? page.body.data!.ranking.pageInfo.endCursor
        : null;
    } while (after);
    expect(seen).toEqual(rowsOf(body.data!));
  });

  it('lists an organisation’s contributions, paged, and shows the batch in the audit log to admins', async () => {
    const { body } = await indicators.query<{
      _entities: Array<{
        contributions: {
          totalCount: number;
          edges: unknown[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }>;
    }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { contributions(first: 2) { totalCount edges { node { region { code } } } pageInfo { hasNextPage endCursor } } } } }',
      {
        r: [
          { __typename: 'Organisation', id: 'cpmr' },
          { __typename: 'Organisation', id: 'eurocities' },
        ],
      },
    );
    expect(body.errors).toBeUndefined();
    const [cpmrPage, eurocitiesPage] = body.data!._entities;
    expect(cpmrPage!.contributions.edges).toHaveLength(2);
    expect(cpmrPage!.contributions.pageInfo.hasNextPage).toBe(true);
    expect(cpmrPage!.contributions.totalCount).toBeGreaterThan(2);
    expect(eurocitiesPage!.contributions).toMatchObject({ totalCount: 0, edges: [] });
    const log = await indicators.query<{ indicatorsAuditLog: { totalCount: number } }>(
      '{ indicatorsAuditLog(entity: "ObservationBatch") { totalCount } }',
      undefined,
      admin,
    );
    expect(log.body.data!.indicatorsAuditLog.totalCount).toBe(await auditCount());
    const refused = await indicators.query('{ indicatorsAuditLog { totalCount } }', undefined, cpmr);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
