import { randomUUID } from 'node:crypto';
import {
  AddQuestionDocument,
  CloseConsultationDocument,
  ConsultationResultsDocument,
  CreateConsultationDocument,
  CreateResponseDocument,
  NeedsMapDocument,
  OpenConsultationDocument,
  OpenConsultationsDocument,
  PublishConsultationResultsDocument,
  RegionNeedsDocument,
  UpdateResponseDocument,
} from '@hub/codegen';
import { INTERNAL_TOKEN_HEADER } from '@hub/kit';
import { postGraphQL, subscribeForTest, testCaller, waitFor } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answersFor,
  consultationInput,
  CONSULTATION_CHANGED_TOPIC,
  createConsultation,
  CREATE_RESPONSE,
  okThrough,
  openConsultation,
  responseInput,
  transition,
  type ConsultationRef,
} from './dialogue-fixtures';
import { gatewayInternalToken, startTestHub, type TestHub } from './harness';

/**
 * Issue 13's checks through the real hub (every subgraph of schema/subgraphs.json and the gateway): a
 * consultation's whole cycle with three organisations answering for three regions of Greece, against a hand
 * computation; who may read responses and results; consultationChanged over graphql-ws and SSE; and the
 * gateway's CSV export of published results.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

/** The gateway's origin (the GraphQL endpoint without `/graphql`). */
const origin = () => hub.url.replace(/\/graphql$/, '');
const csvUrl = (id: string) => `${origin()}/exports/consultations/${encodeURIComponent(id)}/results.csv`;

/** One respondent: who answers, for which territory, what. */
interface Answer {
  organisation: string;
  territory: string;
  scale: number;
  choice: string;
  funds: string[];
  arrivals: number;
  text: string;
}

const ANSWERS: Answer[] = [
  {
    organisation: 'cpmr-islands-commission',
    territory: 'EL41',
    scale: 4,
    choice: 'Regional',
    funds: ['AMIF', 'ESF+'],
    arrivals: 1200,
    text: 'Housing on the islands first.',
  },
  {
    organisation: 'aer',
    territory: 'EL42',
    scale: 2,
    choice: 'Regional',
    funds: ['AMIF'],
    arrivals: 300,
    text: 'Interpreters.',
  },
  {
    organisation: 'cemr',
    territory: 'EL43',
    scale: 5,
    choice: 'National',
    funds: ['AMIF', 'ERDF'],
    arrivals: 600,
    text: 'Schools in Kriti.',
  },
];

/** The hand computation: counts per option (zeros included, in order) and means. */
function count(options: string[], values: string[]): Array<{ option: string; count: number }> {
  return options.map((option) => ({ option, count: values.filter((value) => value === option).length }));
}
const EXPECTED = {
  scale: {
    suppressed: false,
    answerCount: 3,
    mean: (4 + 2 + 5) / 3,
    distribution: count(['1', '2', '3', '4', '5'], ['4', '2', '5']),
  },
  single: {
    suppressed: false,
    answerCount: 3,
    mean: null,
    distribution: count(['Local', 'Regional', 'National', 'EU'], ['Regional', 'Regional', 'National']),
  },
  multiple: {
    suppressed: false,
    answerCount: 3,
    mean: null,
    distribution: count(['AMIF', 'ESF+', 'ERDF'], ['AMIF', 'ESF+', 'AMIF', 'AMIF', 'ERDF']),
  },
  number: { suppressed: false, answerCount: 3, mean: (1200 + 300 + 600) / 3, distribution: null },
};
const SUPPRESSED = { suppressed: true, answerCount: null, mean: null, distribution: null };

const CELL = 'suppressed answerCount mean distribution { option count }';
const RESULTS = /* GraphQL */ `
  query ($id: ID!) {
    consultation(id: $id) {
      status
      responseCount
      results {
        responseCount
        questions {
          question { position kind }
          overall { ${CELL} }
          country: byRegion(level: COUNTRY) { region { code name } ${CELL} }
          nuts1: byRegion(level: NUTS1) { region { code } ${CELL} }
          nuts2: byRegion(level: NUTS2) { region { code } ${CELL} }
        }
      }
    }
  }
`;

