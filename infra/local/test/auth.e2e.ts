import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  ANONYMOUS,
  databaseUrl,
  GATEWAY_ISSUER,
  INTERNAL_TOKEN_HEADER,
  parsePrivateKey,
  signInternalToken,
  subgraphIdentity,
} from '@hub/kit';
import { postGraphQL } from '@hub/kit/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gatewayInternalToken, startTestHub, TEST_SECRETS, type TestHub } from './harness';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

async function regionsSql<T = Record<string, unknown>>(text: string): Promise<T[]> {
  const orm = hub.subgraphs.regions!.orm;
  const name = orm.config.get('dbName') ?? '';
  const client = new Client({ connectionString: databaseUrl(inject('databaseServerUrl'), name) });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      id
      description
      version
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation Create($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      name
      version
    }
  }
`;
const AUDIT = /* GraphQL */ `
  query Audit($id: ID) {
    auditLog(id: $id) {
      totalCount
      edges {
        node {
          entity
          entityId
          action
          subject
          organisation {
            id
          }
          changedFields
        }
      }
    }
  }
`;

async function versionOf(id: string): Promise<number> {
  const { body } = await hub.query<{ organisation: { version: number } }, { id: string }>(
    'query ($id: ID!) { organisation(id: $id) { version } }',
    { id },
  );
  return body.data!.organisation.version;
}

describe('identity through the gateway', () => {
  it('lets anonymous callers read and answers their writes with UNAUTHENTICATED', async () => {
    const read = await hub.query('{ organisation(id: "cpmr") { name } }');
    expect(read.body.data).toEqual({ organisation: { name: expect.stringContaining('Peripheral') } });
    const write = await hub.query(UPDATE, {
      input: { id: 'cpmr', version: 1, description: 'Anonymous change attempt.' },
    });
    expect(write.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a bad signature', async () => (await hub.token('cpmr', ['editor'])).slice(0, -4) + 'AAAA'],
    ['an expired token', () => hub.token('cpmr', ['editor'], { ttlSeconds: -60 })],
    ['a wrong audience', () => hub.token('cpmr', ['editor'], { audience: 'another-hub' })],
    ['a wrong issuer', () => hub.token('cpmr', ['editor'], { issuer: 'someone-else' })],
    [
      'another secret',
      () => hub.token('cpmr', ['admin'], { secret: 'another-secret-of-at-least-32-characters!' }),
    ],
    ['garbage', async () => 'not-a-jwt'],
  ])('refuses %s with HTTP 401 UNAUTHENTICATED, never as anonymous', async (_name, makeToken) => {
    const { status, body } = await hub.query('{ organisation(id: "cpmr") { name } }', {}, await makeToken());
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it("never lets organisation A's editor change organisation B's record, by any path", async () => {
    const before = await regionsSql("SELECT * FROM organisation WHERE id = 'eurocities'");
    const token = await hub.token('cpmr', ['editor']);
    const direct = await hub.query(
      UPDATE,
      {
        input: { id: 'eurocities', version: await versionOf('eurocities'), description: 'Changed by CPMR.' },
      },
      token,
    );
    expect(direct.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    // Clients cannot reach _entities through the gateway at all.
    const entities = await hub.query(
      'query { _entities(representations: [{ __typename: "Organisation", id: "eurocities" }]) { __typename } }',
      {},
      token,
    );
    expect(entities.status).toBe(400);
    expect(entities.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Calling the subgraph directly: without the internal token, with forged headers, with the client token.
    const regionsUrl = hub.subgraphs.regions!.url;
    const input = {
      id: 'eurocities',
      version: await versionOf('eurocities'),
      description: 'Changed directly.',
    };
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-user': 'admin', 'x-hub-roles': 'admin', 'x-hub-organisation': 'eurocities' },
      { authorization: `Bearer ${await hub.token('eurocities', ['admin'])}` },
      { 'x-hub-internal-token': await hub.token('eurocities', ['admin']) },
    ];
    for (const headers of attempts) {
      const { status, body } = await postGraphQL(regionsUrl, UPDATE, { input }, headers);
      expect(status).toBe(401);
      expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    expect(await regionsSql("SELECT * FROM organisation WHERE id = 'eurocities'")).toEqual(before);
  });

  it('lets an editor change its own organisation, with exactly one audit record', async () => {
    const token = await hub.token('cpmr', ['editor']);
    const version = await versionOf('cpmr');
    const { body } = await hub.query<{ updateOrganisation: { version: number } }, Record<string, unknown>>(
      UPDATE,
      { input: { id: 'cpmr', version, description: 'Conference of Peripheral Maritime Regions of Europe.' } },
      token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.updateOrganisation.version).toBe(version + 1);
    const stale = await hub.query(
      UPDATE,
      { input: { id: 'cpmr', version, description: 'A stale second edit.' } },
      token,
    );
    expect(stale.body.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: version + 1,
    });
    const admin = await hub.token('cor', ['admin']);
    const audit = await hub.query<
      { auditLog: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } },
      { id: string }
    >(AUDIT, { id: 'cpmr' }, admin);
    expect(audit.body.data!.auditLog.totalCount).toBe(1);
    expect(audit.body.data!.auditLog.edges[0]!.node).toEqual({
      entity: 'Organisation',
      entityId: 'cpmr',
      action: 'update',
      subject: 'cpmr-editor-test',
      organisation: { id: 'cpmr' },
      changedFields: ['description'],
    });
    const forbidden = await hub.query(AUDIT, { id: 'cpmr' }, token);
    expect(forbidden.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('creates once for an idempotent retry and reports invalid input by field, writing nothing', async () => {
    const admin = await hub.token('cor', ['admin']);
    const input = {
      idempotencyKey: randomUUID(),
      id: 'region-bretagne',
      name: 'Région Bretagne',
      kind: 'REGION',
      description: 'The regional council of Brittany, a CPMR member region.',
      websiteUrl: 'https://www.bretagne.bzh/',
    };
    const first = await hub.query(CREATE, { input }, admin);
    const retry = await hub.query(CREATE, { input }, admin);
    expect(first.body.errors).toBeUndefined();
    expect(retry.body.data).toEqual(first.body.data);
    const audit = await hub.query<{ auditLog: { totalCount: number } }, { id: string }>(
      AUDIT,
      { id: 'region-bretagne' },
      admin,
    );
    expect(audit.body.data!.auditLog.totalCount).toBe(1);

    const invalid = await hub.query(
      CREATE,
      { input: { ...input, idempotencyKey: randomUUID(), id: 'Not Valid', websiteUrl: 'ftp://x' } },
      admin,
    );
    expect(invalid.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const fieldErrors = invalid.body.errors![0]!.extensions!.fieldErrors as Array<{ path: string }>;
    expect(fieldErrors.map((f) => f.path).sort()).toEqual(['input.id', 'input.websiteUrl']);
    expect(await regionsSql("SELECT id FROM organisation WHERE id = 'Not Valid'")).toEqual([]);
  });
});

describe('contributions through the gateway', () => {
  const RECORD = /* GraphQL */ `
    mutation Record($input: RecordObservationsInput!) {
      recordObservations(input: $input) {
        id
        observations {
          region {
            code
            name
          }
          value
        }
      }
    }
  `;
  const row = (region: string, value: number) => ({
    indicator: 'employment_rate_20_64',
    region,
    period: 2020,
    breakdown: 'FOREIGN_BORN',
    value,
  });

  it('checks region codes against the regions subgraph: a real region is recorded, XX99 is refused by row', async () => {
    const token = await hub.token('cpmr', ['contributor']);
    const ok = await hub.query<
      {
        recordObservations: {
          observations: Array<{ region: { code: string; name: string }; value: number }>;
        };
      },
      Record<string, unknown>
    >(RECORD, { input: { idempotencyKey: randomUUID(), observations: [row('FR10', 62.5)] } }, token);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.recordObservations.observations).toEqual([
      { region: { code: 'FR10', name: 'Ile-de-France' }, value: 62.5 },
    ]);

    const unknown = await hub.query(
      RECORD,
      { input: { idempotencyKey: randomUUID(), observations: [row('FR10', 63), row('XX99', 50)] } },
      token,
    );
    expect(unknown.body.data ?? null).toBeNull();
    expect(unknown.body.errors![0]!.message).toMatch(/^Invalid input: input\.observations\[1\].*XX99/);
    expect(unknown.body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        {
          path: expect.stringMatching(/^input\.observations\[1\]/),
          messages: [expect.stringContaining('XX99')],
        },
      ],
      unknownKeys: ['XX99'],
    });
  });
});

describe('npm run token', () => {
  it('prints a token the hub accepts for the given organisation and role', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-token-'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        path.resolve(__dirname, '../dist/token.js'),
        '--org',
        'cpmr',
        '--role',
        'editor',
        '--name',
        'CPMR editor',
        '--ttl',
        '5m',
      ],
      { env: { ...process.env, HUB_DATA_DIR: dataDir, JWT_SECRET: TEST_SECRETS.jwtSecret } },
    );
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const { body } = await hub.query(
      UPDATE,
      {
        input: {
          id: 'eurocities',
          version: await versionOf('eurocities'),
          description: 'Should be forbidden.',
        },
      },
      token,
    );
    expect(body.errors![0]!.extensions!.code).toBe('FORBIDDEN'); // signed in as CPMR's editor, not anonymous
  });

  it('refuses unknown roles with usage help', async () => {
    const run = promisify(execFile)(process.execPath, [
      path.resolve(__dirname, '../dist/token.js'),
      '--org',
      'cpmr',
      '--role',
      'owner',
    ]);
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown role(s): owner'),
    });
  });
});

describe('internal identity between the running services', () => {
  /** A request straight to a subgraph of the running hub with `token` as its internal token. */
  const direct = (subgraph: string, token: string) =>
    postGraphQL(hub.subgraphs[subgraph]!.url, '{ __typename }', {}, { [INTERNAL_TOKEN_HEADER]: token });
  const admin = {
    subject: 'intruder',
    displayName: 'Intruder',
    organisationId: 'cor',
    roles: ['admin' as const],
  };
  /** The hub's own key pair of `subgraph` (startHub made it), as the signer of its tokens. */
  const keyOf = (subgraph: string) => parsePrivateKey(TEST_SECRETS.subgraphKeys[subgraph]!.privateKey);

  it('takes the gateway-signed token of one subgraph only', async () => {
    expect((await direct('regions', await gatewayInternalToken(ANONYMOUS, 'regions'))).status).toBe(200);
    const forEvents = await direct('regions', await gatewayInternalToken(admin, 'events'));
    expect(forEvents.status).toBe(401);
    expect(forEvents.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("refuses a subgraph's key posing as the gateway, and a peer token that carries a person", async () => {
    const events = keyOf('events');
    const attempts = [
      // the events subgraph's own key, claiming to be the gateway
      await signInternalToken(
        admin,
        { issuer: GATEWAY_ISSUER, privateKey: events },
        subgraphIdentity('regions'),
      ),
      // events as itself (a peer regions trusts), but acting for an admin
      await signInternalToken(
        admin,
        { issuer: subgraphIdentity('events'), privateKey: events },
        subgraphIdentity('regions'),
      ),
      // regions as a peer of events: regions lists no peers, so events does not trust it
      await signInternalToken(
        ANONYMOUS,
        { issuer: subgraphIdentity('regions'), privateKey: keyOf('regions') },
        subgraphIdentity('events'),
      ),
    ];
    for (const [index, token] of attempts.entries()) {
      const answer = await direct(index === 2 ? 'events' : 'regions', token);
      expect(answer.status).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // what peers.ts sends: events, anonymous, for the regions audience
    const peerCall = await signInternalToken(
      ANONYMOUS,
      { issuer: subgraphIdentity('events'), privateKey: events },
      subgraphIdentity('regions'),
    );
    expect((await direct('regions', peerCall)).status).toBe(200);
  });
});
