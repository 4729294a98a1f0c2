import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  aerContributor,
  answersFor,
  cemrEditor,
  corContributor,
  corEditor,
  eurocitiesEditor,
  islandsContributor,
  openConsultation,
  respond,
  startDialogue,
  transition,
  type ConsultationData,
  type ResponseData,
} from './helpers';

let dialogue: TestSubgraph;
let consultation: ConsultationData;
const responses: ResponseData[] = [];
beforeAll(async () => {
  dialogue = await startDialogue();
  consultation = await openConsultation(dialogue);
  responses.push(
    await respond(
      dialogue,
      consultation,
      'EL41',
      answersFor(consultation, { scale: 4, text: 'Private' }),
      islandsContributor,
    ),
  );
  responses.push(
    await respond(dialogue, consultation, 'EL42', answersFor(consultation, { scale: 3 }), aerContributor),
  );
  responses.push(
    await respond(dialogue, consultation, 'EL43', answersFor(consultation, { scale: 5 }), cemrEditor),
  );
});
afterAll(async () => dialogue?.stop());

const BY_ID = /* GraphQL */ `
  query ($id: ID!) {
    response(id: $id) {
      id
      answers {
        scale
        text
      }
    }
  }
`;
const ENTITIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Response {
        id
        answers {
          scale
          text
        }
      }
    }
  }
`;
const LIST = /* GraphQL */ `
  query ($id: ID!) {
    consultation(id: $id) {
      responseCount
      responses {
        totalCount
        edges {
          node {
            id
            organisation {
              id
            }
          }
        }
      }
    }
  }
`;
const RESULTS = /* GraphQL */ `
  query ($id: ID!) {
    consultation(id: $id) {
      status
      results {
        responseCount
      }
      resultsCsv
    }
  }
`;

interface ListData {
  consultation: {
    responseCount: number;
    responses: { totalCount: number; edges: Array<{ node: { id: string; organisation: { id: string } } }> };
  };
}

describe('responses are private', () => {
  it('a fourth organisation cannot read one: not by id, not through _entities, not in the list', async () => {
    for (const caller of [eurocitiesEditor, corContributor, undefined]) {
      for (const response of responses) {
        const byId = await dialogue.query(BY_ID, { id: response.id }, caller);
        expect(byId.body.errors).toBeUndefined();
        expect(byId.body.data!.response).toBeNull();
        const entities = await dialogue.query(
          ENTITIES,
          { r: [{ __typename: 'Response', id: response.id }] },
          caller,
        );
        expect(entities.body.data!._entities).toEqual([null]);
      }
      const list = await dialogue.query<ListData>(LIST, { id: consultation.id }, caller);
      expect(list.body.data!.consultation.responses).toEqual({ totalCount: 0, edges: [] });
      expect(list.body.data!.consultation.responseCount).toBe(3); // the count is public, the content is not
    }
  });

  it('the responding organisation reads its own response only', async () => {
    const own = await dialogue.query(BY_ID, { id: responses[0]!.id }, islandsContributor);
    expect(own.body.data!.response).toEqual({
      id: responses[0]!.id,
      answers: [
        { scale: 4, text: null },
        { scale: null, text: 'Private' },
      ],
    });
    const other = await dialogue.query(BY_ID, { id: responses[1]!.id }, islandsContributor);
    expect(other.body.data!.response).toBeNull();
    const list = await dialogue.query<ListData>(LIST, { id: consultation.id }, islandsContributor);
    expect(list.body.data!.consultation.responses.edges.map((e) => e.node.id)).toEqual([responses[0]!.id]);
  });

  it("the organiser's editors and hub admins read every response, also through _entities", async () => {
    for (const caller of [corEditor, admin]) {
      const list = await dialogue.query<ListData>(LIST, { id: consultation.id }, caller);
      expect(list.body.data!.consultation.responses.totalCount).toBe(3);
      expect(list.body.data!.consultation.responses.edges.map((e) => e.node.organisation.id)).toEqual([
        'cpmr-islands-commission',
        'aer',
        'cemr',
      ]);
      const entities = await dialogue.query<{ _entities: Array<{ id: string } | null> }>(
        ENTITIES,
        { r: responses.map((response) => ({ __typename: 'Response', id: response.id })) },
        caller,
      );
      expect(entities.body.data!._entities.map((entity) => entity?.id)).toEqual(responses.map((r) => r.id));
    }
  });
});

describe('results', () => {
  it('are null for everybody, anonymous callers and the organiser included, until RESULTS_PUBLISHED', async () => {
    const fresh = await openConsultation(dialogue);
    for (const step of ['open', 'closed'] as const) {
      for (const caller of [undefined, corEditor, admin]) {
        const { body } = await dialogue.query<{ consultation: { results: unknown; resultsCsv: unknown } }>(
          RESULTS,
          { id: fresh.id },
          caller,
        );
        expect(body.data!.consultation.results, `${step}`).toBeNull();
        expect(body.data!.consultation.resultsCsv, `${step}`).toBeNull();
      }
      if (step === 'open') Object.assign(fresh, await transition(dialogue, 'closeConsultation', fresh));
    }
    await transition(dialogue, 'publishConsultationResults', fresh);
    const { body } = await dialogue.query<{ consultation: { results: { responseCount: number } } }>(RESULTS, {
      id: fresh.id,
    });
    expect(body.data!.consultation.results).toEqual({ responseCount: 0 });
  });
});
