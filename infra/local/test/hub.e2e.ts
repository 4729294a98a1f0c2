import {
  Level2RegionsDocument,
  OrganisationMembersDocument,
  OrganisationsDocument,
  RegionWithFamilyDocument,
  SearchRegionsDocument,
} from '@hub/codegen';
import { encodeCursor } from '@hub/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

describe('the hub through the gateway', () => {
  it('answers a region with its family from the regions subgraph', async () => {
    const { status, body } = await hub.query(RegionWithFamilyDocument, { code: 'FRH01' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const region = body.data!.region!;
    expect(region).toMatchObject({
      code: 'FRH01',
      level: 3,
      isEu: true,
      country: { code: 'FR', name: 'France' },
    });
    expect(region.ancestors.map((a) => a.code)).toEqual(['FR', 'FRH', 'FRH0']);
    expect(region.children).toEqual([]);
  });

  it('searches in Latin and Greek script alike', async () => {
    for (const search of ['kriti', 'Κρήτη']) {
      const { body } = await hub.query(SearchRegionsDocument, { search, level: 2 });
      expect(body.data!.regions.edges.map((e) => e.node.code)).toEqual(['EL43']);
    }
  });

  it('pages all 244 EU NUTS 2 regions with parents, children and memberships', async () => {
    const codes: string[] = [];
    let after: string | null | undefined;
    do {
      const { body } = await hub.query(Level2RegionsDocument, { first: 100, after, eu: true });
      expect(body.errors).toBeUndefined();
      const page = body.data!.regions;
      expect(page.totalCount).toBe(244);
      codes.push(...page.edges.map((e) => e.node.code));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(codes).toHaveLength(244);
    expect(new Set(codes).size).toBe(244);
  });

  it('costs the regions subgraph the same SQL statements through the gateway for 10 and 244 regions', async () => {
    const statementsFor = async (first: number, after?: string) =>
      hub.statementsDuring(async () => {
        const { body } = await hub.query(Level2RegionsDocument, { first, after, eu: true });
        expect(body.data!.regions.edges).toHaveLength(first);
      });
    // The small page starts at the Danish regions so that it has memberships (DK05 is a CPMR member) too.
    const small = await statementsFor(10, encodeCursor(['DEG0']));
    expect(small.regions).toBeGreaterThan(0);
    expect(await statementsFor(244)).toEqual(small);
  });

  it('lists CPMR members as a partial list with sources', async () => {
    const { body } = await hub.query(OrganisationMembersDocument, { id: 'cpmr' });
    const members = body.data!.organisation!.members;
    const regions = members.filter((m) => m.memberRegion);
    expect(regions.length).toBeGreaterThan(50);
    expect(regions.every((m) => m.isPartialList && m.sourceUrls.length > 0)).toBe(true);
    const { body: kinds } = await hub.query(OrganisationsDocument, { kind: 'GEOGRAPHICAL_COMMISSION' });
    expect(kinds.data!.organisations.totalCount).toBe(6);
  });

  it('passes BAD_USER_INPUT from the subgraph through, naming the argument, without internals', async () => {
    const { status, body } = await hub.query('{ regions(level: 7) { totalCount } }');
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      message: expect.stringMatching(/^Invalid input: level: .*3/),
      extensions: {
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: 'level', messages: [expect.stringContaining('3')] }],
      },
    });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|serviceName|\.js:\d+/);
    const tooMany = await hub.query('{ regions(first: 10000) { totalCount } }');
    expect(tooMany.body.errors![0]).toMatchObject({
      message: 'Invalid input: first: must be a whole number from 0 to 500 (got 10000)',
      extensions: {
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: 'first', messages: [expect.any(String)] }],
      },
    });
  });

  it('refuses issue 12’s cost attack with QUERY_TOO_COSTLY before any subgraph runs it; a small page answers', async () => {
    const attack = (first: number) =>
      `{ regions(first: ${first}, country: "DE", level: 3) { edges { node { ancestors { children { children { children { code } } } } } } } }`;
    let response: Awaited<ReturnType<TestHub['query']>> | undefined;
    const statements = await hub.statementsDuring(async () => {
      response = await hub.query(attack(500));
    });
    expect(response!.status).toBe(400);
    expect(response!.body.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
    expect(response!.body.errors?.[0]?.message).toMatch(
      /^The operation would cost \d+, over the limit of \d+ \(MAX_COST\)/,
    );
    expect(statements.regions).toBe(0);
    const small = await hub.query(attack(2));
    expect(small.body.errors).toBeUndefined();
    expect((small.body.data as { regions: { edges: unknown[] } }).regions.edges).toHaveLength(2);
  });

  it('returns null for an unknown region', async () => {
    const { body } = await hub.query(RegionWithFamilyDocument, { code: 'ZZ99' });
    expect(body).toEqual({ data: { region: null } });
  });

  it('answers malformed JSON and malformed queries with HTTP 400', async () => {
    const bad = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('Malformed JSON');
    const { status, body } = await hub.query('{ region(code: "FR10") { name }');
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('is ready when every subgraph is', async () => {
    const origin = new URL(hub.url).origin;
    expect((await fetch(`${origin}/health/live`)).status).toBe(200);
    expect((await fetch(`${origin}/health/ready`)).status).toBe(200);
  });

  it('serves the playground from the gateway only, with the example operations', async () => {
    const response = await fetch(hub.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html');
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(references.filter((ref) => ref.endsWith('.js') || ref.includes('.js?')).length).toBeGreaterThan(0);
    for (const src of references.filter((ref) => !ref.startsWith('data:'))) {
      expect(src).toMatch(/^\/playground\//);
      const asset = await fetch(new URL(src, hub.url));
      expect(asset.status).toBe(200);
    }
    for (const name of ['RegionWithFamily', 'SearchRegions', 'Level2Regions', 'OrganisationMembers']) {
      expect(html).toContain(`query ${name}`);
    }
  });
});
