import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '@hub/kit';
import { startSubgraph } from '@hub/kit';
import { testInternalKeys, type TestSubgraph } from '@hub/kit/testing';
import { inject } from 'vitest';
import { subgraph } from '../src/subgraph';
import { startRegions } from './helpers';

let regions: TestSubgraph;
beforeAll(async () => {
  regions = await startRegions();
});
afterAll(async () => regions?.stop());

async function sql<T>(text: string): Promise<T[]> {
  const client = new Client({
    connectionString: databaseUrl(inject('databaseServerUrl'), regions.databaseName),
  });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function total(args: string): Promise<number> {
  const { body } = await regions.query<{ regions: { totalCount: number } }>(
    `{ regions(${args}) { totalCount } }`,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.regions.totalCount;
}

describe('seeded reference data', () => {
  it('holds all 1,903 NUTS 2024 and statistical regions, Extra-Regio included', async () => {
    expect(await sql<{ n: string }>('SELECT count(*) AS n FROM region')).toEqual([{ n: '1903' }]);
    expect(await total('includeExtraRegio: true, first: 0')).toBe(1903);
  });

  it('has 27 EU countries at level 0 and 244 EU NUTS 2 regions, Extra-Regio left out of lists', async () => {
    expect(await total('level: 0, eu: true')).toBe(27);
    expect(await total('level: 1, eu: true')).toBe(92);
    expect(await total('level: 2, eu: true')).toBe(244);
    expect(await total('level: 3, eu: true')).toBe(1165);
    expect(await total('level: 2, eu: false')).toBe(52);
    expect(await total('level: 2, eu: true, includeExtraRegio: true')).toBeGreaterThan(244);
  });

  it('keeps parents and children consistent', async () => {
    const orphans = await sql(
      'SELECT c.code FROM region c LEFT JOIN region p ON p.code = c.parent_code WHERE c.level > 0 AND (p.code IS NULL OR p.level <> c.level - 1)',
    );
    expect(orphans).toEqual([]);
    const { body } = await regions.query<{
      region: { children: Array<{ code: string; parent: { code: string } }>; parent: null };
    }>('{ region(code: "FRH") { parent { code } children { code parent { code } } } }');
    expect(body.data!.region.children.map((c) => c.code)).toEqual(['FRH0']);
    expect(body.data!.region.children.every((c) => c.parent.code === 'FRH')).toBe(true);
    const { body: fr } = await regions.query<{
      region: { ancestors: Array<{ code: string }>; country: { code: string; level: number } };
    }>('{ region(code: "FRH01") { ancestors { code } country { code level } } }');
    expect(fr.data!.region).toEqual({
      ancestors: [{ code: 'FR' }, { code: 'FRH' }, { code: 'FRH0' }],
      country: { code: 'FR', level: 0 },
    });
  });

  it('flags Extra-Regio units and leaves them out of children unless asked for', async () => {
    const { body } = await regions.query<{
      region: { all: Array<{ code: string; isExtraRegio: boolean }>; plain: Array<{ code: string }> };
    }>(
      '{ region(code: "FR") { all: children(includeExtraRegio: true) { code isExtraRegio } plain: children { code } } }',
    );
    const extra = body.data!.region.all.filter((c) => c.isExtraRegio).map((c) => c.code);
    expect(extra).toEqual(['FRZ']);
    expect(body.data!.region.plain.map((c) => c.code)).not.toContain('FRZ');
  });

  it('carries 2021 geometry only to unchanged regions, and typologies for level-3 regions', async () => {
    const { body } = await regions.query<{
      fr10: { geometry: { type: string } | null };
      el43: { typology: unknown };
      fr101: { typology: { urbanRural: string; isCoastal: boolean; isMountain: boolean } | null };
    }>(
      '{ fr10: region(code: "FR10") { geometry } el43: region(code: "EL43") { typology { urbanRural } } fr101: region(code: "FR101") { typology { urbanRural isCoastal isMountain } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(['Polygon', 'MultiPolygon']).toContain(body.data!.fr10.geometry?.type);
    expect(body.data!.el43.typology).toBeNull();
    expect(body.data!.fr101.typology).toEqual({
      urbanRural: 'PREDOMINANTLY_URBAN',
      isCoastal: false,
      isMountain: false,
    });
    expect(await sql('SELECT count(*) AS n FROM region WHERE geometry IS NOT NULL AND level = 3')).toEqual([
      { n: '0' },
    ]);
  });

  it('gives every country its ISO 3166-1 code: GR for Greece (NUTS "EL"), the NUTS prefix elsewhere', async () => {
    const { body } = await regions.query<{
      regions: { edges: Array<{ node: { code: string; isoCountryCode: string } }> };
      kriti: { isoCountryCode: string; country: { code: string } };
    }>(`{
      regions(level: 0, first: 100) { edges { node { code isoCountryCode } } }
      kriti: region(code: "EL43") { isoCountryCode country { code } }
    }`);
    expect(body.errors).toBeUndefined();
    const countries = body.data!.regions.edges.map((e) => e.node);
    expect(countries).toHaveLength(37);
    const differing = countries.filter((c) => c.isoCountryCode !== c.code);
    expect(differing).toEqual([{ code: 'EL', isoCountryCode: 'GR' }]);
    for (const { isoCountryCode } of countries) expect(isoCountryCode).toMatch(/^[A-Z]{2}$/);
    expect(body.data!.kriti).toEqual({ isoCountryCode: 'GR', country: { code: 'EL' } });
  });

  it('seeds the partner organisations and the partial CPMR membership list', async () => {
    const { body } = await regions.query<{
      organisations: { totalCount: number; edges: Array<{ node: { id: string; kind: string } }> };
      cpmr: {
        members: Array<{
          isPartialList: boolean;
          memberRegion: { code: string } | null;
          memberOrganisation: { id: string } | null;
        }>;
      };
      dk05: { memberships: Array<{ organisation: { id: string }; sourceUrls: string[] }> };
    }>(`{
      organisations(first: 100) { totalCount edges { node { id kind } } }
      cpmr: organisation(id: "cpmr") { members { isPartialList memberRegion { code } memberOrganisation { id } } }
      dk05: region(code: "DK05") { memberships { organisation { id } sourceUrls } }
    }`);
    expect(body.errors).toBeUndefined();
    const ids = body.data!.organisations.edges.map((e) => e.node.id);
    for (const id of ['cor', 'ec-dg-home', 'cpmr', 'eurocities', 'aer', 'cemr']) expect(ids).toContain(id);
    const commissions = body.data!.organisations.edges.filter(
      (e) => e.node.kind === 'GEOGRAPHICAL_COMMISSION',
    );
    expect(commissions).toHaveLength(6);
    const members = body.data!.cpmr.members;
    expect(
      members
        .filter((m) => m.memberOrganisation)
        .map((m) => m.memberOrganisation!.id)
        .sort(),
    ).toEqual(commissions.map((c) => c.node.id).sort());
    expect(members.filter((m) => m.memberRegion).every((m) => m.isPartialList)).toBe(true);
    const dk05 = body.data!.dk05.memberships.map((m) => m.organisation.id).sort();
    expect(dk05).toEqual(['cpmr', 'cpmr-north-sea-commission']);
    expect(body.data!.dk05.memberships[0]!.sourceUrls.length).toBeGreaterThan(0);
  });

  it('seeds the Forum of forefront regions (issue 13), named by the partnership text, with no members', async () => {
    const { body } = await regions.query<{
      organisation: {
        id: string;
        name: string;
        kind: string;
        sourceUrl: string;
        description: string;
        members: unknown[];
      } | null;
    }>(
      '{ organisation(id: "forum-of-forefront-regions") { id name kind sourceUrl description members { organisation { id } } } }',
    );
    expect(body.errors).toBeUndefined();
    const forum = body.data!.organisation!;
    expect(forum).toMatchObject({ id: 'forum-of-forefront-regions', name: 'Forum of forefront regions' });
    expect(forum.kind).toBe('REGIONAL_NETWORK');
    expect(forum.description).toMatch(/^[A-Z].*Forum of forefront regions.*\.$/);
    // the source is one of the partnership's sources, whose wording the enumerations JSON quotes
    const enumerations = JSON.parse(
      readFileSync(
        path.join(__dirname, '..', 'data', 'cor_integration_partnership_enumerations.json'),
        'utf8',
      ),
    ) as { partnership: { sources: string[] }; activity_types: Record<string, string> };
    expect(enumerations.activity_types.FORUM).toContain('Forum of forefront regions');
    expect(enumerations.partnership.sources).toContain(forum.sourceUrl);
    // no stored source lists its members: none are seeded
    expect(forum.members).toEqual([]);
    expect(
      await sql("SELECT count(*) AS n FROM membership WHERE organisation_id = 'forum-of-forefront-regions'"),
    ).toEqual([{ n: '0' }]);
  });

  it('seeds once: a restart against the same database keeps the data and adds nothing', async () => {
    const again = await startSubgraph(subgraph, {
      port: 0,
      databaseServerUrl: inject('databaseServerUrl'),
      databaseName: regions.databaseName,
      logLevel: 'warn',
      internalKeys: testInternalKeys('regions'),
    });
    await again.stop();
    expect(await sql<{ n: string }>('SELECT count(*) AS n FROM region')).toEqual([{ n: '1903' }]);
    expect(await sql('SELECT count(*) AS n FROM membership')).toEqual([{ n: '126' }]);
    expect(await sql('SELECT name FROM hub_seed_runs ORDER BY name')).toEqual([
      { name: 'regions-forum-of-forefront-regions-v1' },
      { name: 'regions-reference-data-2024-v1' },
    ]);
    expect(
      await sql("SELECT count(*) AS n FROM organisation WHERE id = 'forum-of-forefront-regions'"),
    ).toEqual([{ n: '1' }]);
  });
});
