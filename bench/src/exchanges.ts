import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { SuggestedMentorsDocument } from '@hub/codegen';
import { databaseUrl, dropDatabase } from '@hub/kit';
import { newHubSecrets, startHub } from '@hub/local';
import { print } from 'graphql';
import { Client } from 'pg';
import { corEditorToken, graphql } from './bench-hub';

/**
 * Benchmark (prints figures, asserts nothing): `suggestedMentors` over 2,000 mentor applications through the
 * gateway (issue 15). A whole hub on fresh `bench_exchanges_*` databases (dropped at the end): a CoR programme
 * is created and opened and a mentee application for Wien (AT13) made through the gateway; the mentor
 * applications (spread over the EU NUTS 2 regions, so the evidence covers ~240 regions) are inserted by SQL.
 * Each request reads the 2,000 candidates, asks dialogue for the mentee's needs and ranks every candidate;
 * indicator values (kept a minute) and centroids (kept an hour) are asked of indicators and regions once, so the
 * first request (printed apart) pays both. Signed in as the organiser's editor, so never from the response
 * cache: one client alone (the latency of a request), then several at once. Uses DATABASE_URL when set, else the
 * embedded PostgreSQL in .data/. Run as production runs (`NODE_ENV=production`, as `npm run bench:exchanges` does).
 *   node bench/dist/exchanges.js [--mentors 2000] [--duration 10] [--connections 4]
 */
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/**
 * Inserts `count` SUBMITTED mentor applications of the seeded partner organisations over `territories` (one
 * statement; organisation × territory pairs never repeat).
 */
async function insertMentors(
  client: Client,
  programme: string,
  organisations: string[],
  territories: string[],
  count: number,
) {
  await client.query(
    `INSERT INTO application (id, programme_id, organisation, territory, role, areas, languages)
     SELECT gen_random_uuid(), $1::uuid, ($4::text[])[1 + n % array_length($4::text[], 1)],
            ($2::text[])[1 + (n / array_length($4::text[], 1)) % array_length($2::text[], 1)],
            'MENTOR',
            jsonb_build_array(jsonb_build_object('policyArea',
              (ARRAY['EMPLOYMENT_AND_SKILLS', 'HOUSING', 'EDUCATION_AND_TRAINING', 'HEALTH'])[1 + n % 4],
              'text', 'Bench offer')),
            CASE n % 3 WHEN 0 THEN ARRAY['de', 'en'] WHEN 1 THEN ARRAY['fr'] ELSE ARRAY['en'] END
     FROM generate_series(1, $3::int) AS n`,
    [programme, territories, count, organisations],
  );
  await client.query('ANALYZE application');
}

async function main(): Promise<void> {
  const mentors = option('mentors', 2_000);
  const duration = option('duration', 10);
  const connections = option('connections', 4);
  const prefix = `bench_exchanges_${randomBytes(3).toString('hex')}`;
  const secrets = newHubSecrets();
  console.error(`… starting the hub on ${prefix}_* databases`);
  const hub = await startHub({
    databaseServerUrl: process.env.DATABASE_URL,
    databasePrefix: prefix,
    secrets,
    logLevel: 'warn',
    exposeSqlStatementCount: true,
  });
  const clients: Client[] = [];
  const connect = async (subgraph: string) => {
    const client = new Client({
      connectionString: databaseUrl(hub.databaseServerUrl, `${prefix}_${subgraph}`),
    });
    client.on('error', () => undefined); // the databases are dropped at the end
    await client.connect();
    clients.push(client);
    return client;
  };
  try {
    const token = await corEditorToken(secrets.jwtSecret);
    const now = Date.now();
    type Ref = { id: string; version: number };
    const { createProgramme: draft } = await graphql<{ createProgramme: Ref }>(
      hub,
      'mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id version } }',
      {
        input: {
          idempotencyKey: randomUUID(),
          kind: 'MENTORING',
          title: 'Benchmark mentoring programme',
          policyAreas: ['EMPLOYMENT_AND_SKILLS', 'HOUSING'],
          languages: ['de', 'en'],
          applicationsOpenAt: new Date(now - 60_000).toISOString(),
          applicationsCloseAt: new Date(now + 86_400_000).toISOString(),
          startsOn: '2027-01-01',
          endsOn: '2027-12-31',
          places: 1000,
        },
      },
      token,
    );
    await graphql(
      hub,
      'mutation ($input: OpenProgrammeCallInput!) { openProgrammeCall(input: $input) { id } }',
      {
        input: { id: draft.id, version: draft.version },
      },
      token,
    );
    const { createApplication: mentee } = await graphql<{ createApplication: Ref }>(
      hub,
      'mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id version } }',
      {
        input: {
          idempotencyKey: randomUUID(),
          programme: draft.id,
          territory: 'AT13',
          role: 'MENTEE',
          areas: [{ policyArea: 'EMPLOYMENT_AND_SKILLS', text: 'Employment of recently arrived women' }],
          languages: ['de'],
        },
      },
      token,
    );
    const regionsDb = await connect('regions');
    const territories = (
      await regionsDb.query<{ code: string }>(
        'SELECT code FROM region WHERE level = 2 AND is_eu AND NOT is_extra_regio ORDER BY code',
      )
    ).rows.map((row) => row.code);
    const organisations = (
      await regionsDb.query<{ id: string }>(`SELECT id FROM organisation WHERE id <> 'cor' ORDER BY id`)
    ).rows.map((row) => row.id);
    console.error(
      `… inserting ${mentors} mentor applications over ${territories.length} EU NUTS 2 regions (${organisations.length} organisations)`,
    );
    await insertMentors(await connect('exchanges'), draft.id, organisations, territories, mentors);

    const body = JSON.stringify({
      query: print(SuggestedMentorsDocument),
      variables: { application: mentee.id, first: 10 },
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const statementsBefore = hub.subgraphs.exchanges!.sqlStatementsSent();
    const started = performance.now();
    const first = await fetch(hub.url, { method: 'POST', headers, body });
    const firstText = await first.text();
    const firstMs = performance.now() - started;
    const firstData = JSON.parse(firstText) as {
      data?: { suggestedMentors: { totalCount: number } };
      errors?: unknown;
    };
    if (!firstData.data) throw new Error(`suggestedMentors failed: ${firstText.slice(0, 2000)}`);
    const statements = hub.subgraphs.exchanges!.sqlStatementsSent() - statementsBefore;
    const request = { url: hub.url, method: 'POST' as const, headers, body };
    await autocannon({ ...request, duration: 2, connections }); // warm-up
    console.log(
      `\nsuggestedMentors(first: 10) over ${firstData.data.suggestedMentors.totalCount} mentor applications, through the gateway, signed in`,
    );
    console.log(
      `first request (cold caches): ${firstMs.toFixed(0)} ms, ${firstText.length} bytes; exchanges SQL statements: ${statements}`,
    );
    // one client alone (the latency of a request), then `connections` at once (throughput on this machine)
    for (const clients of [...new Set([1, connections])]) {
      const result = await autocannon({ ...request, duration, connections: clients });
      console.log(
        `${clients} connection${clients > 1 ? 's' : ''}, ${duration} s: ${result.requests.average.toFixed(1)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   errors ${result.errors + result.non2xx}`,
      );
    }
    console.log(`\n(node ${process.version}; aim: p50 under 100 ms)`);
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await hub.stop();
    for (const name of Object.keys(hub.subgraphs)) {
      await dropDatabase(hub.databaseServerUrl, `${prefix}_${name}`).catch(() => undefined);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
