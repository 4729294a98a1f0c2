import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  consultationInput,
  CONSULTATION_FIELDS,
  corContributor,
  corEditor,
  CREATE,
  createConsultation,
  errorOf,
  eurocitiesEditor,
  expectFieldError,
  islandsContributor,
  startDialogue,
  transition,
  TRANSITION,
  written,
  type ConsultationData,
} from './helpers';

let dialogue: TestSubgraph;
beforeAll(async () => {
  dialogue = await startDialogue();
});
afterAll(async () => dialogue?.stop());

const READ = /* GraphQL */ `
  query ($id: ID!) {
    consultation(id: $id) {
      id
      status
    }
  }
`;
const ADD_QUESTION = /* GraphQL */ `
  mutation ($input: AddQuestionInput!) { addQuestion(input: $input) { ${CONSULTATION_FIELDS} } }
`;
const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateConsultationInput!) { updateConsultation(input: $input) { ${CONSULTATION_FIELDS} } }
`;

describe('createConsultation', () => {
  it('creates a DRAFT with its questions in order, organised by the caller’s organisation', async () => {
    const consultation = await createConsultation(dialogue);
    expect(consultation).toMatchObject({
      status: 'DRAFT',
      version: 1,
      organiser: { id: 'cor' },
      audience: { kind: 'ALL_PARTNERS', organisations: [] },
      responseCount: 0,
    });
    expect(consultation.questions.map((q) => [q.position, q.kind])).toEqual([
      [1, 'SCALE'],
      [2, 'SINGLE_CHOICE'],
      [3, 'MULTIPLE_CHOICE'],
      [4, 'NUMBER'],
      [5, 'FREE_TEXT'],
    ]);
    expect(consultation.questions[0]).toMatchObject({
      scaleLabels: ['No need', 'Low', 'Moderate', 'High', 'Severe'],
      policyArea: 'HOUSING',
      required: true,
    });
  });

  it('answers a retry with the same idempotency key and input with the first result, writing nothing', async () => {
    const input = consultationInput();
    const first = await dialogue.query<{ createConsultation: ConsultationData }>(
      CREATE,
      { input },
      corEditor,
    );
    const before = await written(dialogue);
    const again = await dialogue.query<{ createConsultation: ConsultationData }>(
      CREATE,
      { input },
      corEditor,
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.createConsultation.id).toBe(first.body.data!.createConsultation.id);
    expect(await written(dialogue)).toEqual(before);
  });

  it('refuses the same idempotency key with other input (CONFLICT), writing nothing', async () => {
    const input = consultationInput();
    await dialogue.query(CREATE, { input }, corEditor);
    const before = await written(dialogue);
    const { body } = await dialogue.query(CREATE, { input: { ...input, title: 'Another title' } }, corEditor);
    expect(errorOf(body.errors).code).toBe('CONFLICT');
    expect(await written(dialogue)).toEqual(before);
  });

  it('checks every question against its kind, naming the question’s path', async () => {
    const before = await written(dialogue);
    const { body } = await dialogue.query(
      CREATE,
      {
        input: consultationInput({
          questions: [
            { kind: 'SCALE', prompt: 'Too few labels', scaleLabels: ['a', 'b'] },
            { kind: 'SINGLE_CHOICE', prompt: 'One option only', options: ['Only'] },
            { kind: 'MULTIPLE_CHOICE', prompt: 'Repeated options', options: ['A', 'A'] },
            { kind: 'NUMBER', prompt: 'Backwards range', min: 10, max: 1 },
            { kind: 'FREE_TEXT', prompt: 'Text with options', options: ['x', 'y'] },
            { kind: 'NUMBER', prompt: 'Number with a policy area', policyArea: 'HEALTH' },
          ],
        }),
      },
      corEditor,
    );
    expectFieldError(body.errors, 'input.questions[0].scaleLabels');
    expectFieldError(body.errors, 'input.questions[1].options');
    expectFieldError(body.errors, 'input.questions[2].options');
    expectFieldError(body.errors, 'input.questions[3].max');
    expectFieldError(body.errors, 'input.questions[4].options');
    expectFieldError(body.errors, 'input.questions[5].policyArea');
    expect(await written(dialogue)).toEqual(before);
  });

  it('checks dates and audience', async () => {
    const { body } = await dialogue.query(
      CREATE,
      {
        input: consultationInput({
          opensAt: '2030-01-02T00:00:00Z',
          closesAt: '2030-01-01T00:00:00Z',
          audience: { kind: 'MEMBERS_OF_ORGANISATION', organisations: [] },
        }),
      },
      corEditor,
    );
    expectFieldError(body.errors, 'input.closesAt');
    expectFieldError(body.errors, 'input.audience.organisations');
  });

  it('needs a signed-in writer of the organiser; another organisation only for hub admins', async () => {
    const anonymous = await dialogue.query(CREATE, { input: consultationInput() });
    expect(errorOf(anonymous.body.errors).code).toBe('UNAUTHENTICATED');
    const other = await dialogue.query(
      CREATE,
      { input: consultationInput({ organisation: 'cor' }) },
      eurocitiesEditor,
    );
    expect(errorOf(other.body.errors).code).toBe('FORBIDDEN');
    const byAdmin = await dialogue.query<{ createConsultation: ConsultationData }>(
      CREATE,
      { input: consultationInput({ organisation: 'cor' }) },
      admin,
    );
    expect(byAdmin.body.errors).toBeUndefined();
    expect(byAdmin.body.data!.createConsultation.organiser).toEqual({ id: 'cor' });
  });
});

describe('drafts', () => {
  it('are visible only to the organiser’s writers and hub admins', async () => {
    const draft = await createConsultation(dialogue);
    for (const caller of [undefined, islandsContributor, eurocitiesEditor]) {
      const { body } = await dialogue.query(READ, { id: draft.id }, caller);
      expect(body.data!.consultation).toBeNull();
    }
    for (const caller of [corEditor, corContributor, admin]) {
      const { body } = await dialogue.query(READ, { id: draft.id }, caller);
      expect(body.data!.consultation).toEqual({ id: draft.id, status: 'DRAFT' });
    }
    const list = await dialogue.query<{ consultations: { edges: Array<{ node: { id: string } }> } }>(
      '{ consultations(first: 500) { edges { node { id } } } }',
    );
    expect(list.body.data!.consultations.edges.map((e) => e.node.id)).not.toContain(draft.id);
  });

  it('take more questions (addQuestion, idempotent) and changes (updateConsultation, versioned)', async () => {
    const draft = await createConsultation(dialogue, { questions: [] });
    const input = {
      idempotencyKey: 'add-question-0001',
      consultation: draft.id,
      kind: 'SCALE',
      prompt: 'How severe is the need for language courses?',
      scaleLabels: ['1', '2', '3', '4', '5'],
      policyArea: 'EDUCATION_AND_TRAINING',
    };
    const added = await dialogue.query<{ addQuestion: ConsultationData }>(
      ADD_QUESTION,
      { input },
      corContributor,
    );
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data!.addQuestion.questions).toHaveLength(1);
    expect(added.body.data!.addQuestion.version).toBe(2);
    const replay = await dialogue.query<{ addQuestion: ConsultationData }>(
      ADD_QUESTION,
      { input },
      corContributor,
    );
    expect(replay.body.data!.addQuestion.questions).toHaveLength(1);

    const stale = await dialogue.query(
      UPDATE,
      { input: { id: draft.id, version: 1, title: 'New title' } },
      corEditor,
    );
    expect(errorOf(stale.body.errors)).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const updated = await dialogue.query<{ updateConsultation: ConsultationData }>(
      UPDATE,
      { input: { id: draft.id, version: 2, title: 'New title' } },
      corEditor,
    );
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data!.updateConsultation).toMatchObject({ title: 'New title', version: 3 });
  });
});

describe('status machine', () => {
  it('moves DRAFT → OPEN → CLOSED → RESULTS_PUBLISHED, stamping each step', async () => {
    const draft = await createConsultation(dialogue);
    const open = await transition(dialogue, 'openConsultation', draft);
    expect(open).toMatchObject({ status: 'OPEN', version: 2 });
    expect(open.openedAt).toEqual(expect.any(String));
    const closed = await transition(dialogue, 'closeConsultation', open);
    expect(closed).toMatchObject({ status: 'CLOSED', version: 3 });
    const published = await transition(dialogue, 'publishConsultationResults', closed);
    expect(published).toMatchObject({ status: 'RESULTS_PUBLISHED', version: 4 });
    expect(published.resultsPublishedAt).toEqual(expect.any(String));
  });

  it('answers an illegal move with CONFLICT and the current status, writing nothing', async () => {
    const draft = await createConsultation(dialogue);
    const before = await written(dialogue);
    for (const name of ['closeConsultation', 'publishConsultationResults'] as const) {
      const { body } = await dialogue.query(TRANSITION(name), { id: draft.id, version: 1 }, corEditor);
      expect(errorOf(body.errors), name).toMatchObject({ code: 'CONFLICT', currentStatus: 'DRAFT' });
    }
    const open = await transition(dialogue, 'openConsultation', draft);
    const again = await dialogue.query(
      TRANSITION('openConsultation'),
      { id: open.id, version: open.version },
      corEditor,
    );
    expect(errorOf(again.body.errors)).toMatchObject({ code: 'CONFLICT', currentStatus: 'OPEN' });
    expect((await written(dialogue)).audit).toBe(before.audit + 1);
  });

  it('answers a stale version with CONFLICT and the current version', async () => {
    const draft = await createConsultation(dialogue);
    const { body } = await dialogue.query(
      TRANSITION('openConsultation'),
      { id: draft.id, version: 7 },
      corEditor,
    );
    expect(errorOf(body.errors)).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
  });

  it('lets only the organiser’s editors (and admins) move it', async () => {
    const draft = await createConsultation(dialogue);
    const contributor = await dialogue.query(
      TRANSITION('openConsultation'),
      { id: draft.id, version: 1 },
      corContributor,
    );
    expect(errorOf(contributor.body.errors).code).toBe('FORBIDDEN');
    const open = await transition(dialogue, 'openConsultation', draft);
    const other = await dialogue.query(
      TRANSITION('closeConsultation'),
      { id: open.id, version: open.version },
      eurocitiesEditor,
    );
    expect(errorOf(other.body.errors).code).toBe('FORBIDDEN');
    await transition(dialogue, 'closeConsultation', open, admin);
  });

  it('does not open a consultation without questions', async () => {
    const draft = await createConsultation(dialogue, { questions: [] });
    const { body } = await dialogue.query(
      TRANSITION('openConsultation'),
      { id: draft.id, version: 1 },
      corEditor,
    );
    expectFieldError(body.errors, 'input.id');
  });

  it('freezes questions once open (CONFLICT with the current status)', async () => {
    const open = await transition(dialogue, 'openConsultation', await createConsultation(dialogue));
    const add = await dialogue.query(
      ADD_QUESTION,
      {
        input: {
          idempotencyKey: 'frozen-question-1',
          consultation: open.id,
          kind: 'FREE_TEXT',
          prompt: 'Too late?',
        },
      },
      corEditor,
    );
    expect(errorOf(add.body.errors)).toMatchObject({ code: 'CONFLICT', currentStatus: 'OPEN' });
    const replace = await dialogue.query(
      UPDATE,
      {
        input: {
          id: open.id,
          version: open.version,
          questions: [{ kind: 'FREE_TEXT', prompt: 'Too late?' }],
        },
      },
      corEditor,
    );
    expect(errorOf(replace.body.errors)).toMatchObject({ code: 'CONFLICT', currentStatus: 'OPEN' });
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const extended = await dialogue.query<{ updateConsultation: ConsultationData }>(
      UPDATE,
      { input: { id: open.id, version: open.version, closesAt: later } },
      corEditor,
    );
    expect(extended.body.errors).toBeUndefined();
    expect(extended.body.data!.updateConsultation.closesAt).toBe(later);
  });
});
