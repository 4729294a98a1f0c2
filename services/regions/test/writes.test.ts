import { randomUUID } from 'node:crypto';
import {
  signInternalToken,
  INTERNAL_TOKEN_HEADER,
  ANONYMOUS,
  GATEWAY_ISSUER,
  subgraphIdentity,
} from '@hub/kit';
import {
  postGraphQL,
  sqlOn,
  testCaller,
  testPeerSigner,
  TEST_GATEWAY_SIGNER,
  type TestSubgraph,
} from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegions } from './helpers';

let regions: TestSubgraph;
beforeAll(async () => {
  regions = await startRegions();
});
afterAll(async () => regions?.stop());

const admin = testCaller('cor', ['admin'], 'admin-1');
const cpmrEditor = testCaller('cpmr', ['editor'], 'editor-cpmr');
const eurocitiesEditor = testCaller('eurocities', ['editor'], 'editor-eurocities');
const cpmrContributor = testCaller('cpmr', ['contributor'], 'contributor-cpmr');

/** SQL on the subgraph's own database (to check what was, or was not, written); `?` placeholders. */
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  sqlOn<T>(regions, text, params);

const auditCount = async () =>
  Number((await sql<{ n: string }>('SELECT count(*) AS n FROM hub_audit_log'))[0]!.n);

const CREATE = /* GraphQL */ `
  mutation ($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      name
      kind
      version
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      id
      description
      version
    }
  }
`;

function newOrganisation(id: string) {
  return {
    idempotencyKey: randomUUID(),
    id,
    name: `Test organisation ${id}`,
    kind: 'CITY',
    description: 'A city added by the test suite of the hub.',
    websiteUrl: 'https://example.org/',
  };
}

async function versionOf(id: string): Promise<number> {
  const { body } = await regions.query<{ organisation: { version: number } }>(
    `{ organisation(id: "${id}") { version } }`,
  );
  return body.data!.organisation.version;
}

describe('who may write', () => {
  it('refuses a direct call without the internal token, or with a forged identity header', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-user': 'admin', 'x-hub-roles': 'admin' },
      { authorization: 'Bearer forged' },
    ];
    for (const headers of attempts) {
      const { status, body } = await postGraphQL(
        regions.url,
        CREATE,
        { input: newOrganisation('forged') },
        headers,
      );
      expect(status).toBe(401);
      expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    // a subgraph's own key (events is a peer of regions) can sign neither as the gateway nor for a person
    const events = testPeerSigner('events');
    const forgeries = [
      await signInternalToken(admin, { ...events, issuer: GATEWAY_ISSUER }, subgraphIdentity('regions')),
      await signInternalToken(admin, events, subgraphIdentity('regions')),
      await signInternalToken(admin, TEST_GATEWAY_SIGNER, subgraphIdentity('events')),
    ];
    for (const forged of forgeries) {
      const { status, body } = await postGraphQL(
        regions.url,
        CREATE,
        { input: newOrganisation('forged') },
        { [INTERNAL_TOKEN_HEADER]: forged },
      );
      expect(status).toBe(401);
      expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    expect(await sql("SELECT id FROM organisation WHERE id = 'forged'")).toEqual([]);
  });

  it('answers anonymous writes with UNAUTHENTICATED and non-admins with FORBIDDEN', async () => {
    const anonymous = await regions.query(CREATE, { input: newOrganisation('anon-city') }, ANONYMOUS);
    expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const editor = await regions.query(CREATE, { input: newOrganisation('editor-city') }, cpmrEditor);
    expect(editor.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await sql("SELECT id FROM organisation WHERE id IN ('anon-city', 'editor-city')")).toEqual([]);
  });

  it("lets an editor change its own organisation but never another's, whatever id it sends", async () => {
    const before = await sql("SELECT * FROM organisation WHERE id = 'eurocities'");
    const auditBefore = await auditCount();
    const version = await versionOf('eurocities');
    const forged = await regions.query(
      UPDATE,
      { input: { id: 'eurocities', version, description: 'Overwritten by another organisation.' } },
      cpmrEditor,
    );
    expect(forged.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await sql("SELECT * FROM organisation WHERE id = 'eurocities'")).toEqual(before);
    expect(await auditCount()).toBe(auditBefore);

    const contributor = await regions.query(
      UPDATE,
      {
        input: {
          id: 'cpmr',
          version: await versionOf('cpmr'),
          description: 'Contributors may not edit this.',
        },
      },
      cpmrContributor,
    );
    expect(contributor.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const own = await regions.query<{ updateOrganisation: { description: string; version: number } }>(
      UPDATE,
      { input: { id: 'eurocities', version, description: 'The network of major European cities.' } },
      eurocitiesEditor,
    );
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.updateOrganisation).toMatchObject({ version: version + 1 });
  });
  it("refuses an editor's change of its organisation's kind, naming the field", async () => {
    const { body } = await regions.query(
      UPDATE,
      { input: { id: 'eurocities', version: await versionOf('eurocities'), kind: 'OTHER' } },
      eurocitiesEditor,
    );
    expect(body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: 'input.kind', messages: ['only hub admins may change the kind of an organisation'] },
      ],
    });
    expect(await sql("SELECT kind FROM organisation WHERE id = 'eurocities'")).toEqual([
      { kind: 'CITY_NETWORK' },
    ]);
  });
});

