import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE, createProgrammeInput, cpmrContributor, startExchanges } from './helpers';

let exchanges: TestSubgraph;
beforeAll(async () => {
  exchanges = await startExchanges();
});
afterAll(async () => exchanges?.stop());

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Programme {
        id
        title
      }
      ... on Region {
        code
        programmeCount
      }
    }
  }
`;

describe('references', () => {
  it('resolves a Programme by id through _entities, and an unknown id to null', async () => {
    const created = await exchanges.query<{ createProgramme: { id: string } }>(
      CREATE,
      { input: createProgrammeInput() },
      cpmrContributor,
    );
    const id = created.body.data!.createProgramme.id;
    const { body } = await exchanges.query(ENTITIES, {
      representations: [
        { __typename: 'Programme', id },
        { __typename: 'Programme', id: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([{ id, title: 'Welcome desk for newcomers' }, null]);
  });

  it('adds programmeCount to Region, batched for many regions', async () => {
    await exchanges.query(CREATE, { input: createProgrammeInput({ region: 'EL43' }) }, cpmrContributor);
    const { body } = await exchanges.query(ENTITIES, {
      representations: [
        { __typename: 'Region', code: 'EL43' },
        { __typename: 'Region', code: 'BE10' },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      { code: 'EL43', programmeCount: 1 },
      { code: 'BE10', programmeCount: 0 },
    ]);
    expect(body.extensions?.sqlStatements).toBe(1);
  });
});
