import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { ConsultationResultsDocument, NeedsMapDocument } from '@hub/codegen';
import { CACHE_STATUS_HEADER, DEFAULT_RESPONSE_CACHE_SETTINGS } from '@hub/gateway';
import { databaseUrl, dropDatabase } from '@hub/kit';
import { newHubSecrets, type RunningHub, startHub } from '@hub/local';
import { print } from 'graphql';
import { Client } from 'pg';
import { corEditorToken, graphql } from './bench-hub';

/**
 * Benchmark (prints figures, asserts nothing): the published results of one consultation and the needs map,
 * through the gateway, over 10,000 responses × 20 questions (issue 13). A whole hub on fresh `bench_dialogue_*`
 * databases (dropped at the end): a needs assessment of the CoR with 20 questions (8 SCALE tagged with policy
 * areas, 4 SINGLE_CHOICE, 4 MULTIPLE_CHOICE, 3 NUMBER, 1 FREE_TEXT) is created and opened through the gateway;
 * the responses (spread over the EU NUTS 3 regions) and their 200,000 answers are inserted by SQL, as
 * dialogue's own statement-count test does; then it is closed and published through the gateway. Published
 * results are computed once per process and kept, so the first request (printed apart) pays the aggregate
 * statement. Each query runs signed in (never cached: the subgraphs compute every request) and anonymous (the
 * gateway's response cache answers until a write reaches the subgraph). Uses DATABASE_URL when set, else the
 * embedded PostgreSQL in .data/. Run as production runs (`NODE_ENV=production`, as `npm run bench:dialogue` does).
 *   node bench/dist/dialogue.js [--responses 10000] [--duration 10] [--connections 4]
 */
function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const SCALE_LABELS = ['No need', 'Low', 'Moderate', 'High', 'Severe'];
const POLICY_AREAS = [
  'HOUSING',
  'HEALTH',
  'EDUCATION_AND_TRAINING',
  'EMPLOYMENT_AND_SKILLS',
  'PARTNERSHIPS',
  'PARTICIPATION_AND_ENCOUNTERS_WITH_HOST_SOCIETY',
  'NEW_TECHNOLOGIES_AND_DIGITAL_TOOLS',
  'MONITORING_PROGRESS',
];

/** The 20 questions: 8 SCALE (one per policy area), 4 SINGLE_CHOICE, 4 MULTIPLE_CHOICE, 3 NUMBER, 1 FREE_TEXT. */
function questions(): Array<Record<string, unknown>> {
  return [
    ...POLICY_AREAS.map((policyArea) => ({
      kind: 'SCALE',
      prompt: `How severe is the need in ${policyArea.toLowerCase().replace(/_/g, ' ')}?`,
      required: true,
      scaleLabels: SCALE_LABELS,
      policyArea,
    })),
    ...[1, 2, 3, 4].map((n) => ({
      kind: 'SINGLE_CHOICE',
      prompt: `Single choice question ${n}`,
      options: ['Local', 'Regional', 'National', 'EU'],
    })),
    ...[1, 2, 3, 4].map((n) => ({
      kind: 'MULTIPLE_CHOICE',
      prompt: `Multiple choice question ${n}`,
      options: ['AMIF', 'ESF+', 'ERDF', 'Other'],
    })),
    ...[1, 2, 3].map((n) => ({ kind: 'NUMBER', prompt: `Number question ${n}`, unit: 'persons', min: 0 })),
    { kind: 'FREE_TEXT', prompt: 'Anything else?' },
  ];
}

interface Ref {
  id: string;
  version: number;
  questions: Array<{ id: string; kind: string }>;
}
const REF = 'id version questions { id kind }';

