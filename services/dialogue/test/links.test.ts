import { randomUUID } from 'node:crypto';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  corEditor,
  createConsultation,
  openConsultation,
  startDialogue,
  type ConsultationData,
} from './helpers';

let dialogue: TestSubgraph;
const eventId = randomUUID();
const threadId = randomUUID();
let open: ConsultationData;
let draft: ConsultationData;
beforeAll(async () => {
  dialogue = await startDialogue();
  open = await openConsultation(dialogue, {
    regions: ['EL41', 'EL43'],
    event: eventId,
    discussion: threadId,
  });
  draft = await createConsultation(dialogue, { regions: ['EL4'], event: eventId });
});
afterAll(async () => dialogue?.stop());

const ENTITIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Region {
        code
        consultations {
          totalCount
          edges {
            node {
              id
            }
          }
        }
      }
      ... on Organisation {
        id
        consultations(first: 10) {
          totalCount
          edges {
            node {
              id
            }
          }
        }
      }
      ... on Event {
        id
        linked: consultations {
          id
        }
      }
      ... on Consultation {
        id
        discussion {
          id
        }
        event {
          id
        }
        regions {
          code
        }
      }
    }
  }
`;

type Entity = Record<string, unknown> & {
  consultations?: { totalCount: number; edges: Array<{ node: { id: string } }> };
  linked?: Array<{ id: string }>;
};

async function entities(
  representations: Array<Record<string, string>>,
  caller = undefined as typeof corEditor | undefined,
) {
  const { body } = await dialogue.query<{ _entities: Entity[] }>(ENTITIES, { r: representations }, caller);
  expect(body.errors).toBeUndefined();
  return body.data!._entities;
}

const ids = (entity: Entity) =>
  entity.linked ? entity.linked.map((c) => c.id) : entity.consultations!.edges.map((edge) => edge.node.id);

describe('graph links', () => {
  it('Region.consultations: those concerning the region or a region within it, drafts only for the organiser', async () => {
    const [el, el41, el42, fr] = await entities(
      ['EL', 'EL41', 'EL42', 'FR'].map((code) => ({ __typename: 'Region', code })),
    );
    expect(ids(el!)).toContain(open.id);
    expect(ids(el!)).not.toContain(draft.id);
    expect(ids(el41!)).toEqual([open.id]);
    expect(ids(el42!)).toEqual([]);
    expect(ids(fr!)).toEqual([]);
    const [organiserView] = await entities([{ __typename: 'Region', code: 'EL' }], corEditor);
    expect(ids(organiserView!)).toEqual(expect.arrayContaining([open.id, draft.id]));
  });

  it('Organisation.consultations: those it organises', async () => {
    const [cor, cpmr] = await entities([
      { __typename: 'Organisation', id: 'cor' },
      { __typename: 'Organisation', id: 'cpmr' },
    ]);
    expect(ids(cor!)).toEqual([open.id]);
    expect(ids(cpmr!)).toEqual([]);
  });

  it('Event.consultations and Consultation.discussion / event / regions', async () => {
    const [event, consultation] = await entities([
      { __typename: 'Event', id: eventId },
      { __typename: 'Consultation', id: open.id },
    ]);
    expect(ids(event!)).toEqual([open.id]);
    expect(consultation).toEqual({
      id: open.id,
      discussion: { id: threadId },
      event: { id: eventId },
      regions: [{ code: 'EL41' }, { code: 'EL43' }],
    });
    const [draftEntity] = await entities([{ __typename: 'Consultation', id: draft.id }]);
    expect(draftEntity).toBeNull();
  });

  it('Region.consultations and Organisation.consultations cost the same SQL statements for 2 or 9 keys', async () => {
    const statements = async (codes: string[]) => {
      const { body } = await dialogue.query(ENTITIES, {
        r: [
          ...codes.map((code) => ({ __typename: 'Region', code })),
          ...codes.map((code) => ({ __typename: 'Organisation', id: code.toLowerCase() + '-org' })),
        ],
      });
      expect(body.errors).toBeUndefined();
      return body.extensions!.sqlStatements as number;
    };
    const few = await statements(['EL', 'EL41']);
    const many = await statements(['EL', 'EL41', 'EL42', 'EL43', 'FR', 'DE', 'ES', 'IT', 'PT']);
    expect(many).toBe(few);
  });
});
