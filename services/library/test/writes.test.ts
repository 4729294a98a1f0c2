import { countRowsOn, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREATE,
  createResourceInput,
  cpmrContributor,
  eurocitiesEditor,
  startLibrary,
  UPDATE,
} from './helpers';

let library: TestSubgraph;
beforeAll(async () => {
  library = await startLibrary();
});
afterAll(async () => library?.stop());

describe('createResource', () => {
  it('records a resource for the caller organisation, once per idempotency key', async () => {
    const input = createResourceInput();
    const first = await library.query<{ createResource: { id: string } }>(CREATE, { input }, cpmrContributor);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.createResource).toMatchObject({
      title: 'Welcome desk for newcomers',
      version: 1,
      region: { code: 'FR10' },
      organisation: { id: 'cpmr' },
    });
    const retry = await library.query<{ createResource: { id: string } }>(CREATE, { input }, cpmrContributor);
    expect(retry.body.data?.createResource.id).toBe(first.body.data?.createResource.id);
    expect(await countRowsOn(library, 'resource')).toBe(1);
    expect(await countRowsOn(library, 'hub_audit_log')).toBe(1);
  });

  it('answers BAD_USER_INPUT with fieldErrors for an invalid input, and writes nothing', async () => {
    const before = await countRowsOn(library, 'resource');
    const { body } = await library.query(
      CREATE,
      { input: createResourceInput({ title: 'x', region: 'nowhere' }) },
      cpmrContributor,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (body.errors?.[0]?.extensions?.fieldErrors as Array<{ path: string }>).map(
      (error) => error.path,
    );
    expect(paths.sort()).toEqual(['input.region', 'input.title']);
    expect(await countRowsOn(library, 'resource')).toBe(before);
  });

  it('needs a signed-in caller', async () => {
    const { body } = await library.query(CREATE, { input: createResourceInput() });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('updateResource', () => {
  it('changes a resource from the version read, and refuses a stale version with currentVersion', async () => {
    const created = await library.query<{ createResource: { id: string } }>(
      CREATE,
      { input: createResourceInput() },
      cpmrContributor,
    );
    const id = created.body.data!.createResource.id;
    const updated = await library.query(
      UPDATE,
      { input: { id, version: 1, title: 'Welcome desk, extended hours' } },
      cpmrContributor,
    );
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data?.updateResource).toMatchObject({
      title: 'Welcome desk, extended hours',
      version: 2,
    });

    const stale = await library.query(
      UPDATE,
      { input: { id, version: 1, title: 'Too late' } },
      cpmrContributor,
    );
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('refuses a change by another organisation', async () => {
    const created = await library.query<{ createResource: { id: string } }>(
      CREATE,
      { input: createResourceInput() },
      cpmrContributor,
    );
    const id = created.body.data!.createResource.id;
    const { body } = await library.query(
      UPDATE,
      { input: { id, version: 1, title: 'Not yours' } },
      eurocitiesEditor,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
