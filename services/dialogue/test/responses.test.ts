import { startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { subgraph as regionsSubgraph } from '@hub/regions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  aerContributor,
  answersFor,
  cemrEditor,
  corEditor,
  CREATE_RESPONSE,
  createConsultation,
  errorOf,
  expectFieldError,
  islandsContributor,
  openConsultation,
  respond,
  responseInput,
  sql,
  startDialogue,
  transition,
  written,
  type ConsultationData,
  type ResponseData,
} from './helpers';

let regions: TestSubgraph;
let dialogue: TestSubgraph;
let consultation: ConsultationData;
beforeAll(async () => {
  regions = await startTestSubgraph(regionsSubgraph, inject('databaseServerUrl'), { logLevel: 'error' });
  dialogue = await startDialogue({ peers: { regions: regions.url } });
  consultation = await openConsultation(dialogue);
});
afterAll(async () => {
  await dialogue?.stop();
  await regions?.stop();
});

const UPDATE_RESPONSE = /* GraphQL */ `
  mutation ($input: UpdateResponseInput!) {
    updateResponse(input: $input) {
      id
      version
      status
      answers {
        scale
        choices
        number
        text
      }
    }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation ($input: WithdrawResponseInput!) {
    withdrawResponse(input: $input) {
      id
      version
      status
    }
  }
`;

