import { GENERATED_NOTE } from './template';

// One PostgreSQL role per subgraph, owning that subgraph's database and nothing else: no superuser, no
// CREATEDB, no CREATEROLE, and CONNECT on its database revoked from PUBLIC, so a subgraph (or whoever took it
// over) reaches only its own data. The statements live here only: `npm run generate` writes them as the psql
// script infra/db/roles.sql (compose's `db-roles` service runs it; a Kubernetes administrator runs it once
// against the managed server), and the end-to-end test (infra/local/test/db-roles.e2e.ts) applies the same
// statements through the `pg` client.

/** The names of one subgraph's role and database (`hub_<name>` both; tests use their own prefix). */
export interface DatabaseRoleNames {
  role: string;
  database: string;
}

/** `hub_<name>` for role and database, or `<prefix><name>` (tests: names of their own). */
export function databaseRoleNames(subgraph: string, prefix = 'hub_'): DatabaseRoleNames {
  const name = `${prefix}${subgraph}`;
  // Role and database names are written into SQL unquoted: allow only what needs no quoting.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Refusing unusual role name "${name}"`);
  return { role: name, database: name };
}

/**
 * One statement of the script. `generates`: a query whose rows are statements to run in turn (psql's
 * `\gexec`), the way to run `CREATE ROLE` or `CREATE DATABASE` only when missing (`CREATE DATABASE` cannot
 * run inside a `DO` block, and neither has `IF NOT EXISTS`).
 */
export interface RoleStatement {
  sql: string;
  generates?: boolean;
}

/**
 * The statements that create or bring up to date one subgraph's role and database; safe to run again (an
 * existing role gets its attributes and password reset, an existing database its owner). `passwordSql` is
 * the password as a SQL literal: psql's `:'<name>_password'` in the script, an escaped literal in tests.
 */
export function databaseRoleStatements(names: DatabaseRoleNames, passwordSql: string): RoleStatement[] {
  const { role, database } = names;
  return [
    {
      sql: `SELECT 'CREATE ROLE ${role}' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}')`,
      generates: true,
    },
    // The attributes spelled out, so running the script again also takes back any that someone granted. A
    // managed service's administrator is no superuser, and only a superuser may name SUPERUSER, REPLICATION or
    // BYPASSRLS (even to say NO): those are taken back only when set, which only a superuser can have done.
    { sql: `ALTER ROLE ${role} WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD ${passwordSql}` },
    {
      sql: `SELECT 'ALTER ROLE ${role} WITH NOSUPERUSER NOREPLICATION NOBYPASSRLS' FROM pg_roles WHERE rolname = '${role}' AND (rolsuper OR rolreplication OR rolbypassrls)`,
      generates: true,
    },
    // Only a member of a role may make it a database's owner: an administrator who is no superuser joins it
    // (PostgreSQL 16 gives the creator of a role only ADMIN OPTION on it, no USAGE or SET).
    {
      sql: `SELECT 'GRANT ${role} TO ' || quote_ident(current_user) WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, '${role}', 'USAGE')`,
      generates: true,
    },
    {
      sql: `SELECT 'CREATE DATABASE ${database} OWNER ${role}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${database}')`,
      generates: true,
    },
    // The owner may create its tables, functions and the trusted extensions its migrations need (pg_trgm,
    // unaccent) without superuser.
    { sql: `ALTER DATABASE ${database} OWNER TO ${role}` },
    // By default every role may connect to every database: only the owner (and superusers) may here.
    { sql: `REVOKE ALL ON DATABASE ${database} FROM PUBLIC` },
  ];
}

/** The psql variable holding a subgraph's password (`-v events_password=…`). */
export function passwordVariable(subgraph: string): string {
  return `${subgraph}_password`;
}

/** The environment variable the script reads a subgraph's password from (infra/.env, `npm run keys`). */
export function passwordEnvName(subgraph: string): string {
  return `HUB_${subgraph.toUpperCase()}_DATABASE_PASSWORD`;
}

/** infra/db/roles.sql: the statements of every subgraph as one idempotent psql script. */
export function databaseRolesScript(subgraphs: ReadonlyArray<{ name: string }>): string {
  const lines = [
    `-- ${GENERATED_NOTE} (schema/src/generate/database-roles.ts)`,
    '--',
    '-- One role per subgraph (LOGIN, not superuser, NOCREATEDB, NOCREATEROLE) owning its database, which no other',
    '-- role may connect to. Run it as an administrator of the PostgreSQL server (a superuser, or a role with',
    '-- CREATEROLE and CREATEDB as managed services give) with psql 14 or later. It is idempotent: run it again',
    '-- after adding a subgraph or to change a password. Each password comes from psql variable <name>_password',
    '-- or, when not given, from the environment variable HUB_<NAME>_DATABASE_PASSWORD (`npm run -s keys -w',
    '-- @hub/local` prints them):',
    '--',
    '--   psql "postgres://<admin>@<host>:5432/postgres" -f infra/db/roles.sql',
    '--',
    "-- Compose runs it in its `db-roles` service before any subgraph starts. A subgraph's DATABASE_URL is then",
    '-- postgres://hub_<name>:<password>@<host>:5432/hub_<name>.',
    '',
    '\\set ON_ERROR_STOP on',
  ];
  for (const { name } of subgraphs) {
    const variable = passwordVariable(name);
    const env = passwordEnvName(name);
    const names = databaseRoleNames(name);
    lines.push(
      '',
      `-- ${name}: role and database ${names.role}`,
      `\\if :{?${variable}}`,
      '\\else',
      `  \\getenv ${variable} ${env}`,
      '\\endif',
      `\\if :{?${variable}}`,
      '\\else',
      // psql's \quit always exits 0: an exception makes it stop with an error (ON_ERROR_STOP).
      `  DO $$ BEGIN RAISE EXCEPTION 'No password for ${names.role}: set ${env} or give -v ${variable}=...'; END $$;`,
      '\\endif',
    );
    for (const statement of databaseRoleStatements(names, `:'${variable}'`)) {
      lines.push(statement.generates ? `${statement.sql} \\gexec` : `${statement.sql};`);
    }
  }
  return `${lines.join('\n')}\n`;
}