/** Inserts `count` SUBMITTED responses over `territories`, each answering all 20 questions (one statement). */
async function fill(client: Client, consultation: Ref, territories: string[], count: number): Promise<void> {
  await client.query(
    `WITH q AS (
       SELECT * FROM unnest($3::uuid[], $4::text[]) AS q(id, kind)
     ), r AS (
       INSERT INTO response (id, consultation_id, organisation, territory, status)
       SELECT gen_random_uuid(), $1::uuid, 'bench-org-' || n, ($2::text[])[1 + (n % array_length($2::text[], 1))],
              'SUBMITTED'
       FROM generate_series(1, $5::int) AS n
       RETURNING id)
     INSERT INTO answer (response_id, question_id, scale, choices, number, text)
     SELECT r.id, q.id,
            CASE WHEN q.kind = 'SCALE' THEN 1 + h % 5 END,
            CASE WHEN q.kind = 'SINGLE_CHOICE'
                   THEN ARRAY[(ARRAY['Local', 'Regional', 'National', 'EU'])[1 + h % 4]]
                 WHEN q.kind = 'MULTIPLE_CHOICE'
                   THEN CASE h % 4 WHEN 0 THEN ARRAY['AMIF'] WHEN 1 THEN ARRAY['AMIF', 'ESF+']
                                   WHEN 2 THEN ARRAY['ERDF'] ELSE ARRAY['ESF+', 'Other'] END
            END,
            CASE WHEN q.kind = 'NUMBER' THEN h % 5000 END,
            CASE WHEN q.kind = 'FREE_TEXT' THEN 'Bench answer' END
     FROM r CROSS JOIN q CROSS JOIN LATERAL (SELECT abs(hashtext(r.id::text || q.id::text)) AS h) AS x`,
    [
      consultation.id,
      territories,
      consultation.questions.map((q) => q.id),
      consultation.questions.map((q) => q.kind),
      count,
    ],
  );
}

/** One query measured with autocannon; `token` signs the requests in (never served from the response cache). */
async function measure(
  hub: RunningHub,
  label: string,
  body: string,
  options: { duration: number; connections: number; token?: string },
) {
  const headers = {
    'content-type': 'application/json',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  };
  const send = () =>
    fetch(hub.url, { method: 'POST', headers, body }).then(async (response) => ({
      status: response.status,
      cache: response.headers.get(CACHE_STATUS_HEADER),
      text: await response.text(),
    }));
  const before = Object.fromEntries(
    Object.entries(hub.subgraphs).map(([name, s]) => [name, s.sqlStatementsSent()]),
  );
  const started = performance.now();
  const first = await send();
  const firstMs = performance.now() - started;
  const statements = Object.entries(hub.subgraphs)
    .map(([name, s]) => [name, s.sqlStatementsSent() - before[name]!] as const)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  const request = { url: hub.url, method: 'POST' as const, headers, body };
  await autocannon({ ...request, duration: 2, connections: options.connections }); // warm-up
  const result = await autocannon({
    ...request,
    duration: options.duration,
    connections: options.connections,
  });
  const second = await send();
  console.log(`\n${label}`);
  console.log(
    `first request: ${firstMs.toFixed(0)} ms, HTTP ${first.status}, ${first.text.length} bytes; SQL statements: ${statements || 'none'}; response cache: ${second.cache ?? 'not used (signed in)'}`,
  );
  console.log(
    `${options.connections} connections, ${options.duration} s: ${result.requests.average.toFixed(1)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   errors ${result.errors + result.non2xx}`,
  );
}