describe('createResponse', () => {
  it('records the answers of an organisation for a territory', async () => {
    const response = await dialogue.query<{ createResponse: ResponseData }>(
      CREATE_RESPONSE,
      {
        input: responseInput(
          consultation,
          'EL41',
          answersFor(consultation, {
            scale: 4,
            choice: 'Regional',
            funds: ['AMIF', 'ESF+'],
            arrivals: 1200,
            text: 'Housing.',
          }),
        ),
      },
      islandsContributor,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.createResponse).toMatchObject({
      status: 'SUBMITTED',
      version: 1,
      territory: { code: 'EL41' },
      organisation: { id: 'cpmr-islands-commission' },
      answers: [
        { scale: 4, choices: null, number: null, text: null },
        { choices: ['Regional'] },
        { choices: ['AMIF', 'ESF+'] },
        { number: 1200 },
        { text: 'Housing.' },
      ],
    });
  });

  it('refuses a second response of the same organisation for the same territory (CONFLICT, existingId)', async () => {
    const first = await respond(dialogue, consultation, 'EL42', answersFor(consultation, { scale: 2 }));
    const before = await written(dialogue);
    const { body } = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(consultation, 'EL42', answersFor(consultation, { scale: 5 })) },
      islandsContributor,
    );
    expect(errorOf(body.errors)).toMatchObject({ code: 'CONFLICT', existingId: first.id });
    expect(await written(dialogue)).toEqual(before);
  });

  it('answers a replayed idempotency key with the first response, and refuses it with other input', async () => {
    const input = responseInput(consultation, 'EL43', answersFor(consultation, { scale: 3 }));
    const first = await dialogue.query<{ createResponse: ResponseData }>(
      CREATE_RESPONSE,
      { input },
      aerContributor,
    );
    expect(first.body.errors).toBeUndefined();
    const before = await written(dialogue);
    const again = await dialogue.query<{ createResponse: ResponseData }>(
      CREATE_RESPONSE,
      { input },
      aerContributor,
    );
    expect(again.body.data!.createResponse.id).toBe(first.body.data!.createResponse.id);
    const other = await dialogue.query(
      CREATE_RESPONSE,
      { input: { ...input, answers: answersFor(consultation, { scale: 1 }) } },
      aerContributor,
    );
    expect(errorOf(other.body.errors).code).toBe('CONFLICT');
    expect(await written(dialogue)).toEqual(before);
  });

  it('checks every answer against its question, naming the question, and writes nothing', async () => {
    const [scale, single, multiple, number, text] = consultation.questions;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ question: scale!.id, scale: 6 }, 'input.answers[0].scale', /question 1 \(SCALE.*1 to 5/],
      [{ question: scale!.id, scale: 0 }, 'input.answers[0].scale', /1 to 5/],
      [{ question: scale!.id, text: 'four' }, 'input.answers[0]', /takes `scale` only/],
      [
        { question: single!.id, choices: ['Regional', 'Local'] },
        'input.answers[1].choices',
        /question 2 .*exactly one/,
      ],
      [
        { question: single!.id, choices: ['Municipal'] },
        'input.answers[1].choices',
        /not an option: "Municipal"/,
      ],
      [{ question: multiple!.id, choices: ['AMIF', 'AMIF'] }, 'input.answers[1].choices', /repeat/],
      [{ question: multiple!.id, choices: [] }, 'input.answers[1].choices', /at least one/],
      [{ question: number!.id, number: -1 }, 'input.answers[1].number', /question 4 .*at least 0/],
      [{ question: number!.id, scale: 3 }, 'input.answers[1]', /takes `number` only/],
      [{ question: text!.id, text: '   ' }, 'input.answers[1].text', /question 5 .*1-5000/],
      [
        { question: '00000000-0000-4000-8000-000000000000', scale: 3 },
        'input.answers[1].question',
        /not a question/,
      ],
    ];
    const before = await written(dialogue);
    for (const [answer, path, message] of cases) {
      const answers = path.startsWith('input.answers[0]')
        ? [answer]
        : [{ question: scale!.id, scale: 3 }, answer];
      const { body } = await dialogue.query(
        CREATE_RESPONSE,
        { input: responseInput(consultation, 'EL30', answers) },
        cemrEditor,
      );
      const messages = expectFieldError(body.errors, path);
      expect(messages.join(' '), JSON.stringify(answer)).toMatch(message);
    }
    const missing = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(consultation, 'EL30', [{ question: single!.id, choices: ['EU'] }]) },
      cemrEditor,
    );
    expect(expectFieldError(missing.body.errors, 'input.answers').join(' ')).toMatch(
      new RegExp(`question 1 \\(SCALE, id ${scale!.id}\\) is required`),
    );
    expect(await written(dialogue)).toEqual(before);
  });

  it('refuses a territory code the regions subgraph does not know, and a malformed one', async () => {
    const before = await written(dialogue);
    const unknown = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(consultation, 'EL99', answersFor(consultation, { scale: 3 })) },
      cemrEditor,
    );
    expect(expectFieldError(unknown.body.errors, 'input.territory')).toEqual(['unknown region "EL99"']);
    expect(errorOf(unknown.body.errors).unknownKeys).toEqual(['EL99']);
    const malformed = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(consultation, 'Kriti', answersFor(consultation, { scale: 3 })) },
      cemrEditor,
    );
    expectFieldError(malformed.body.errors, 'input.territory');
    expect(await written(dialogue)).toEqual(before);
  });

  it('refuses answers to a draft or a closed consultation, and after closesAt (CONFLICT saying why)', async () => {
    const draft = await createConsultation(dialogue);
    const toDraft = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(draft, 'EL43', answersFor(draft, { scale: 3 })) },
      corEditor,
    );
    expect(errorOf(toDraft.body.errors)).toMatchObject({ code: 'CONFLICT', currentStatus: 'DRAFT' });
    const hiddenDraft = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(draft, 'EL43', answersFor(draft, { scale: 3 })) },
      cemrEditor,
    );
    expect(errorOf(hiddenDraft.body.errors).code).toBe('NOT_FOUND');

    const open = await openConsultation(dialogue);
    const closed = await transition(dialogue, 'closeConsultation', open);
    const toClosed = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(closed, 'EL43', answersFor(closed, { scale: 3 })) },
      cemrEditor,
    );
    expect(errorOf(toClosed.body.errors)).toMatchObject({ code: 'CONFLICT', currentStatus: 'CLOSED' });

    const expiring = await openConsultation(dialogue);
    const past = new Date(Date.now() - 1000);
    await sql(dialogue, 'UPDATE consultation SET closes_at = ? WHERE id = ?', [past, expiring.id]);
    const before = await written(dialogue);
    const late = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(expiring, 'EL43', answersFor(expiring, { scale: 3 })) },
      cemrEditor,
    );
    expect(errorOf(late.body.errors)).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'OPEN',
      closesAt: past.toISOString(),
    });
    expect(await written(dialogue)).toEqual(before);
  });

  it('refuses organisations outside a listed audience (FORBIDDEN)', async () => {
    const listed = await openConsultation(dialogue, {
      audience: { kind: 'LISTED_ORGANISATIONS', organisations: ['aer'] },
    });
    const outside = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(listed, 'EL43', answersFor(listed, { scale: 3 })) },
      cemrEditor,
    );
    expect(errorOf(outside.body.errors).code).toBe('FORBIDDEN');
    await respond(dialogue, listed, 'EL43', answersFor(listed, { scale: 3 }), aerContributor);
  });

  it('refuses answers to a members-only audience while membership cannot be checked (never lets them through)', async () => {
    const members = await openConsultation(dialogue, {
      audience: { kind: 'MEMBERS_OF_ORGANISATION', organisations: ['cpmr-islands-commission'] },
    });
    const before = await written(dialogue);
    const { body } = await dialogue.query(
      CREATE_RESPONSE,
      { input: responseInput(members, 'EL43', answersFor(members, { scale: 3 })) },
      cemrEditor,
    );
    expect(errorOf(body.errors).code).toBe('FORBIDDEN');
    expect(body.errors![0]!.message).toMatch(/cpmr-islands-commission/);
    expect(await written(dialogue)).toEqual(before);
  });

  it('needs a contributor or editor of an organisation', async () => {
    const anonymous = await dialogue.query(CREATE_RESPONSE, {
      input: responseInput(consultation, 'EL43', answersFor(consultation, { scale: 3 })),
    });
    expect(errorOf(anonymous.body.errors).code).toBe('UNAUTHENTICATED');
  });
});

