-- generated from schema/subgraphs.json by npm run generate; do not edit (schema/src/generate/database-roles.ts)
--
-- One role per subgraph (LOGIN, not superuser, NOCREATEDB, NOCREATEROLE) owning its database, which no other
-- role may connect to. Run it as an administrator of the PostgreSQL server (a superuser, or a role with
-- CREATEROLE and CREATEDB as managed services give) with psql 14 or later. It is idempotent: run it again
-- after adding a subgraph or to change a password. Each password comes from psql variable <name>_password
-- or, when not given, from the environment variable HUB_<NAME>_DATABASE_PASSWORD (`npm run -s keys -w
-- @hub/local` prints them):
--
--   psql "postgres://<admin>@<host>:5432/postgres" -f infra/db/roles.sql
--
-- Compose runs it in its `db-roles` service before any subgraph starts. A subgraph's DATABASE_URL is then
-- postgres://hub_<name>:<password>@<host>:5432/hub_<name>.

\set ON_ERROR_STOP on

-- regions: role and database hub_regions
\if :{?regions_password}
\else
  \getenv regions_password HUB_REGIONS_DATABASE_PASSWORD
\endif
\if :{?regions_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'No password for hub_regions: set HUB_REGIONS_DATABASE_PASSWORD or give -v regions_password=...'; END $$;
\endif
SELECT 'CREATE ROLE hub_regions' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_regions') \gexec
ALTER ROLE hub_regions WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'regions_password';
SELECT 'ALTER ROLE hub_regions WITH NOSUPERUSER NOREPLICATION NOBYPASSRLS' FROM pg_roles WHERE rolname = 'hub_regions' AND (rolsuper OR rolreplication OR rolbypassrls) \gexec
SELECT 'GRANT hub_regions TO ' || quote_ident(current_user) WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, 'hub_regions', 'USAGE') \gexec
SELECT 'CREATE DATABASE hub_regions OWNER hub_regions' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hub_regions') \gexec
ALTER DATABASE hub_regions OWNER TO hub_regions;
REVOKE ALL ON DATABASE hub_regions FROM PUBLIC;

-- events: role and database hub_events
\if :{?events_password}
\else
  \getenv events_password HUB_EVENTS_DATABASE_PASSWORD
\endif
\if :{?events_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'No password for hub_events: set HUB_EVENTS_DATABASE_PASSWORD or give -v events_password=...'; END $$;
\endif
SELECT 'CREATE ROLE hub_events' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_events') \gexec
ALTER ROLE hub_events WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'events_password';
SELECT 'ALTER ROLE hub_events WITH NOSUPERUSER NOREPLICATION NOBYPASSRLS' FROM pg_roles WHERE rolname = 'hub_events' AND (rolsuper OR rolreplication OR rolbypassrls) \gexec
SELECT 'GRANT hub_events TO ' || quote_ident(current_user) WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, 'hub_events', 'USAGE') \gexec
SELECT 'CREATE DATABASE hub_events OWNER hub_events' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hub_events') \gexec
ALTER DATABASE hub_events OWNER TO hub_events;
REVOKE ALL ON DATABASE hub_events FROM PUBLIC;

-- forum: role and database hub_forum
\if :{?forum_password}
\else
  \getenv forum_password HUB_FORUM_DATABASE_PASSWORD
\endif
\if :{?forum_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'No password for hub_forum: set HUB_FORUM_DATABASE_PASSWORD or give -v forum_password=...'; END $$;
\endif
SELECT 'CREATE ROLE hub_forum' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_forum') \gexec
ALTER ROLE hub_forum WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'forum_password';
SELECT 'ALTER ROLE hub_forum WITH NOSUPERUSER NOREPLICATION NOBYPASSRLS' FROM pg_roles WHERE rolname = 'hub_forum' AND (rolsuper OR rolreplication OR rolbypassrls) \gexec
SELECT 'GRANT hub_forum TO ' || quote_ident(current_user) WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, 'hub_forum', 'USAGE') \gexec
SELECT 'CREATE DATABASE hub_forum OWNER hub_forum' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hub_forum') \gexec
ALTER DATABASE hub_forum OWNER TO hub_forum;
REVOKE ALL ON DATABASE hub_forum FROM PUBLIC;

-- indicators: role and database hub_indicators
\if :{?indicators_password}
\else
  \getenv indicators_password HUB_INDICATORS_DATABASE_PASSWORD
