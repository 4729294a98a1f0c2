import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE, createResourceInput, cpmrContributor, startLibrary } from './helpers';

let library: TestSubgraph;
beforeAll(async () => {
  library = await startLibrary();
});
afterAll(async () => library?.stop());

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Resource {
        id
        title
      }
      ... on Region {
        code
        resourceCount
      }
    }
  }
`;

describe('references', () => {
  it('resolves a Resource by id through _entities, and an unknown id to null', async () => {
    const created = await library.query<{ createResource: { id: string } }>(
      CREATE,
      { input: createResourceInput() },
      cpmrContributor,
    );
    const id = created.body.data!.createResource.id;
    const { body } = await library.query(ENTITIES, {
      representations: [
        { __typename: 'Resource', id },
        { __typename: 'Resource', id: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([{ id, title: 'Welcome desk for newcomers' }, null]);
  });

  it('adds resourceCount to Region, batched for many regions', async () => {
    await library.query(CREATE, { input: createResourceInput({ region: 'EL43' }) }, cpmrContributor);
    const { body } = await library.query(ENTITIES, {
      representations: [
        { __typename: 'Region', code: 'EL43' },
        { __typename: 'Region', code: 'BE10' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      { code: 'EL43', resourceCount: 1 },
      { code: 'BE10', resourceCount: 0 },
    ]);
    expect(body.extensions?.sqlStatements).toBe(1);
  });
});