describe('updateResponse and withdrawResponse', () => {
  it('replace the answers from the current version; a stale version is a CONFLICT', async () => {
    const response = await respond(
      dialogue,
      consultation,
      'EL5',
      answersFor(consultation, { scale: 2 }),
      cemrEditor,
    );
    const updated = await dialogue.query<{ updateResponse: ResponseData }>(
      UPDATE_RESPONSE,
      {
        input: { id: response.id, version: 1, answers: answersFor(consultation, { scale: 5, arrivals: 10 }) },
      },
      cemrEditor,
    );
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data!.updateResponse).toMatchObject({
      version: 2,
      answers: [{ scale: 5 }, { number: 10 }],
    });
    const before = await written(dialogue);
    const stale = await dialogue.query(
      UPDATE_RESPONSE,
      { input: { id: response.id, version: 1, answers: answersFor(consultation, { scale: 1 }) } },
      cemrEditor,
    );
    expect(errorOf(stale.body.errors)).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const wrong = await dialogue.query(
      UPDATE_RESPONSE,
      { input: { id: response.id, version: 2, answers: answersFor(consultation, { scale: 9 }) } },
      cemrEditor,
    );
    expectFieldError(wrong.body.errors, 'input.answers[0].scale');
    expect(await written(dialogue)).toEqual(before);
  });

  it('let nobody but the responding organisation change it', async () => {
    const response = await respond(
      dialogue,
      consultation,
      'EL6',
      answersFor(consultation, { scale: 2 }),
      cemrEditor,
    );
    const other = await dialogue.query(
      UPDATE_RESPONSE,
      { input: { id: response.id, version: 1, answers: answersFor(consultation, { scale: 5 }) } },
      aerContributor,
    );
    expect(errorOf(other.body.errors).code).toBe('NOT_FOUND');
    const organiser = await dialogue.query(WITHDRAW, { input: { id: response.id, version: 1 } }, corEditor);
    expect(errorOf(organiser.body.errors).code).toBe('FORBIDDEN');
  });

  it('withdraw a response: it stops counting and the territory can be answered again', async () => {
    const fresh = await openConsultation(dialogue);
    const response = await respond(dialogue, fresh, 'EL43', answersFor(fresh, { scale: 4 }), cemrEditor);
    const withdrawn = await dialogue.query<{ withdrawResponse: ResponseData }>(
      WITHDRAW,
      { input: { id: response.id, version: 1 } },
      cemrEditor,
    );
    expect(withdrawn.body.data!.withdrawResponse).toMatchObject({ status: 'WITHDRAWN', version: 2 });
    const count = await dialogue.query<{ consultation: { responseCount: number } }>(
      'query ($id: ID!) { consultation(id: $id) { responseCount } }',
      { id: fresh.id },
    );
    expect(count.body.data!.consultation.responseCount).toBe(0);
    const again = await dialogue.query(WITHDRAW, { input: { id: response.id, version: 2 } }, cemrEditor);
    expect(errorOf(again.body.errors)).toMatchObject({ code: 'CONFLICT', currentStatus: 'WITHDRAWN' });
    await respond(dialogue, fresh, 'EL43', answersFor(fresh, { scale: 3 }), cemrEditor);
  });

  it('are refused once the consultation is closed', async () => {
    const fresh = await openConsultation(dialogue);
    const response = await respond(dialogue, fresh, 'EL43', answersFor(fresh, { scale: 4 }), cemrEditor);
    await transition(dialogue, 'closeConsultation', fresh);
    const change = await dialogue.query(
      UPDATE_RESPONSE,
      { input: { id: response.id, version: 1, answers: answersFor(fresh, { scale: 1 }) } },
      cemrEditor,
    );
    expect(errorOf(change.body.errors)).toMatchObject({ code: 'CONFLICT', currentStatus: 'CLOSED' });
    const withdraw = await dialogue.query(WITHDRAW, { input: { id: response.id, version: 1 } }, cemrEditor);
    expect(errorOf(withdraw.body.errors)).toMatchObject({ code: 'CONFLICT', currentStatus: 'CLOSED' });
  });
});
