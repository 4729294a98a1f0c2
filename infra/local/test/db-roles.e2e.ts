import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ANONYMOUS,
  createLogger,
  INTERNAL_TOKEN_HEADER,
  startSubgraph,
  withClient,
  type RunningSubgraph,
} from '@hub/kit';
import { postGraphQL } from '@hub/kit/testing';
import {
  databaseRoleNames,
  databaseRoleStatements,
  passwordEnvName,
  type DatabaseRoleNames,
} from '@hub/schema';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { internalKeysOf, loadHubSubgraphs, REPO_ROOT } from '../src/hub';
import { gatewayInternalToken, TEST_SECRETS } from './harness';

// The per-subgraph database roles of infra/db/roles.sql (compose's db-roles service, the Kubernetes
// administrator), applied to the test run's real PostgreSQL under names of this file's own: real subgraphs
// then create nothing, migrate, seed and serve as their own role, which can neither create a database, nor act
// as superuser, nor connect to another subgraph's database.

const serverUrl = inject('databaseServerUrl');
/** Names of this run only: roles are server-wide, and other test files may run against the same server. */
const prefix = `hub_t_roles_${randomBytes(3).toString('hex')}_`;
/** library's migrations create the extensions pg_trgm and unaccent: the owner may, being trusted ones. */
const SUBGRAPHS = ['regions', 'events', 'library'] as const;
type Name = (typeof SUBGRAPHS)[number];

const roles = Object.fromEntries(SUBGRAPHS.map((name) => [name, databaseRoleNames(name, prefix)])) as Record<
  Name,
  DatabaseRoleNames
>;
const passwords = Object.fromEntries(
  SUBGRAPHS.map((name) => [name, randomBytes(24).toString('hex')]),
) as Record<Name, string>;

/** A URL of the test server as `name`'s role, on `database` (default: its own). */
function roleUrl(name: Name, database = roles[name].database): string {
  const url = new URL(serverUrl);
  url.username = roles[name].role;
  url.password = passwords[name];
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs the statements of infra/db/roles.sql for one subgraph, as psql would (`\gexec` runs each row). */
async function applyRoleStatements(admin: Client, name: Name): Promise<void> {
  for (const statement of databaseRoleStatements(roles[name], admin.escapeLiteral(passwords[name]))) {
    const result = await admin.query<Record<string, string>>(statement.sql);
    if (!statement.generates) continue;
    for (const row of result.rows) await admin.query(Object.values(row)[0]!);
  }
}

const running: RunningSubgraph[] = [];

/**
 * The administrator as a managed service has one: CREATEROLE and CREATEDB, no superuser (the psql test below
 * runs the script as the superuser, as compose does).
 */
const administrator = { role: `${prefix}admin`, password: randomBytes(24).toString('hex') };

function administratorUrl(): string {
  const url = new URL(serverUrl);
  url.username = administrator.role;
  url.password = administrator.password;
  return url.toString();
}

beforeAll(async () => {
  await withClient(serverUrl, (superuser) =>
    superuser.query(
      `CREATE ROLE ${administrator.role} LOGIN CREATEROLE CREATEDB PASSWORD ${superuser.escapeLiteral(administrator.password)}`,
    ),
  );
  await withClient(administratorUrl(), async (admin) => {
    for (const name of SUBGRAPHS) await applyRoleStatements(admin, name);
    // Idempotent: a second run (compose runs db-roles on every `up`) changes nothing and fails on nothing.
    for (const name of SUBGRAPHS) await applyRoleStatements(admin, name);
  });
  const hubSubgraphs = loadHubSubgraphs();
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPHS) {
    const { entry, definition } = hubSubgraphs.find((subgraph) => subgraph.entry.name === name)!;
    // As compose starts it: DATABASE_URL names its own role and database, MIGRATE_ON_START is on.
    const subgraph = await startSubgraph(definition, {
      port: 0,
      host: '127.0.0.1',
      databaseServerUrl: roleUrl(name),
      databaseName: roles[name].database,
      internalKeys: internalKeysOf(name, hubSubgraphs, TEST_SECRETS),
      logger: createLogger(name, 'warn'),
      peers: Object.fromEntries(entry.peers.filter((peer) => urls[peer]).map((peer) => [peer, urls[peer]!])),
    });
    running.push(subgraph);
    urls[name] = subgraph.url;
  }
}, 240_000);

afterAll(async () => {
  for (const subgraph of running.reverse()) await subgraph.stop();
  await withClient(serverUrl, async (admin) => {
    for (const name of SUBGRAPHS) {
      await admin.query(`DROP DATABASE IF EXISTS ${roles[name].database} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${roles[name].role}`);
    }
    await admin.query(`DROP ROLE IF EXISTS ${administrator.role}`);
  });
}, 60_000);

