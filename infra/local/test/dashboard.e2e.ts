import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  CreateEventDocument,
  EmploymentDashboardDocument,
  EmploymentRankingDocument,
  StartDiscussionDocument,
} from '@hub/codegen';
import { SHIPPED_DATA_FILE } from '@hub/indicators';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

/** The source file, by NUTS code: what every figure must match (empty cell = no value). */
const source = new Map(
  (parse(readFileSync(SHIPPED_DATA_FILE, 'utf8'), { columns: true }) as Array<Record<string, string>>).map(
    (row) => [row.nuts_id!, row],
  ),
);
const valueOf = (cell: string | undefined) => (cell ? Number(cell) : null);

/** One upcoming event hosted in Wien and one open thread about a region within it, written through the gateway. */
async function addActivityInWien(): Promise<void> {
  const token = await hub.token('cpmr', ['contributor']);
  const created = await hub.query(
    CreateEventDocument,
    {
      input: {
        idempotencyKey: randomUUID(),
        title: 'Integration workshop in Wien',
        summary: 'Upcoming, so the dashboard counts it.',
        kind: 'WORKSHOP',
        startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 30 * 86_400_000 + 7_200_000).toISOString(),
        timeZone: 'Europe/Vienna',
        format: 'ONLINE',
        onlineUrl: 'https://example.org/wien',
        hostRegions: ['AT13'],
        organisers: ['cpmr'],
        publish: true,
      },
    },
    token,
  );
  expect(created.body.errors).toBeUndefined();
  const started = await hub.query(
    StartDiscussionDocument,
    {
      input: {
        idempotencyKey: randomUUID(),
        title: 'Wien questions',
        body: 'Open thread.',
        regions: ['AT130'],
      },
    },
    token,
  );
  expect(started.body.errors).toBeUndefined();
}

describe('a dashboard across subgraphs through the gateway', () => {
  it('shows every EU NUTS 2 region with names from regions, figures from indicators and counts from events and forum', async () => {
    await addActivityInWien();
    const { body } = await hub.query(EmploymentDashboardDocument, { first: 300 });
    expect(body.errors).toBeUndefined();
    const rows = body.data!.regions.edges.map((edge) => edge.node);
    expect(rows).toHaveLength(244);
    let compared = 0;
    for (const row of rows) {
      const csv = source.get(row.code);
      expect(csv, `${row.code} is in the source file`).toBeDefined();
      expect(row.country?.name).toBeTruthy();
      expect(row.nativeBorn?.value ?? null).toBe(valueOf(csv!.employment_rate_native_born_pct));
      expect(row.foreignBorn?.value ?? null).toBe(valueOf(csv!.employment_rate_foreign_born_pct));
      expect(row.gap?.value ?? null).toBe(valueOf(csv!.employment_gap_pp));
      if (row.gap) {
        expect(row.gap.period).toBe(2025);
        compared += 1;
      }
      // The seeded partnership milestones are in the past: only what this test added counts, and only in Wien.
      const expectedActivity = row.code === 'AT13' ? 1 : 0;
      expect([row.code, row.upcomingEvents.totalCount, row.openThreads.totalCount]).toEqual([
        row.code,
        expectedActivity,
        expectedActivity,
      ]);
    }
    expect(compared).toBeGreaterThan(200);
    const wien = rows.find((row) => row.code === 'AT13')!;
    expect(wien).toMatchObject({ name: 'Wien', foreignBorn: { value: 66.7 }, gap: { value: 8.9 } });
  });

  it('costs each subgraph the same SQL statements for 10 and for 244 regions', async () => {
    const statementsFor = (first: number) =>
      hub.statementsDuring(async () => {
        const { body } = await hub.query(EmploymentDashboardDocument, { first });
        expect(body.data!.regions.edges).toHaveLength(first);
      });
    const small = await statementsFor(10);
    expect(small.regions).toBeGreaterThan(0);
    expect(small.indicators).toBeGreaterThan(0);
    expect(small.events).toBeGreaterThan(0);
    expect(small.forum).toBeGreaterThan(0);
    expect(await statementsFor(244)).toEqual(small);
  });

  it('ranks regions with names resolved through the regions subgraph', async () => {
    const { body } = await hub.query(EmploymentRankingDocument, { country: 'DE', first: 5 });
    expect(body.errors).toBeUndefined();
    const ranking = body.data!.ranking.edges.map((edge) => edge.node);
    expect(ranking.length).toBeGreaterThan(0);
    expect(body.data!.ranking.totalCount).toBeGreaterThanOrEqual(ranking.length);
    const values = ranking.map((row) => row.observation.value!);
    expect([...values].sort((a, b) => b - a)).toEqual(values); // best (highest employment) first
    for (const row of ranking) {
      expect(row.observation.region.code.startsWith('DE')).toBe(true);
      expect(row.observation.region.name).toBeTruthy();
      expect(row.observation.value).toBe(
        valueOf(source.get(row.observation.region.code)!.employment_rate_foreign_born_pct),
      );
    }

    // the next page goes on where this one ended, ranked over all matching regions
    const { pageInfo } = body.data!.ranking;
    expect(pageInfo.hasNextPage).toBe(true);
    const next = await hub.query(EmploymentRankingDocument, {
      country: 'DE',
      first: 5,
      after: pageInfo.endCursor,
    });
    expect(next.body.errors).toBeUndefined();
    const nextRows = next.body.data!.ranking.edges.map((edge) => edge.node);
    expect(nextRows[0]!.rank).toBeGreaterThanOrEqual(ranking.at(-1)!.rank);
    expect(nextRows[0]!.observation.value!).toBeLessThanOrEqual(values.at(-1)!);
    const seen = new Set(ranking.map((row) => row.observation.region.code));
    expect(nextRows.filter((row) => seen.has(row.observation.region.code))).toEqual([]);
  });
});
