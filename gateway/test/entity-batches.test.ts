import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupeRepresentations, expandEntities } from '../src/entity-batches';
import { startFixtureHub, type FixtureHub } from './fixtures/hub';

let hub: FixtureHub;

beforeAll(async () => {
  hub = await startFixtureHub();
});

afterAll(async () => {
  await hub?.stop();
});

describe('entity fetches send each distinct representation once', () => {
  it('resolves 2 distinct greetings for 100 occurrences and answers every occurrence', async () => {
    const before = hub.subgraphs.reactions.representations;
    const response = await hub.query('{ repeatedGreetings(times: 50) { id likes } }');
    expect(response.status).toBe(200);
    const greetings = (response.body.data as { repeatedGreetings: Array<{ id: string; likes: number }> })
      .repeatedGreetings;
    expect(greetings).toHaveLength(100);
    greetings.forEach((greeting, index) => {
      expect(greeting).toEqual(index % 2 === 0 ? { id: '1', likes: 10 } : { id: '2', likes: 20 });
    });
    expect(hub.subgraphs.reactions.representations - before).toBe(2);
  });

  it('reports an error under a repeated entity at every occurrence, with its own path', async () => {
    const response = await hub.query('{ repeatedGreetings(times: 3) { id reactionsOfFirstOnly } }');
    const body = response.body as unknown as {
      data: { repeatedGreetings: Array<{ id: string; reactionsOfFirstOnly: number | null }> };
      errors: Array<{ path: Array<string | number>; extensions: { code: string } }>;
    };
    expect(body.data.repeatedGreetings.map((greeting) => greeting.reactionsOfFirstOnly)).toEqual([
      1,
      null,
      1,
      null,
      1,
      null,
    ]);
    expect(body.errors.map((error) => error.path)).toEqual([
      ['repeatedGreetings', 1, 'reactionsOfFirstOnly'],
      ['repeatedGreetings', 3, 'reactionsOfFirstOnly'],
      ['repeatedGreetings', 5, 'reactionsOfFirstOnly'],
    ]);
    expect(body.errors.every((error) => error.extensions.code === 'NOT_FOUND')).toBe(true);
  });
});

describe('dedupeRepresentations and expandEntities', () => {
  it('keeps first occurrences in order and maps every position', () => {
    const batch = dedupeRepresentations([
      { __typename: 'Region', code: 'EL30' },
      { __typename: 'Region', code: 'FRH0' },
      { __typename: 'Region', code: 'EL30' },
    ]);
    expect(batch.unique).toEqual([
      { __typename: 'Region', code: 'EL30' },
      { __typename: 'Region', code: 'FRH0' },
    ]);
    expect(batch.positions).toEqual([0, 1, 0]);
  });

  it('gives repeated occurrences their own copies, so merging into one leaves the other alone', () => {
    const batch = dedupeRepresentations([{ code: 'A' }, { code: 'A' }]);
    const result = expandEntities({ data: { _entities: [{ code: 'A', parent: { code: 'P' } }] } }, batch);
    const [first, second] = result.data!._entities as Array<{ parent: { code: string; name?: string } }>;
    first!.parent.name = 'merged later';
    expect(second!.parent).toEqual({ code: 'P' });
  });
});