\endif
\if :{?indicators_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'No password for hub_indicators: set HUB_INDICATORS_DATABASE_PASSWORD or give -v indicators_password=...'; END $$;
\endif
SELECT 'CREATE ROLE hub_indicators' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_indicators') \gexec
ALTER ROLE hub_indicators WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'indicators_password';
SELECT 'ALTER ROLE hub_indicators WITH NOSUPERUSER NOREPLICATION NOBYPASSRLS' FROM pg_roles WHERE rolname = 'hub_indicators' AND (rolsuper OR rolreplication OR rolbypassrls) \gexec
SELECT 'GRANT hub_indicators TO ' || quote_ident(current_user) WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, 'hub_indicators', 'USAGE') \gexec
SELECT 'CREATE DATABASE hub_indicators OWNER hub_indicators' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hub_indicators') \gexec
ALTER DATABASE hub_indicators OWNER TO hub_indicators;
REVOKE ALL ON DATABASE hub_indicators FROM PUBLIC;

-- dialogue: role and database hub_dialogue
\if :{?dialogue_password}
\else
  \getenv dialogue_password HUB_DIALOGUE_DATABASE_PASSWORD
\endif
\if :{?dialogue_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'No password for hub_dialogue: set HUB_DIALOGUE_DATABASE_PASSWORD or give -v dialogue_password=...'; END $$;
\endif
SELECT 'CREATE ROLE hub_dialogue' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_dialogue') \gexec
ALTER ROLE hub_dialogue WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'dialogue_password';
SELECT 'ALTER ROLE hub_dialogue WITH NOSUPERUSER NOREPLICATION NOBYPASSRLS' FROM pg_roles WHERE rolname = 'hub_dialogue' AND (rolsuper OR rolreplication OR rolbypassrls) \gexec
SELECT 'GRANT hub_dialogue TO ' || quote_ident(current_user) WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, 'hub_dialogue', 'USAGE') \gexec
SELECT 'CREATE DATABASE hub_dialogue OWNER hub_dialogue' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hub_dialogue') \gexec
ALTER DATABASE hub_dialogue OWNER TO hub_dialogue;
REVOKE ALL ON DATABASE hub_dialogue FROM PUBLIC;

-- library: role and database hub_library
\if :{?library_password}
\else
  \getenv library_password HUB_LIBRARY_DATABASE_PASSWORD
\endif
\if :{?library_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'No password for hub_library: set HUB_LIBRARY_DATABASE_PASSWORD or give -v library_password=...'; END $$;
\endif
SELECT 'CREATE ROLE hub_library' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_library') \gexec
ALTER ROLE hub_library WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'library_password';
SELECT 'ALTER ROLE hub_library WITH NOSUPERUSER NOREPLICATION NOBYPASSRLS' FROM pg_roles WHERE rolname = 'hub_library' AND (rolsuper OR rolreplication OR rolbypassrls) \gexec
SELECT 'GRANT hub_library TO ' || quote_ident(current_user) WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, 'hub_library', 'USAGE') \gexec
SELECT 'CREATE DATABASE hub_library OWNER hub_library' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hub_library') \gexec
ALTER DATABASE hub_library OWNER TO hub_library;
REVOKE ALL ON DATABASE hub_library FROM PUBLIC;

-- exchanges: role and database hub_exchanges
\if :{?exchanges_password}
\else
  \getenv exchanges_password HUB_EXCHANGES_DATABASE_PASSWORD
\endif
\if :{?exchanges_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'No password for hub_exchanges: set HUB_EXCHANGES_DATABASE_PASSWORD or give -v exchanges_password=...'; END $$;
\endif
SELECT 'CREATE ROLE hub_exchanges' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_exchanges') \gexec
ALTER ROLE hub_exchanges WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'exchanges_password';
SELECT 'ALTER ROLE hub_exchanges WITH NOSUPERUSER NOREPLICATION NOBYPASSRLS' FROM pg_roles WHERE rolname = 'hub_exchanges' AND (rolsuper OR rolreplication OR rolbypassrls) \gexec
SELECT 'GRANT hub_exchanges TO ' || quote_ident(current_user) WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, 'hub_exchanges', 'USAGE') \gexec
SELECT 'CREATE DATABASE hub_exchanges OWNER hub_exchanges' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hub_exchanges') \gexec
ALTER DATABASE hub_exchanges OWNER TO hub_exchanges;
REVOKE ALL ON DATABASE hub_exchanges FROM PUBLIC;
