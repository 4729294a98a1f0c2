import { countRowsOn, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREATE,
  create__Entity__Input,
  cpmrContributor,
  eurocitiesEditor,
  start__Name__,
  UPDATE,
} from './helpers';

let __name__: TestSubgraph;
beforeAll(async () => {
  __name__ = await start__Name__();
});
afterAll(async () => __name__?.stop());

describe('create__Entity__', () => {
  it('records a __entity_words__ for the caller organisation, once per idempotency key', async () => {
    const input = create__Entity__Input();
    const first = await __name__.query<{ create__Entity__: { id: string } }>(
      CREATE,
      { input },
      cpmrContributor,
    );
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.create__Entity__).toMatchObject({
      title: 'Welcome desk for newcomers',
      version: 1,
      region: { code: 'FR10' },
      organisation: { id: 'cpmr' },
    });
    const retry = await __name__.query<{ create__Entity__: { id: string } }>(
      CREATE,
      { input },
      cpmrContributor,
    );
    expect(retry.body.data?.create__Entity__.id).toBe(first.body.data?.create__Entity__.id);
    expect(await countRowsOn(__name__, '__entity_table__')).toBe(1);
    expect(await countRowsOn(__name__, 'hub_audit_log')).toBe(1);
  });

  it('answers BAD_USER_INPUT with fieldErrors for an invalid input, and writes nothing', async () => {
    const before = await countRowsOn(__name__, '__entity_table__');
    const { body } = await __name__.query(
      CREATE,
      { input: create__Entity__Input({ title: 'x', region: 'nowhere' }) },
      cpmrContributor,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (body.errors?.[0]?.extensions?.fieldErrors as Array<{ path: string }>).map(
      (error) => error.path,
    );
    expect(paths.sort()).toEqual(['input.region', 'input.title']);
    expect(await countRowsOn(__name__, '__entity_table__')).toBe(before);
  });

  it('needs a signed-in caller', async () => {
    const { body } = await __name__.query(CREATE, { input: create__Entity__Input() });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('update__Entity__', () => {
  it('changes a __entity_words__ from the version read, and refuses a stale version with currentVersion', async () => {
    const created = await __name__.query<{ create__Entity__: { id: string } }>(
      CREATE,
      { input: create__Entity__Input() },
      cpmrContributor,
    );
    const id = created.body.data!.create__Entity__.id;
    const updated = await __name__.query(
      UPDATE,
      { input: { id, version: 1, title: 'Welcome desk, extended hours' } },
      cpmrContributor,
    );
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data?.update__Entity__).toMatchObject({
      title: 'Welcome desk, extended hours',
      version: 2,
    });

    const stale = await __name__.query(
      UPDATE,
      { input: { id, version: 1, title: 'Too late' } },
      cpmrContributor,
    );
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('refuses a change by another organisation', async () => {
    const created = await __name__.query<{ create__Entity__: { id: string } }>(
      CREATE,
      { input: create__Entity__Input() },
      cpmrContributor,
    );
    const id = created.body.data!.create__Entity__.id;
    const { body } = await __name__.query(
      UPDATE,
      { input: { id, version: 1, title: 'Not yours' } },
      eurocitiesEditor,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