async function main(): Promise<void> {
  const responses = argument('responses', 10_000);
  const duration = argument('duration', 10);
  const connections = argument('connections', 4);
  const prefix = `bench_dialogue_${randomBytes(3).toString('hex')}`;
  const secrets = newHubSecrets();
  const progress = (step: string) => console.error(`… ${step}`);
  progress(`starting the hub on ${prefix}_* databases`);
  const hub = await startHub({
    databaseServerUrl: process.env.DATABASE_URL,
    databasePrefix: prefix,
    secrets,
    logLevel: 'warn',
    exposeSqlStatementCount: true,
    responseCache: DEFAULT_RESPONSE_CACHE_SETTINGS,
  });
  try {
    const token = await corEditorToken(secrets.jwtSecret);
    const now = Date.now();
    const { createConsultation: draft } = await graphql<{ createConsultation: Ref }>(
      hub,
      `mutation ($input: CreateConsultationInput!) { createConsultation(input: $input) { ${REF} } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          title: 'Benchmark needs assessment',
          summary: 'Twenty questions, answered by SQL for the benchmark.',
          strand: 'DIALOGUE',
          policyAreas: POLICY_AREAS,
          audience: { kind: 'ALL_PARTNERS' },
          opensAt: new Date(now - 60_000).toISOString(),
          closesAt: new Date(now + 86_400_000).toISOString(),
          needsAssessment: true,
          questions: questions(),
        },
      },
      token,
    );
    const transition = async (name: string, ref: { id: string; version: number }) =>
      (
        await graphql<Record<string, Ref>>(
          hub,
          `mutation ($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${REF} } }`,
          { input: { id: ref.id, version: ref.version } },
          token,
        )
      )[name]!;
    const open = await transition('openConsultation', draft);
    progress(`inserting ${responses} responses × ${open.questions.length} answers`);

    const regionsDb = new Client({
      connectionString: databaseUrl(hub.databaseServerUrl, `${prefix}_regions`),
    });
    await regionsDb.connect();
    const territories = (
      await regionsDb.query<{ code: string }>(
        'SELECT code FROM region WHERE level = 3 AND is_eu AND NOT is_extra_regio ORDER BY code',
      )
    ).rows.map((row) => row.code);
    await regionsDb.end();
    const dialogueDb = new Client({
      connectionString: databaseUrl(hub.databaseServerUrl, `${prefix}_dialogue`),
    });
    dialogueDb.on('error', () => undefined); // the databases are dropped at the end
    await dialogueDb.connect();
    const filling = performance.now();
    let counts: { responses: string; answers: string };
    try {
      await fill(dialogueDb, open, territories, responses);
      counts = (
        await dialogueDb.query<{ responses: string; answers: string }>(
          'SELECT (SELECT count(*) FROM response) AS responses, (SELECT count(*) FROM answer) AS answers',
        )
      ).rows[0]!;
      await dialogueDb.query('ANALYZE response; ANALYZE answer');
    } finally {
      await dialogueDb.end();
    }
    console.log(
      `\ndialogue: ${counts.responses} responses × ${open.questions.length} questions = ${counts.answers} answers over ${territories.length} EU NUTS 3 regions (inserted in ${((performance.now() - filling) / 1000).toFixed(1)} s)`,
    );
    progress('closing and publishing');
    const closed = await transition('closeConsultation', open);
    await transition('publishConsultationResults', closed);

    const queries = [
      {
        label: 'results (ConsultationResults, every question overall and by NUTS 2)',
        body: JSON.stringify({
          query: print(ConsultationResultsDocument),
          variables: { id: open.id, level: 'NUTS2' },
        }),
      },
      {
        label: 'needsMap(policyArea: HOUSING, level: NUTS2)',
        body: JSON.stringify({
          query: print(NeedsMapDocument),
          variables: { policyArea: 'HOUSING', level: 'NUTS2' },
        }),
      },
    ];
    for (const { label, body } of queries) {
      // signed in: never from the response cache, every request computed by the subgraphs
      await measure(hub, `${label} through the gateway, signed in (uncached)`, body, {
        duration,
        connections,
        token,
      });
      // anonymous: the gateway's response cache answers until a write reaches the dialogue subgraph
      await measure(hub, `${label} through the gateway, anonymous (response cache)`, body, {
        duration,
        connections,
      });
    }
    console.log(`\n(node ${process.version}; aim: p50 under 50 ms)`);
  } finally {
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
