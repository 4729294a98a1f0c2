import { countRowsOn, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREATE,
  createProgrammeInput,
  cpmrContributor,
  eurocitiesEditor,
  startExchanges,
  UPDATE,
} from './helpers';

let exchanges: TestSubgraph;
beforeAll(async () => {
  exchanges = await startExchanges();
});
afterAll(async () => exchanges?.stop());

describe('createProgramme', () => {
  it('records a programme for the caller organisation, once per idempotency key', async () => {
    const input = createProgrammeInput();
    const first = await exchanges.query<{ createProgramme: { id: string } }>(
      CREATE,
      { input },
      cpmrContributor,
    );
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.createProgramme).toMatchObject({
      title: 'Welcome desk for newcomers',
      version: 1,
      region: { code: 'FR10' },
      organisation: { id: 'cpmr' },
    });
    const retry = await exchanges.query<{ createProgramme: { id: string } }>(
      CREATE,
      { input },
      cpmrContributor,
    );
    expect(retry.body.data?.createProgramme.id).toBe(first.body.data?.createProgramme.id);
    expect(await countRowsOn(exchanges, 'programme')).toBe(1);
    expect(await countRowsOn(exchanges, 'hub_audit_log')).toBe(1);
  });

  it('answers BAD_USER_INPUT with fieldErrors for an invalid input, and writes nothing', async () => {
    const before = await countRowsOn(exchanges, 'programme');
    const { body } = await exchanges.query(
      CREATE,
      { input: createProgrammeInput({ title: 'x', region: 'nowhere' }) },
      cpmrContributor,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (body.errors?.[0]?.extensions?.fieldErrors as Array<{ path: string }>).map(
      (error) => error.path,
    );
    expect(paths.sort()).toEqual(['input.region', 'input.title']);
    expect(await countRowsOn(exchanges, 'programme')).toBe(before);
  });

  it('needs a signed-in caller', async () => {
    const { body } = await exchanges.query(CREATE, { input: createProgrammeInput() });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('updateProgramme', () => {
  it('changes a programme from the version read, and refuses a stale version with currentVersion', async () => {
    const created = await exchanges.query<{ createProgramme: { id: string } }>(
      CREATE,
      { input: createProgrammeInput() },
      cpmrContributor,
    );
    const id = created.body.data!.createProgramme.id;
    const updated = await exchanges.query(
      UPDATE,
      { input: { id, version: 1, title: 'Welcome desk, extended hours' } },
      cpmrContributor,
    );
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data?.updateProgramme).toMatchObject({
      title: 'Welcome desk, extended hours',
      version: 2,
    });

    const stale = await exchanges.query(
      UPDATE,
      { input: { id, version: 1, title: 'Too late' } },
      cpmrContributor,
    );
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('refuses a change by another organisation', async () => {
    const created = await exchanges.query<{ createProgramme: { id: string } }>(
      CREATE,
      { input: createProgrammeInput() },
      cpmrContributor,
    );
    const id = created.body.data!.createProgramme.id;
    const { body } = await exchanges.query(
      UPDATE,
      { input: { id, version: 1, title: 'Not yours' } },
      eurocitiesEditor,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