describe('one database role per subgraph', () => {
  it('lets each subgraph migrate, seed and serve as its own role, owner of what it created', async () => {
    const token = await gatewayInternalToken(ANONYMOUS, 'events');
    const events = running.find((subgraph) => subgraph.name === 'events')!;
    const { status, body } = await postGraphQL<{ events: { totalCount: number } }>(
      events.url,
      '{ events { totalCount } }',
      {},
      { [INTERNAL_TOKEN_HEADER]: token },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.events.totalCount).toBeGreaterThan(0); // the seeded milestones

    for (const name of SUBGRAPHS) {
      await withClient(roleUrl(name), async (client) => {
        const { rows } = await client.query<{ owner: string; tables: string }>(
          `SELECT pg_get_userbyid(datdba) AS owner,
                  (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS tables
             FROM pg_database WHERE datname = current_database()`,
        );
        expect(rows[0]!.owner, name).toBe(roles[name].role);
        expect(Number(rows[0]!.tables), name).toBeGreaterThan(0);
      });
    }
    // library's full-text search needs them; its role created them without superuser
    await withClient(roleUrl('library'), async (client) => {
      const { rows } = await client.query<{ extname: string }>(
        `SELECT extname FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent') ORDER BY extname`,
      );
      expect(rows.map((row) => row.extname)).toEqual(['pg_trgm', 'unaccent']);
    });
  });

  it('gives a role no superuser, CREATEDB, CREATEROLE or replication, and refuses CREATE DATABASE', async () => {
    await withClient(roleUrl('events'), async (client) => {
      const { rows } = await client.query(
        `SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin
           FROM pg_roles WHERE rolname = current_user`,
      );
      expect(rows[0]).toEqual({
        rolsuper: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolreplication: false,
        rolbypassrls: false,
        rolcanlogin: true,
      });
      // 42501 insufficient_privilege
      await expect(client.query(`CREATE DATABASE ${prefix}intruder`)).rejects.toMatchObject({
        code: '42501',
      });
      await expect(client.query(`CREATE ROLE ${prefix}intruder`)).rejects.toMatchObject({ code: '42501' });
    });
  });

  it("refuses a subgraph's role a connection to another subgraph's database", async () => {
    for (const [name, other] of [
      ['events', 'regions'],
      ['regions', 'library'],
      ['library', 'events'],
    ] as const) {
      await expect(
        withClient(roleUrl(name, roles[other].database), async () => undefined),
        `${name} → ${other}`,
      ).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('permission denied for database'),
      });
    }
  });
});

// The generated script itself, through psql when the machine has one (the statements above are its own).
const hasPsql = spawnSync('psql', ['--version']).status === 0;

describe.runIf(hasPsql)('infra/db/roles.sql through psql', () => {
  /** The script with this file's names (hub_regions → <prefix>psql_regions …). */
  const script = readFileSync(path.join(REPO_ROOT, 'infra/db/roles.sql'), 'utf8').replace(
    /\bhub_(?=[a-z])/g,
    `${prefix}psql_`,
  );
  /** psql as compose's db-roles service runs it, the script on stdin. */
  const runScript = (env: NodeJS.ProcessEnv) => {
    const result = spawnSync('psql', ['--no-psqlrc', '--quiet', '--dbname', serverUrl, '--file', '-'], {
      input: script,
      env,
      encoding: 'utf8',
    });
    return { code: result.status, stderr: result.stderr };
  };

  it('runs twice without error and refuses to run without a password', async () => {
    const all = loadHubSubgraphs().map(({ entry }) => entry.name);
    const env = {
      ...process.env,
      ...Object.fromEntries(all.map((name) => [passwordEnvName(name), randomBytes(12).toString('hex')])),
    };
    try {
      expect(runScript(env)).toMatchObject({ code: 0, stderr: '' });
      expect(runScript(env)).toMatchObject({ code: 0, stderr: '' });
      const { [passwordEnvName('forum')]: _forum, ...withoutForum } = env;
      const refused = runScript(withoutForum);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`No password for ${prefix}psql_forum`);
      await withClient(serverUrl, async (admin) => {
        const { rows } = await admin.query<{ datname: string; owner: string; datacl: string }>(
          `SELECT datname, pg_get_userbyid(datdba) AS owner, datacl::text FROM pg_database WHERE datname LIKE $1`,
          [`${prefix}psql_%`],
        );
        expect(rows).toHaveLength(all.length);
        for (const row of rows) {
          expect(row.owner).toBe(row.datname);
          expect(row.datacl).not.toMatch(/(^|[{,])=/); // no grant to PUBLIC
        }
      });
    } finally {
      await withClient(serverUrl, async (admin) => {
        for (const name of all) {
          await admin.query(`DROP DATABASE IF EXISTS ${prefix}psql_${name} WITH (FORCE)`);
          await admin.query(`DROP ROLE IF EXISTS ${prefix}psql_${name}`);
        }
      });
    }
  }, 60_000);
});
