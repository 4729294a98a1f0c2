import { composeServices } from '@apollo/composition';
import { createGatewayServer, gatewayConfig, issueClientToken, type RunningGateway } from '@hub/gateway';
import { subgraphErrorExtensions, subgraphSdl, type Role, type SubgraphDefinition } from '@hub/kit';
import { startTestSubgraph, subscribeForTest, TEST_INTERNAL_TOKEN_SECRET, waitFor, type TestSubgraph } from '@hub/kit/testing';
import { subgraph as regionsSubgraph } from '@hub/regions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph as dialogueSubgraph } from '../src';
import { CONSULTATION_CHANGED } from '../src/writes/consultation-changed.write';
import { answersFor, consultationInput, type ConsultationData } from './helpers';

// The issue's checks through the real gateway: regions and dialogue on port 0, a supergraph composed from
// their SDL at test time, the gateway in front verifying client tokens and signing internal ones.

const AUTH = { mode: 'hs256', secret: 'dialogue-e2e-client-token-secret-0123456789', issuer: 'hub-test', audience: 'hub' } as const;

let regions: TestSubgraph;
let dialogue: TestSubgraph;
let gateway: RunningGateway;

beforeAll(async () => {
  const serverUrl = inject('databaseServerUrl');
  regions = await startTestSubgraph(regionsSubgraph, serverUrl, { logLevel: 'error' });
  dialogue = await startTestSubgraph(dialogueSubgraph, serverUrl, { logLevel: 'error', peers: { regions: regions.url } });
  const parts: Array<{ name: string; definition: SubgraphDefinition<unknown>; url: string }> = [
    { name: 'regions', definition: regionsSubgraph as SubgraphDefinition<unknown>, url: regions.url },
    { name: 'dialogue', definition: dialogueSubgraph as SubgraphDefinition<unknown>, url: dialogue.url },
  ];
  const { parse } = await import('graphql');
  const composed = composeServices(
    await Promise.all(
      parts.map(async ({ name, definition }) => ({
        name,
        typeDefs: parse(await subgraphSdl(definition)),
        url: `http://${name}.invalid/graphql`,
      })),
    ),
  );
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  const extensions: Record<string, { kind: string; subgraphs: string[] }> = {};
  for (const { name, definition } of parts) {
    for (const [extension, kind] of Object.entries(subgraphErrorExtensions(definition))) {
      extensions[extension] ??= { kind, subgraphs: [] };
      extensions[extension].subgraphs.push(name);
    }
  }
  gateway = await createGatewayServer(
    gatewayConfig({
      supergraphSdl: composed.supergraphSdl!,
      errorExtensions: { extensions } as never,
      subgraphUrls: Object.fromEntries(parts.map(({ name, url }) => [name, url])),
      logLevel: 'silent',
      playground: false,
      auth: AUTH,
      internalTokenSecret: TEST_INTERNAL_TOKEN_SECRET,
    }),
  );
});
afterAll(async () => {
  await gateway?.stop();
  await dialogue?.stop();
  await regions?.stop();
});

async function as(organisationId: string, roles: Role[]): Promise<Record<string, string>> {
  const token = await issueClientToken({ ...AUTH, subject: `user-${organisationId}`, organisationId, roles });
  return { authorization: `Bearer ${token}` };
}

interface Body<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function query<T = Record<string, unknown>>(
  text: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Body<T>> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
    body: JSON.stringify({ query: text, variables }),
  });
  return (await response.json()) as Body<T>;
}

const CONSULTATION = 'id version status questions { id }';

