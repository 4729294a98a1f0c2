import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE, create__Entity__Input, cpmrContributor, start__Name__ } from './helpers';

let __name__: TestSubgraph;
beforeAll(async () => {
  __name__ = await start__Name__();
});
afterAll(async () => __name__?.stop());

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on __Entity__ {
        id
        title
      }
      ... on Region {
        code
        __entity__Count
      }
    }
  }
`;

describe('references', () => {
  it('resolves a __Entity__ by id through _entities, and an unknown id to null', async () => {
    const created = await __name__.query<{ create__Entity__: { id: string } }>(
      CREATE,
      { input: create__Entity__Input() },
      cpmrContributor,
    );
    const id = created.body.data!.create__Entity__.id;
    const { body } = await __name__.query(ENTITIES, {
      representations: [
        { __typename: '__Entity__', id },
        { __typename: '__Entity__', id: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([{ id, title: 'Welcome desk for newcomers' }, null]);
  });

  it('adds __entity__Count to Region, batched for many regions', async () => {
    await __name__.query(CREATE, { input: create__Entity__Input({ region: 'EL43' }) }, cpmrContributor);
    const { body } = await __name__.query(ENTITIES, {
      representations: [
        { __typename: 'Region', code: 'EL43' },
        { __typename: 'Region', code: 'BE10' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      { code: 'EL43', __entity__Count: 1 },
      { code: 'BE10', __entity__Count: 0 },
    ]);
    expect(body.extensions?.sqlStatements).toBe(1);
  });
});