describe('safe writes', () => {
  it('writes once for an idempotent retry and returns the same result', async () => {
    const input = newOrganisation('retry-city');
    const auditBefore = await auditCount();
    const first = await regions.query(CREATE, { input }, admin);
    const again = await regions.query(CREATE, { input }, admin);
    expect(first.body.errors).toBeUndefined();
    expect(again.body.data).toEqual(first.body.data);
    expect(await sql("SELECT id FROM organisation WHERE id = 'retry-city'")).toHaveLength(1);
    expect(await auditCount()).toBe(auditBefore + 1);
  });

  it('answers the same key with different input with CONFLICT', async () => {
    const input = newOrganisation('key-city');
    await regions.query(CREATE, { input }, admin);
    const reused = await regions.query(CREATE, { input: { ...input, id: 'other-city' } }, admin);
    expect(reused.body.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(await sql("SELECT id FROM organisation WHERE id = 'other-city'")).toEqual([]);
  });

  it('writes once when the same key arrives concurrently', async () => {
    const input = newOrganisation('race-city');
    const auditBefore = await auditCount();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => regions.query(CREATE, { input }, admin)),
    );
    for (const result of results) {
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data).toEqual(results[0]!.body.data);
    }
    expect(await sql("SELECT id FROM organisation WHERE id = 'race-city'")).toHaveLength(1);
    expect(await auditCount()).toBe(auditBefore + 1);
  });

  it('refuses a stale version with CONFLICT and loses no update', async () => {
    const version = await versionOf('aer');
    const first = await regions.query(
      UPDATE,
      { input: { id: 'aer', version, description: 'First change, made on the current version.' } },
      admin,
    );
    expect(first.body.errors).toBeUndefined();
    const stale = await regions.query(
      UPDATE,
      { input: { id: 'aer', version, description: 'Second change, made on a stale version.' } },
      admin,
    );
    expect(stale.body.errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT', currentVersion: version + 1 },
    });
    const [row] = await sql<{ description: string; version: number }>(
      "SELECT description, version FROM organisation WHERE id = 'aer'",
    );
    expect(row).toEqual({ description: 'First change, made on the current version.', version: version + 1 });
  });

  it('lets exactly one of two concurrent updates on the same version win', async () => {
    const version = await versionOf('cemr');
    const results = await Promise.all(
      ['Concurrent change A of the record.', 'Concurrent change B of the record.'].map((description) =>
        regions.query(UPDATE, { input: { id: 'cemr', version, description } }, admin),
      ),
    );
    const codes = results.map((r) => (r.body.errors ? r.body.errors[0]!.extensions!.code : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect(
      (await sql<{ version: number }>("SELECT version FROM organisation WHERE id = 'cemr'"))[0]!.version,
    ).toBe(version + 1);
  });

  it('rejects invalid input with BAD_USER_INPUT naming the fields, writing nothing', async () => {
    const auditBefore = await auditCount();
    const { body } = await regions.query(
      CREATE,
      { input: { ...newOrganisation('Bad Id!'), websiteUrl: 'javascript:alert(1)', description: 'short' } },
      admin,
    );
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const paths = (body.errors![0]!.extensions!.fieldErrors as Array<{ path: string }>)
      .map((f) => f.path)
      .sort();
    expect(paths).toEqual(['input.description', 'input.id', 'input.websiteUrl']);
    expect(body.errors![0]!.message).toContain('websiteUrl');
    expect(await sql("SELECT id FROM organisation WHERE name LIKE 'Test organisation Bad%'")).toEqual([]);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('rolls back everything when a write fails half-way', async () => {
    const auditBefore = await auditCount();
    const membershipsBefore = await sql('SELECT count(*) AS n FROM membership');
    const { body } = await regions.query(
      'mutation ($input: AddMembershipInput!) { addMembership(input: $input) { id } }',
      {
        input: {
          idempotencyKey: randomUUID(),
          organisation: 'cpmr',
          memberRegion: 'XX99',
          source: 'A test that must not write',
        },
      },
      admin,
    );
    expect(body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: 'input.memberRegion', messages: ['unknown region "XX99"'] }],
      unknownKeys: ['XX99'],
    });
    expect(await sql('SELECT count(*) AS n FROM membership')).toEqual(membershipsBefore);
    expect(await auditCount()).toBe(auditBefore);
    expect(await sql('SELECT count(*) AS n FROM hub_idempotency WHERE entity_id IS NULL')).toEqual([
      { n: '0' },
    ]);
  });

  it('adds and ends memberships with one audit record per write', async () => {
    const auditBefore = await auditCount();
    const added = await regions.query<{ addMembership: { id: string; version: number } }>(
      'mutation ($input: AddMembershipInput!) { addMembership(input: $input) { id version } }',
      {
        input: {
          idempotencyKey: randomUUID(),
          organisation: 'cpmr',
          memberRegion: 'frh',
          role: 'member',
          since: '2020-01-01',
          source: 'Test source',
          sourceUrls: ['https://cpmr.org/'],
        },
      },
      admin,
    );
    expect(added.body.errors?.[0]?.extensions?.code).toBe('CONFLICT'); // Bretagne (FRH) is already seeded as a member
    const eurocities = await regions.query<{ addMembership: { id: string; version: number } }>(
      'mutation ($input: AddMembershipInput!) { addMembership(input: $input) { id version } }',
      {
        input: {
          idempotencyKey: randomUUID(),
          organisation: 'eurocities',
          memberRegion: 'FR10',
          since: '2020-01-01',
          source: 'Test source',
          sourceUrls: ['https://eurocities.eu/'],
        },
      },
      admin,
    );
    expect(eurocities.body.errors).toBeUndefined();
    const { id, version } = eurocities.body.data!.addMembership;
    const ended = await regions.query<{ endMembership: { until: string; version: number } }>(
      'mutation ($input: EndMembershipInput!) { endMembership(input: $input) { until version } }',
      { input: { id, version, until: '2025-12-31' } },
      admin,
    );
    expect(ended.body.data!.endMembership).toEqual({ until: '2025-12-31', version: version + 1 });
    // the read path (plain rows) gives the same calendar dates back, and the organisation
    const read = await regions.query<{
      region: {
        memberships: Array<{ id: string; since: string; until: string; organisation: { id: string } }>;
      };
    }>('{ region(code: "FR10") { memberships { id since until organisation { id } } } }');
    expect(read.body.data!.region.memberships.find((membership) => membership.id === id)).toEqual({
      id,
      since: '2020-01-01',
      until: '2025-12-31',
      organisation: { id: 'eurocities' },
    });
    expect(await auditCount()).toBe(auditBefore + 2);
    const log = await regions.query<{
      auditLog: {
        totalCount: number;
        edges: Array<{
          node: {
            action: string;
            subject: string;
            changedFields: string[];
            at: string;
            organisation: { id: string; name: string } | null;
          };
        }>;
      };
    }>(
      `{ auditLog(entity: "Membership", id: "${id}") { totalCount edges { node { action subject changedFields at organisation { id name } } } } }`,
      {},
      admin,
    );
    expect(log.body.data!.auditLog.edges.map((e) => e.node.action)).toEqual(['end', 'create']);
    expect(log.body.data!.auditLog.edges[0]!.node).toEqual({
      action: 'end',
      subject: 'admin-1',
      changedFields: ['until'],
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      // The admin acted for the Committee of the Regions: the record names it as an organisation object.
      organisation: { id: 'cor', name: expect.stringContaining('Committee of the Regions') },
    });
  });

  it('checks membership input: one member, not itself, calendar dates, until not before since', async () => {
    const ADD = 'mutation ($input: AddMembershipInput!) { addMembership(input: $input) { id version } }';
    const base = { source: 'A test that must not write', sourceUrls: [] as string[] };
    const membershipsBefore = await sql('SELECT count(*) AS n FROM membership');
    const both = await regions.query(
      ADD,
      {
        input: {
          ...base,
          idempotencyKey: randomUUID(),
          organisation: 'cpmr',
          memberRegion: 'FR10',
          memberOrganisation: 'aer',
        },
      },
      admin,
    );
    expect(both.body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: 'input.memberRegion', messages: ['give exactly one of memberRegion and memberOrganisation'] },
        {
          path: 'input.memberOrganisation',
          messages: ['give exactly one of memberRegion and memberOrganisation'],
        },
      ],
    });
    const itself = await regions.query(
      ADD,
      { input: { ...base, idempotencyKey: randomUUID(), organisation: 'cpmr', memberOrganisation: 'cpmr' } },
      admin,
    );
    expect(itself.body.errors![0]!.extensions!.fieldErrors).toEqual([
      { path: 'input.memberOrganisation', messages: ['an organisation cannot be a member of itself'] },
    ]);
    const unknownBoth = await regions.query(
      ADD,
      {
        input: {
          ...base,
          idempotencyKey: randomUUID(),
          organisation: 'nobody',
          memberOrganisation: 'no-one',
        },
      },
      admin,
    );
    expect(unknownBoth.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: 'input.organisation', messages: ['unknown organisation "nobody"'] },
        { path: 'input.memberOrganisation', messages: ['unknown organisation "no-one"'] },
      ],
      unknownKeys: ['nobody', 'no-one'],
    });
    const notADay = await regions.query(
      ADD,
      {
        input: {
          ...base,
          idempotencyKey: randomUUID(),
          organisation: 'aer',
          memberRegion: 'FR10',
          since: '2021-02-30',
        },
      },
      admin,
    );
    expect(notADay.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(notADay.body.errors![0]!.message).toContain('2021-02-30');
    expect(await sql('SELECT count(*) AS n FROM membership')).toEqual(membershipsBefore);

    const added = await regions.query<{ addMembership: { id: string; version: number } }>(
      ADD,
      {
        input: {
          ...base,
          idempotencyKey: randomUUID(),
          organisation: 'aer',
          memberRegion: 'FR10',
          since: '2021-03-01',
        },
      },
      admin,
    );
    expect(added.body.errors).toBeUndefined();
    const END = 'mutation ($input: EndMembershipInput!) { endMembership(input: $input) { until } }';
    const early = await regions.query(
      END,
      { input: { id: added.body.data!.addMembership.id, version: 1, until: '2021-02-28' } },
      admin,
    );
    expect(early.body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: 'input.until', messages: ['must not be before since (2021-03-01)'] }],
    });
    const notAnId = await regions.query(
      END,
      { input: { id: 'nope', version: 1, until: '2025-01-01' } },
      admin,
    );
    expect(notAnId.body.errors![0]!.extensions!.fieldErrors).toEqual([
      { path: 'input.id', messages: ['id must be the id of a membership (a UUID)'] },
    ]);
  });

  it('keeps the audit log append-only and readable by admins only', async () => {
    await expect(sql('UPDATE hub_audit_log SET action = ?', ['tampered'])).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM hub_audit_log')).rejects.toThrow(/append-only/);
    const editor = await regions.query('{ auditLog { totalCount } }', {}, cpmrEditor);
    expect(editor.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await regions.query('{ auditLog { totalCount } }');
    expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
