import { countRowsOn, expectFieldError, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  ARCHIVE,
  CREATE,
  createResource,
  createResourceInput,
  cpmrContributor,
  cpmrEditor,
  cpmrModerator,
  eurocitiesEditor,
  PUBLISH,
  startLibrary,
  UPDATE,
} from './helpers';

let library: TestSubgraph;
beforeAll(async () => {
  library = await startLibrary();
});
afterAll(async () => library?.stop());

describe('createResource', () => {
  it('records a DRAFT for the caller organisation, once per idempotency key', async () => {
    const input = createResourceInput({
      versions: [
        { language: 'en', title: 'Refugee welcome desk in Paris', summary: 'One desk for newcomers.' },
      ],
      location: { longitude: 2.35, latitude: 48.85 },
    });
    const before = await countRowsOn(library, 'resource');
    const first = await library.query<{ createResource: { id: string } }>(CREATE, { input }, cpmrContributor);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.createResource).toMatchObject({
      kind: 'GOOD_PRACTICE',
      status: 'DRAFT',
      language: 'fr',
      version: 1,
      publishedOn: '2025-06-30',
      territories: [{ code: 'FR10' }],
      publisher: { id: 'cpmr' },
    });
    const retry = await library.query<{ createResource: { id: string } }>(CREATE, { input }, cpmrContributor);
    expect(retry.body.data?.createResource.id).toBe(first.body.data?.createResource.id);
    expect(await countRowsOn(library, 'resource')).toBe(before + 1);
  });

  it('answers BAD_USER_INPUT with a path for each invalid field, and writes nothing', async () => {
    const before = await countRowsOn(library, 'resource');
    const { body } = await library.query(
      CREATE,
      {
        input: createResourceInput({
          title: 'x',
          territories: ['nowhere'],
          location: { longitude: 200, latitude: 95 },
          link: 'javascript:alert(1)',
          versions: [{ language: 'fr', title: 'Doublon', summary: 'Même langue' }],
        }),
      },
      cpmrContributor,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const path of [
      'input.title',
      'input.territories',
      'input.location.longitude',
      'input.location.latitude',
      'input.link',
    ]) {
      expectFieldError(body.errors, path);
    }
    expect(await countRowsOn(library, 'resource')).toBe(before);
    const sameLanguage = await library.query(
      CREATE,
      {
        input: createResourceInput({
          versions: [{ language: 'fr', title: 'Doublon', summary: 'Même langue' }],
        }),
      },
      cpmrContributor,
    );
    expectFieldError(sameLanguage.body.errors, 'input.versions[0].language');
  });

  it('needs a signed-in contributor or editor of an organisation', async () => {
    const anonymous = await library.query(CREATE, { input: createResourceInput() });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const moderator = await library.query(CREATE, { input: createResourceInput() }, cpmrModerator);
    expect(moderator.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('updateResource', () => {
  it('changes a resource from the version read, and refuses a stale version with currentVersion', async () => {
    const { id } = await createResource(library);
    const updated = await library.query(
      UPDATE,
      { input: { id, version: 1, title: 'Guichet d’accueil, horaires étendus', location: null } },
      cpmrEditor,
    );
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data?.updateResource).toMatchObject({
      title: 'Guichet d’accueil, horaires étendus',
      version: 2,
    });
    const stale = await library.query(UPDATE, { input: { id, version: 1, title: 'Trop tard' } }, cpmrEditor);
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('is for editors of the publisher: not its contributors, not other organisations', async () => {
    const { id } = await createResource(library);
    const contributor = await library.query(
      UPDATE,
      { input: { id, version: 1, title: 'Pas moi' } },
      cpmrContributor,
    );
    expect(contributor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // a draft of another organisation is not even found
    const other = await library.query(
      UPDATE,
      { input: { id, version: 1, title: 'Pas à nous' } },
      eurocitiesEditor,
    );
    expect(other.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('status: DRAFT → PUBLISHED → ARCHIVED', () => {
  it('publishes by an editor, archives by a moderator, and refuses any other move with currentStatus', async () => {
    const { id } = await createResource(library);
    const byContributor = await library.query(PUBLISH, { input: { id, version: 1 } }, cpmrContributor);
    expect(byContributor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const published = await library.query(PUBLISH, { input: { id, version: 1 } }, cpmrEditor);
    expect(published.body.data?.publishResource).toMatchObject({ status: 'PUBLISHED', version: 2 });
    const again = await library.query(PUBLISH, { input: { id, version: 2 } }, cpmrEditor);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'PUBLISHED',
    });
    const archiveByEditor = await library.query(ARCHIVE, { input: { id, version: 2 } }, cpmrEditor);
    expect(archiveByEditor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOtherAdmin = await library.query(ARCHIVE, { input: { id, version: 2 } }, eurocitiesEditor);
    expect(byOtherAdmin.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const archived = await library.query(ARCHIVE, { input: { id, version: 2 } }, cpmrModerator);
    expect(archived.body.data?.archiveResource).toMatchObject({ status: 'ARCHIVED', version: 3 });
    const change = await library.query(UPDATE, { input: { id, version: 3, title: 'Archivé' } }, cpmrEditor);
    expect(change.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'ARCHIVED',
    });
  });

  it('lets a hub admin archive any publisher’s resource', async () => {
    const { id } = await createResource(library);
    await library.query(PUBLISH, { input: { id, version: 1 } }, cpmrEditor);
    const archived = await library.query(ARCHIVE, { input: { id, version: 2 } }, admin);
    expect(archived.body.data?.archiveResource).toMatchObject({ status: 'ARCHIVED' });
  });

  it('records one audit row per write', async () => {
    const before = await countRowsOn(library, 'hub_audit_log');
    const { id } = await createResource(library);
    await library.query(PUBLISH, { input: { id, version: 1 } }, cpmrEditor);
    expect(await countRowsOn(library, 'hub_audit_log')).toBe(before + 2);
  });
});