describe('a consultation through the gateway', () => {
  let consultation: ConsultationData;
  const responseIds: string[] = [];

  it('is created, opened and answered by three organisations for three regions of Greece', async () => {
    const cor = await as('cor', ['editor']);
    const created = await query<{ createConsultation: ConsultationData }>(
      `mutation ($input: CreateConsultationInput!) { createConsultation(input: $input) { ${CONSULTATION} } }`,
      { input: consultationInput() },
      cor,
    );
    expect(created.errors).toBeUndefined();
    const opened = await query<{ openConsultation: ConsultationData }>(
      `mutation ($id: ID!, $version: Int!) { openConsultation(input: { id: $id, version: $version }) { ${CONSULTATION} } }`,
      { id: created.data!.createConsultation.id, version: 1 },
      cor,
    );
    expect(opened.errors).toBeUndefined();
    consultation = opened.data!.openConsultation;
    const answers: Array<[string, string, number]> = [
      ['cpmr-islands-commission', 'EL41', 4],
      ['aer', 'EL42', 2],
      ['cemr', 'EL43', 5],
    ];
    for (const [organisation, territory, scale] of answers) {
      const { data, errors } = await query<{ createResponse: { id: string; territory: { code: string; name: string } } }>(
        `mutation ($input: CreateResponseInput!) { createResponse(input: $input) { id territory { code name } } }`,
        {
          input: {
            idempotencyKey: `e2e-${organisation}-${territory}`,
            consultation: consultation.id,
            territory,
            answers: answersFor(consultation, { scale, arrivals: scale * 100 }),
          },
        },
        await as(organisation, ['contributor']),
      );
      expect(errors).toBeUndefined();
      expect(data!.createResponse.territory.code).toBe(territory);
      expect(data!.createResponse.territory.name.length).toBeGreaterThan(0); // resolved by the regions subgraph
      responseIds.push(data!.createResponse.id);
    }
  });

  it('refuses an unknown territory and a second response, with their declared extensions', async () => {
    const headers = await as('aer', ['contributor']);
    const input = (territory: string) => ({
      input: { idempotencyKey: `e2e-${territory}-${Date.now()}`, consultation: consultation.id, territory, answers: answersFor(consultation, { scale: 3 }) },
    });
    const mutation = 'mutation ($input: CreateResponseInput!) { createResponse(input: $input) { id } }';
    const unknown = await query(mutation, input('EL99'), headers);
    expect(unknown.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      unknownKeys: ['EL99'],
      fieldErrors: [{ path: 'input.territory', messages: ['unknown region "EL99"'] }],
    });
    const second = await query(mutation, input('EL42'), headers);
    expect(second.errors![0]!.extensions).toEqual({ code: 'CONFLICT', existingId: responseIds[1] });
  });

  it('shows anonymous callers no results before publication, and a fourth organisation no response', async () => {
    const anonymous = await query<{ consultation: { results: unknown } }>(
      'query ($id: ID!) { consultation(id: $id) { results { responseCount } } }',
      { id: consultation.id },
    );
    expect(anonymous.data!.consultation.results).toBeNull();
    const fourth = await as('eurocities', ['editor']);
    for (const id of responseIds) {
      const { data } = await query<{ response: unknown }>('query ($id: ID!) { response(id: $id) { id } }', { id }, fourth);
      expect(data!.response).toBeNull();
    }
    const list = await query<{ consultation: { responses: { totalCount: number } } }>(
      'query ($id: ID!) { consultation(id: $id) { responses { totalCount } } }',
      { id: consultation.id },
      fourth,
    );
    expect(list.data!.consultation.responses.totalCount).toBe(0);
  });

  it('publishes results equal to a hand computation: the country cell shows, the NUTS 2 cells are suppressed', async () => {
    const cor = await as('cor', ['editor']);
    for (const [name, version] of [
      ['closeConsultation', 2],
      ['publishConsultationResults', 3],
    ] as const) {
      const { errors } = await query(
        `mutation ($id: ID!, $version: Int!) { ${name}(input: { id: $id, version: $version }) { id } }`,
        { id: consultation.id, version },
        cor,
      );
      expect(errors).toBeUndefined();
    }
    const { data, errors } = await query<{
      consultation: { results: { responseCount: number; questions: Array<Record<string, unknown>> } };
    }>(
      `query ($id: ID!) { consultation(id: $id) { results { responseCount questions {
          overall { suppressed answerCount mean }
          country: byRegion(level: COUNTRY) { region { code name } suppressed answerCount mean }
          nuts2: byRegion(level: NUTS2) { region { code } suppressed answerCount mean }
        } } } }`,
      { id: consultation.id },
    );
    expect(errors).toBeUndefined();
    const [scale, , , number] = data!.consultation.results.questions;
    expect(data!.consultation.results.responseCount).toBe(3);
    expect(scale!.overall).toEqual({ suppressed: false, answerCount: 3, mean: (4 + 2 + 5) / 3 });
    expect(scale!.country).toEqual([
      { region: { code: 'EL', name: expect.any(String) }, suppressed: false, answerCount: 3, mean: 11 / 3 },
    ]);
    expect(number!.overall).toEqual({ suppressed: false, answerCount: 3, mean: (400 + 200 + 500) / 3 });
    expect(scale!.nuts2).toEqual(
      ['EL41', 'EL42', 'EL43'].map((code) => ({ region: { code }, suppressed: true, answerCount: null, mean: null })),
    );
    const csv = await query<{ consultation: { resultsCsv: string } }>(
      'query ($id: ID!) { consultation(id: $id) { resultsCsv } }',
      { id: consultation.id },
    );
    const lines = csv.data!.consultation.resultsCsv.split('\r\n');
    expect(lines[0]).toBe('question_position,question_kind,question_prompt,level,region,option,count,answer_count,mean,suppressed');
    expect(lines.filter((line) => /^1,SCALE,.*,NUTS2,EL4[123],,,,,true$/.test(line))).toHaveLength(3);
  });

  it('pushes consultationChanged over graphql-ws through the gateway (counts and status, no content)', async () => {
    const cor = await as('cor', ['editor']);
    const created = await query<{ createConsultation: ConsultationData }>(
      `mutation ($input: CreateConsultationInput!) { createConsultation(input: $input) { ${CONSULTATION} } }`,
      { input: consultationInput() },
      cor,
    );
    const id = created.data!.createConsultation.id;
    const before = dialogue.bus.activeListeners(CONSULTATION_CHANGED);
    const subscription = await subscribeForTest<Record<string, unknown>>(
      gateway.url,
      'subscription ($id: ID) { consultationChanged(consultation: $id) { change status responseCount consultation { id organiser { id name } } } }',
      { id },
      { connectionParams: {} },
    );
    try {
      await waitFor(() => dialogue.bus.activeListeners(CONSULTATION_CHANGED) === before + 1, 'the subscription');
      const opened = await query(
        `mutation ($id: ID!) { openConsultation(input: { id: $id, version: 1 }) { id } }`,
        { id },
        cor,
      );
      expect(opened.errors).toBeUndefined();
      const message = await subscription.next();
      expect(message.data).toEqual({
        consultationChanged: {
          change: 'OPENED',
          status: 'OPEN',
          responseCount: 0,
          consultation: { id, organiser: { id: 'cor', name: expect.any(String) } },
        },
      });
    } finally {
      await subscription.close();
    }
  });

  it('pushes consultationChanged over Server-Sent Events through the gateway', async () => {
    const cor = await as('cor', ['editor']);
    const created = await query<{ createConsultation: ConsultationData }>(
      `mutation ($input: CreateConsultationInput!) { createConsultation(input: $input) { ${CONSULTATION} } }`,
      { input: consultationInput() },
      cor,
    );
    const id = created.data!.createConsultation.id;
    const before = dialogue.bus.activeListeners(CONSULTATION_CHANGED);
    const abort = new AbortController();
    const params = new URLSearchParams({
      query: 'subscription ($id: ID) { consultationChanged(consultation: $id) { change status responseCount } }',
      variables: JSON.stringify({ id }),
    });
    const response = await fetch(`${gateway.streamUrl}?${params}`, {
      headers: { accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      await waitFor(() => dialogue.bus.activeListeners(CONSULTATION_CHANGED) === before + 1, 'the SSE subscription');
      const opened = await query(`mutation ($id: ID!) { openConsultation(input: { id: $id, version: 1 }) { id } }`, { id }, cor);
      expect(opened.errors).toBeUndefined();
      let buffer = '';
      let next: string | undefined;
      while (!next) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        next = buffer
          .split('\n\n')
          .find((block) => block.split('\n').includes('event: next') && block.includes('\ndata: '));
      }
      const data = next!.split('\n').find((line) => line.startsWith('data: '))!.slice('data: '.length);
      expect(JSON.parse(data)).toEqual({ data: { consultationChanged: { change: 'OPENED', status: 'OPEN', responseCount: 0 } } });
    } finally {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }
  });
});