interface Cell {
  suppressed: boolean;
  answerCount: number | null;
  mean: number | null;
  distribution: Array<{ option: string; count: number }> | null;
}
interface RegionCell extends Cell {
  region: { code: string; name?: string };
}
interface ResultsData {
  consultation: {
    status: string;
    responseCount: number;
    results: null | {
      responseCount: number;
      questions: Array<{
        question: { position: number; kind: string };
        overall: Cell;
        country: RegionCell[];
        nuts1: RegionCell[];
        nuts2: RegionCell[];
      }>;
    };
  };
}

describe('a consultation through the whole hub (issue 13)', () => {
  let consultation: ConsultationRef;
  const responseIds: string[] = [];

  it('is created, opened and answered by three organisations for EL41, EL42 and EL43', async () => {
    consultation = await openConsultation(hub, { regions: ['EL41', 'EL42', 'EL43'] });
    expect(consultation.status).toBe('OPEN');
    for (const answer of ANSWERS) {
      const { createResponse } = await okThrough<{
        createResponse: { id: string; status: string; territory: { code: string; name: string } };
      }>(
        hub,
        CREATE_RESPONSE,
        { input: responseInput(consultation, answer.territory, answersFor(consultation, answer)) },
        await hub.token(answer.organisation, ['contributor']),
      );
      expect(createResponse.territory.code).toBe(answer.territory);
      expect(createResponse.territory.name.length).toBeGreaterThan(0); // resolved by the regions subgraph
      responseIds.push(createResponse.id);
    }
    const { consultation: counted } = await okThrough<ResultsData>(hub, RESULTS, { id: consultation.id });
    expect(counted.responseCount).toBe(3); // public
  });

  it('shows anonymous callers no results (nor CSV) before publication', async () => {
    const { consultation: anonymous } = await okThrough<ResultsData>(hub, RESULTS, { id: consultation.id });
    expect(anonymous.results).toBeNull();
    const { consultation: csv } = await okThrough<{ consultation: { resultsCsv: string | null } }>(
      hub,
      'query ($id: ID!) { consultation(id: $id) { resultsCsv } }',
      { id: consultation.id },
    );
    expect(csv.resultsCsv).toBeNull();
    expect((await fetch(csvUrl(consultation.id))).status).toBe(404);
  });

  it('lets a response be read by its organisation and the organiser, never by a fourth organisation', async () => {
    const RESPONSE =
      'query ($id: ID!) { response(id: $id) { id territory { code } answers { scale text } } }';
    const own = await okThrough<{ response: { id: string; answers: Array<{ text: string | null }> } | null }>(
      hub,
      RESPONSE,
      { id: responseIds[0] },
      await hub.token('cpmr-islands-commission', ['contributor']),
    );
    expect(own.response?.id).toBe(responseIds[0]);
    const organiser = await okThrough<{ consultation: { responses: { totalCount: number } } }>(
      hub,
      'query ($id: ID!) { consultation(id: $id) { responses { totalCount } } }',
      { id: consultation.id },
      await hub.token('cor', ['editor']),
    );
    expect(organiser.consultation.responses.totalCount).toBe(3);

    const fourth = await hub.token('eurocities', ['editor']);
    for (const id of responseIds) {
      const { body } = await hub.query<{ response: unknown }, { id: string }>(RESPONSE, { id }, fourth);
      expect(body).toEqual({ data: { response: null } });
    }
    const list = await okThrough<{ consultation: { responses: { totalCount: number; edges: unknown[] } } }>(
      hub,
      'query ($id: ID!) { consultation(id: $id) { responses { totalCount edges { node { id } } } } }',
      { id: consultation.id },
      fourth,
    );
    expect(list.consultation.responses).toEqual({ totalCount: 0, edges: [] });

    // `_entities` is not part of the client API at the gateway …
    const representations = responseIds.map((id) => ({ __typename: 'Response', id }));
    const ENTITIES =
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Response { id answers { scale text } } } }';
    const viaGateway = await hub.query<unknown, Record<string, unknown>>(
      ENTITIES,
      { representations },
      fourth,
    );
    expect(viaGateway.body.data ?? null).toBeNull();
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // … and the dialogue subgraph itself, asked as the gateway would for the fourth organisation, resolves none
    const subgraphAs = async (organisationId: string, roles: Parameters<typeof testCaller>[1]) => ({
      [INTERNAL_TOKEN_HEADER]: await gatewayInternalToken(
        testCaller(organisationId, roles, `${organisationId}-e2e`),
        'dialogue',
      ),
    });
    const direct = await postGraphQL<{ _entities: Array<{ id: string } | null> }>(
      hub.subgraphs.dialogue!.url,
      ENTITIES,
      { representations },
      await subgraphAs('eurocities', ['editor']),
    );
    expect(direct.body.errors).toBeUndefined();
    expect(direct.body.data!._entities).toEqual([null, null, null]);
    // (the same request as the organiser does resolve them: the check above can fail)
    const asOrganiser = await postGraphQL<{ _entities: Array<{ id: string } | null> }>(
      hub.subgraphs.dialogue!.url,
      ENTITIES,
      { representations },
      await subgraphAs('cor', ['editor']),
    );
    expect(asOrganiser.body.data!._entities.map((entity) => entity?.id)).toEqual(responseIds);
  });

  it('publishes results equal to a hand computation: the country cell shows, the NUTS 2 cells are suppressed', async () => {
    const closed = await transition(hub, 'closeConsultation', consultation);
    expect(closed.status).toBe('CLOSED');
    const published = await transition(hub, 'publishConsultationResults', closed);
    expect(published.status).toBe('RESULTS_PUBLISHED');

    const { consultation: read } = await okThrough<ResultsData>(hub, RESULTS, { id: consultation.id }); // anonymous
    const results = read.results!;
    expect(results.responseCount).toBe(3);
    const [scale, single, multiple, number, text] = results.questions;
    expect(results.questions.map(({ question }) => question.kind)).toEqual([
      'SCALE',
      'SINGLE_CHOICE',
      'MULTIPLE_CHOICE',
      'NUMBER',
      'FREE_TEXT',
    ]);
    const pairs: Array<[typeof scale, Cell]> = [
      [scale, EXPECTED.scale],
      [single, EXPECTED.single],
      [multiple, EXPECTED.multiple],
      [number, EXPECTED.number],
    ];
    for (const [result, expected] of pairs) {
      expect(result!.overall).toEqual(expected);
      // one country (EL) with all three answers: shown, equal to the overall cell
      expect(result!.country).toEqual([{ region: { code: 'EL', name: expect.any(String) }, ...expected }]);
      // EL41, EL42 and EL43 hold one answer each: suppressed, every figure null
      expect(result!.nuts2).toEqual(
        ['EL41', 'EL42', 'EL43'].map((code) => ({ region: { code }, ...SUPPRESSED })),
      );
    }
    expect(scale!.country[0]!.mean).toBeCloseTo(11 / 3, 10);
    // free text is never aggregated publicly: no distribution, no mean, and the texts appear nowhere
    expect(text!.overall.distribution).toBeNull();
    expect(text!.overall.mean).toBeNull();
    expect(JSON.stringify(results)).not.toMatch(/Housing on the islands|Interpreters|Schools in Kriti/);

    // the needs map: Greece has a severity (the scale's mean), the single regions are suppressed
    const { needsMap } = await okThrough<{
      needsMap: {
        cells: Array<{
          region: { code: string };
          suppressed: boolean;
          severity: number | null;
          responseCount: number | null;
        }>;
      };
    }>(
      hub,
      '{ needsMap(policyArea: HOUSING, level: COUNTRY) { cells { region { code } suppressed severity responseCount } } }',
      {},
    );
    const greece = needsMap.cells.find((cell) => cell.region.code === 'EL');
    expect(greece).toMatchObject({ suppressed: false, responseCount: 3 });
    expect(greece!.severity).toBeCloseTo(11 / 3, 10);
  });

  it('exports the published results as CSV through the gateway, equal to Consultation.resultsCsv', async () => {
    const { consultation: read } = await okThrough<{ consultation: { resultsCsv: string } }>(
      hub,
      'query ($id: ID!) { consultation(id: $id) { resultsCsv } }',
      { id: consultation.id },
    );
    const response = await fetch(csvUrl(consultation.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.csv"$/);
    const body = await response.text();
    expect(body).toBe(read.resultsCsv);
    const lines = body.split('\r\n');
    expect(lines[0]).toBe(
      'question_position,question_kind,question_prompt,level,region,option,count,answer_count,mean,suppressed',
    );
    // the three single-region NUTS 2 cells of the scale question: one row each, marked suppressed
    expect(lines.filter((line) => /^1,SCALE,.*,NUTS2,EL4[123],,,,,true$/.test(line))).toHaveLength(3);
    expect(body).not.toMatch(/Housing on the islands|Interpreters|Schools in Kriti/);
  });

  it('answers 404 for unknown and unpublished consultations, whatever token the request carries', async () => {
    expect((await fetch(csvUrl(randomUUID()))).status).toBe(404);
    expect((await fetch(csvUrl('not-an-id'))).status).toBe(404);
    const draft = await createConsultation(hub);
    // the organiser's editor may see the draft, but the export runs anonymously: still 404
    const corToken = await hub.token('cor', ['editor']);
    const response = await fetch(csvUrl(draft.id), { headers: { authorization: `Bearer ${corToken}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});

describe('consultationChanged through the gateway (status and counts, never content)', () => {
  it('pushes over graphql-ws', async () => {
    const draft = await createConsultation(hub);
    const bus = hub.subgraphs.dialogue!.bus;
    const before = bus.activeListeners(CONSULTATION_CHANGED_TOPIC);
    const subscription = await subscribeForTest<Record<string, unknown>>(
      hub.url,
      'subscription ($id: ID) { consultationChanged(consultation: $id) { change status responseCount consultation { id organiser { id name } } } }',
      { id: draft.id },
      { connectionParams: {} },
    );
    try {
      await waitFor(() => bus.activeListeners(CONSULTATION_CHANGED_TOPIC) === before + 1, 'the subscription');
      const open = await transition(hub, 'openConsultation', draft);
      expect((await subscription.next()).data).toEqual({
        consultationChanged: {
          change: 'OPENED',
          status: 'OPEN',
          responseCount: 0,
          consultation: { id: draft.id, organiser: { id: 'cor', name: expect.any(String) } },
        },
      });
      await okThrough(
        hub,
        CREATE_RESPONSE,
        { input: responseInput(open, 'EL43', answersFor(open, { scale: 3, text: 'Never pushed.' })) },
        await hub.token('cemr', ['contributor']),
      );
      const counted = await subscription.next();
      expect(counted.data).toEqual({
        consultationChanged: {
          change: 'RESPONSES_CHANGED',
          status: 'OPEN',
          responseCount: 1,
          consultation: { id: draft.id, organiser: { id: 'cor', name: expect.any(String) } },
        },
      });
      expect(JSON.stringify(counted)).not.toContain('Never pushed.');
    } finally {
      await subscription.close();
    }
  });

  it('pushes over Server-Sent Events', async () => {
    const draft = await createConsultation(hub);
    const bus = hub.subgraphs.dialogue!.bus;
    const before = bus.activeListeners(CONSULTATION_CHANGED_TOPIC);
    const abort = new AbortController();
    const params = new URLSearchParams({
      query:
        'subscription ($id: ID) { consultationChanged(consultation: $id) { change status responseCount } }',
      variables: JSON.stringify({ id: draft.id }),
    });
    const response = await fetch(`${hub.gateway.streamUrl}?${params}`, {
      headers: { accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      await waitFor(
        () => bus.activeListeners(CONSULTATION_CHANGED_TOPIC) === before + 1,
        'the SSE subscription',
      );
      await transition(hub, 'openConsultation', draft);
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
      const data = next!
        .split('\n')
        .find((line) => line.startsWith('data: '))!
        .slice('data: '.length);
      expect(JSON.parse(data)).toEqual({
        data: { consultationChanged: { change: 'OPENED', status: 'OPEN', responseCount: 0 } },
      });
    } finally {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }
  });
});

describe('the playground operations (codegen/operations/dialogue.graphql) through the hub', () => {
  it('run the whole cycle as typed documents', async () => {
    const cor = await hub.token('cor', ['editor']);
    const input = consultationInput({ regions: ['EL41', 'EL42', 'EL43'], policyAreas: ['HEALTH'] });
    input.questions = [
      {
        kind: 'SCALE',
        prompt: 'How severe is the need for access to health care?',
        required: true,
        scaleLabels: ['No need', 'Low', 'Moderate', 'High', 'Severe'],
        policyArea: 'HEALTH',
      },
    ];
    const created = await hub.query(CreateConsultationDocument, { input: input as never }, cor);
    expect(created.body.errors).toBeUndefined();
    const draft = created.body.data!.createConsultation;
    expect(draft.organiser.id).toBe('cor');
    const added = await hub.query(
      AddQuestionDocument,
      {
        input: {
          idempotencyKey: randomUUID(),
          consultation: draft.id,
          kind: 'NUMBER',
          prompt: 'How many doctors speak a newcomer language?',
          unit: 'persons',
          min: 0,
        },
      },
      cor,
    );
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data!.addQuestion.questions.map((question) => question.kind)).toEqual([
      'SCALE',
      'NUMBER',
    ]);
    const opened = await hub.query(
      OpenConsultationDocument,
      { input: { id: draft.id, version: added.body.data!.addQuestion.version } },
      cor,
    );
    expect(opened.body.data?.openConsultation.status).toBe('OPEN');
    const list = await hub.query(OpenConsultationsDocument, { first: 500 });
    expect(list.body.data!.consultations.edges.map((edge) => edge.node.id)).toContain(draft.id);

    const [severity, doctors] = added.body.data!.addQuestion.questions;
    const respondents: Array<[string, string, number]> = [
      ['cpmr-islands-commission', 'EL41', 3],
      ['aer', 'EL42', 3],
      ['cemr', 'EL43', 4],
    ];
    for (const [organisation, territory, scale] of respondents) {
      const token = await hub.token(organisation, ['contributor']);
      const response = await hub.query(
        CreateResponseDocument,
        {
          input: {
            idempotencyKey: randomUUID(),
            consultation: draft.id,
            territory,
            answers: [{ question: severity!.id, scale: 1 }],
          },
        },
        token,
      );
      expect(response.body.errors).toBeUndefined();
      const created = response.body.data!.createResponse;
      const updated = await hub.query(
        UpdateResponseDocument,
        {
          input: {
            id: created.id,
            version: created.version,
            answers: [
              { question: severity!.id, scale },
              { question: doctors!.id, number: scale * 10 },
            ],
          },
        },
        token,
      );
      expect(updated.body.errors).toBeUndefined();
      expect(
        updated.body.data!.updateResponse.answers.map((answer) => answer.scale ?? answer.number),
      ).toEqual([scale, scale * 10]);
    }
    const closed = await hub.query(
      CloseConsultationDocument,
      { input: { id: draft.id, version: opened.body.data!.openConsultation.version } },
      cor,
    );
    expect(closed.body.data?.closeConsultation).toMatchObject({ status: 'CLOSED', responseCount: 3 });
    const published = await hub.query(
      PublishConsultationResultsDocument,
      { input: { id: draft.id, version: closed.body.data!.closeConsultation.version } },
      cor,
    );
    expect(published.body.data?.publishConsultationResults.status).toBe('RESULTS_PUBLISHED');

    const results = await hub.query(ConsultationResultsDocument, { id: draft.id, level: 'NUTS1' });
    expect(results.body.errors).toBeUndefined();
    const [scaleResult, numberResult] = results.body.data!.consultation!.results!.questions;
    // hand computation: scales 3, 3, 4; numbers 30, 30, 40 — all three in EL4 (NUTS 1), one per NUTS 2
    expect(scaleResult!.overall).toEqual({
      suppressed: false,
      answerCount: 3,
      mean: 10 / 3,
      distribution: [
        { option: '1', count: 0 },
        { option: '2', count: 0 },
        { option: '3', count: 2 },
        { option: '4', count: 1 },
        { option: '5', count: 0 },
      ],
    });
    expect(numberResult!.overall).toMatchObject({ suppressed: false, answerCount: 3, mean: 100 / 3 });
    expect(
      scaleResult!.byRegion.map((cell) => [cell.region.code, cell.suppressed, cell.answerCount]),
    ).toEqual([['EL4', false, 3]]);

    const map = await hub.query(NeedsMapDocument, { policyArea: 'HEALTH', level: 'NUTS2' });
    expect(map.body.errors).toBeUndefined();
    const cells = map.body.data!.needsMap.cells.filter((cell) => cell.consultation.id === draft.id);
    expect(cells.map((cell) => [cell.region.code, cell.suppressed, cell.severity]).sort()).toEqual([
      ['EL41', true, null],
      ['EL42', true, null],
      ['EL43', true, null],
    ]);
    const needs = await hub.query(RegionNeedsDocument, { code: 'EL4' });
    expect(needs.body.errors).toBeUndefined();
    const health = needs.body.data!.region!.needs.find((need) => need.policyArea === 'HEALTH');
    expect(health).toMatchObject({ suppressed: false, responseCount: 3, fromSubRegions: true });
    expect(health!.severity).toBeCloseTo(10 / 3, 10);
    expect(needs.body.data!.region!.consultations.edges.map((edge) => edge.node.id)).toContain(draft.id);
  });
});

describe('a members-only consultation of the Forum of forefront regions (dialogue asks regions for members)', () => {
  it('accepts answers for member regions (and regions within them) and refuses the others', async () => {
    const forum = 'forum-of-forefront-regions';
    const seeded = await okThrough<{ organisation: { name: string; members: unknown[] } | null }>(
      hub,
      'query ($id: ID!) { organisation(id: $id) { name members { id } } }',
      { id: forum },
    );
    expect(seeded.organisation).toEqual({ name: 'Forum of forefront regions', members: [] });
    // a hub admin adds Kriti (EL43) as a member, as the partnership's own records would say
    await okThrough(
      hub,
      'mutation ($input: AddMembershipInput!) { addMembership(input: $input) { id } }',
      {
        input: {
          idempotencyKey: randomUUID(),
          organisation: forum,
          memberRegion: 'EL43',
          source: 'Added by the dialogue end-to-end test.',
        },
      },
      await hub.token('cor', ['admin']),
    );
    const open = await openConsultation(hub, {
      audience: { kind: 'MEMBERS_OF_ORGANISATION', organisations: [forum] },
    });
    const member = await hub.query<
      { createResponse: { territory: { code: string } } },
      Record<string, unknown>
    >(
      CREATE_RESPONSE,
      { input: responseInput(open, 'EL431', answersFor(open, { scale: 4 })) }, // a NUTS 3 region within Kriti
      await hub.token('cemr', ['contributor']),
    );
    expect(member.body.errors).toBeUndefined();
    expect(member.body.data!.createResponse.territory.code).toBe('EL431');
    const outsider = await hub.query<unknown, Record<string, unknown>>(
      CREATE_RESPONSE,
      { input: responseInput(open, 'EL41', answersFor(open, { scale: 4 })) },
      await hub.token('aer', ['contributor']),
    );
    expect(outsider.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
