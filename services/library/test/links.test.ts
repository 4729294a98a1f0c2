import { randomUUID } from 'node:crypto';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cpmrContributor,
  createResource,
  eurocitiesEditor,
  publishedResource,
  startLibrary,
  type ResourceData,
} from './helpers';

let library: TestSubgraph;
const eventId = randomUUID();
const threadId = randomUUID();
let published: ResourceData;
let draft: ResourceData;
beforeAll(async () => {
  library = await startLibrary();
  published = await publishedResource(library, {
    territories: ['EL43'],
    event: eventId,
    discussions: [threadId],
  });
  draft = await createResource(library, { territories: ['EL43'], event: eventId, discussions: [threadId] });
});
afterAll(async () => library?.stop());

const ENTITIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Region {
        code
        resourceCount
        resources(first: 10) {
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
        resources(first: 10) {
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
        materials {
          id
        }
      }
      ... on Thread {
        id
        cited: resources {
          id
        }
      }
      ... on Resource {
        id
        event {
          id
        }
        citedIn {
          id
        }
      }
    }
  }
`;

type Entity = Record<string, unknown> & {
  resources?: { totalCount: number; edges: Array<{ node: { id: string } }> } | Array<{ id: string }>;
  materials?: Array<{ id: string }>;
};

async function entities(representations: object[], caller?: Parameters<TestSubgraph['query']>[2]) {
  const { body } = await library.query<{ _entities: Array<Entity | null> }>(
    ENTITIES,
    { r: representations },
    caller,
  );
  expect(body.errors).toBeUndefined();
  return { entities: body.data!._entities, statements: body.extensions!.sqlStatements as number };
}

const nodeIds = (connection: unknown) =>
  (connection as { edges: Array<{ node: { id: string } }> }).edges.map((edge) => edge.node.id);

describe('graph links', () => {
  it('Region.resources lists resources of the region and of regions inside it; drafts only to their organisation', async () => {
    const { entities: anonymous } = await entities([
      { __typename: 'Region', code: 'EL43' },
      { __typename: 'Region', code: 'EL' },
      { __typename: 'Region', code: 'FR10' },
    ]);
    expect(anonymous.map((region) => nodeIds(region!.resources))).toEqual([
      [published.id],
      [published.id],
      [],
    ]);
    expect(anonymous.map((region) => region!.resourceCount)).toEqual([1, 1, 0]);
    const { entities: own } = await entities([{ __typename: 'Region', code: 'EL4' }], cpmrContributor);
    expect(nodeIds(own[0]!.resources).sort()).toEqual([published.id, draft.id].sort());
  });

  it('Organisation.resources, Event.materials and Thread.resources link both ways', async () => {
    const { entities: found } = await entities([
      { __typename: 'Organisation', id: 'cpmr' },
      { __typename: 'Event', id: eventId },
      { __typename: 'Thread', id: threadId },
      { __typename: 'Resource', id: published.id },
    ]);
    expect(nodeIds(found[0]!.resources)).toEqual([published.id]);
    expect(found[1]!.materials).toEqual([{ id: published.id }]);
    expect(found[2]!.cited).toEqual([{ id: published.id }]);
    expect(found[3]).toEqual({ id: published.id, event: { id: eventId }, citedIn: [{ id: threadId }] });
  });

  it('_entities answers null for a draft to anyone outside its organisation', async () => {
    const representation = { __typename: 'Resource', id: draft.id };
    expect((await entities([representation])).entities).toEqual([null]);
    expect((await entities([representation], eurocitiesEditor)).entities).toEqual([null]);
    expect((await entities([representation], cpmrContributor)).entities[0]).toMatchObject({ id: draft.id });
  });

  it('batches: the same statements for 2 and 40 regions, organisations, events and threads', async () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => [
        { __typename: 'Region', code: `EL${i}` },
        { __typename: 'Organisation', id: `org-${i}` },
        { __typename: 'Event', id: i ? randomUUID() : eventId },
        { __typename: 'Thread', id: i ? randomUUID() : threadId },
      ]).flat();
    const few = await entities(many(2));
    const lots = await entities(many(40));
    expect(lots.statements).toBe(few.statements);
    expect(lots.statements).toBeLessThanOrEqual(6);
  });
});
