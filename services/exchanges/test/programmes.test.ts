import { randomUUID } from 'node:crypto';
import { expectFieldError, findExecutableHtml, XSS_PAYLOADS, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aerContributor,
  cemrContributor,
  corContributor,
  corEditor,
  errorOf,
  eurocitiesEditor,
  mutate,
  openProgramme,
  programmeInput,
  PROGRAMME_FIELDS,
  refused,
  startExchanges,
  written,
  apply,
} from './helpers';

let exchanges: TestSubgraph;
beforeAll(async () => {
  exchanges = await startExchanges();
});
afterAll(async () => exchanges?.stop());

describe('programmes', () => {
  it('are created as DRAFT, idempotently, with the description sanitised', async () => {
    const input = programmeInput({
      description: 'Read [this](javascript:alert(1)) <script>alert(2)</script> **now**',
    });
    const first = await mutate(exchanges, 'createProgramme', input, corContributor, PROGRAMME_FIELDS);
    const retry = await mutate(exchanges, 'createProgramme', input, corContributor, PROGRAMME_FIELDS);
    expect(retry).toEqual(first);
    expect(first).toMatchObject({
      status: 'DRAFT',
      version: 1,
      organiser: { id: 'cor' },
      startsOn: '2027-01-15',
    });
    expect(first.descriptionHtml).toContain('<strong>now</strong>');
    expect(findExecutableHtml(first.descriptionHtml as string)).toEqual([]);
    for (const payload of XSS_PAYLOADS) {
      const created = await mutate(
        exchanges,
        'createProgramme',
        programmeInput({ description: payload }),
        corEditor,
        'id descriptionHtml',
      );
      expect(findExecutableHtml(created.descriptionHtml as string), payload).toEqual([]);
    }
    const other = await refused(
      exchanges,
      'createProgramme',
      { ...input, title: 'Another title' },
      corContributor,
    );
    expect(errorOf(other).code).toBe('CONFLICT');
  });

  it('check their dates and lists', async () => {
    const before = await written(exchanges);
    const errors = await refused(
      exchanges,
      'createProgramme',
      programmeInput({ applicationsCloseAt: '2020-01-01T00:00:00Z', endsOn: '2026-01-01', languages: [] }),
      corEditor,
    );
    expectFieldError(errors, 'input.applicationsCloseAt');
    expectFieldError(errors, 'input.endsOn');
    expectFieldError(errors, 'input.languages');
    expect(await written(exchanges)).toEqual(before);
  });

  it('are only for their organisation to create and change', async () => {
    const errors = await refused(
      exchanges,
      'createProgramme',
      programmeInput({ organisation: 'cor' }),
      aerContributor,
    );
    expect(errorOf(errors).code).toBe('FORBIDDEN');
    const draft = await mutate(exchanges, 'createProgramme', programmeInput(), corEditor);
    const update = await refused(
      exchanges,
      'updateProgramme',
      { id: draft.id, version: 1, title: 'Taken over' },
      aerContributor,
    );
    expect(errorOf(update).code).toBe('NOT_FOUND'); // a draft of another organisation is not revealed
    const stale = await refused(
      exchanges,
      'updateProgramme',
      { id: draft.id, version: 9, places: 3 },
      corEditor,
    );
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    const updated = await mutate(
      exchanges,
      'updateProgramme',
      { id: draft.id, version: 1, places: 3 },
      corContributor,
      'id status version places',
    );
    expect(updated).toMatchObject({ version: 2, places: 3 });
  });

  it('move DRAFT → CALL_OPEN → RUNNING → CLOSED by editors only, any other move a CONFLICT', async () => {
    const draft = await mutate(exchanges, 'createProgramme', programmeInput(), corEditor);
    expect(
      errorOf(await refused(exchanges, 'openProgrammeCall', { id: draft.id, version: 1 }, corContributor))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      errorOf(await refused(exchanges, 'closeProgramme', { id: draft.id, version: 1 }, corEditor)),
    ).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'DRAFT',
    });
    const open = await mutate(exchanges, 'openProgrammeCall', { id: draft.id, version: 1 }, corEditor);
    expect(open.status).toBe('CALL_OPEN');
    expect(
      errorOf(await refused(exchanges, 'openProgrammeCall', { id: draft.id, version: 2 }, corEditor)),
    ).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'CALL_OPEN',
    });
    const running = await mutate(exchanges, 'closeProgrammeCall', { id: draft.id, version: 2 }, corEditor);
    const closed = await mutate(
      exchanges,
      'closeProgramme',
      { id: draft.id, version: running.version },
      corEditor,
    );
    expect(closed.status).toBe('CLOSED');
    const late = await refused(
      exchanges,
      'updateProgramme',
      { id: draft.id, version: closed.version, places: 2 },
      corEditor,
    );
    expect(errorOf(late)).toMatchObject({ code: 'CONFLICT', currentStatus: 'CLOSED' });
  });

  it('are public once their call opened; drafts only for the organiser', async () => {
    const draft = await mutate(
      exchanges,
      'createProgramme',
      programmeInput({ title: 'Draft programme' }),
      corEditor,
    );
    const open = await openProgramme(exchanges, { title: 'Open programme' });
    const titles = async (caller?: Parameters<TestSubgraph['query']>[2]) => {
      const { body } = await exchanges.query<{ programmes: { edges: Array<{ node: { id: string } }> } }>(
        '{ programmes(first: 500) { edges { node { id } } } }',
        {},
        caller,
      );
      return body.data!.programmes.edges.map((edge) => edge.node.id);
    };
    expect(await titles()).toContain(open.id);
    expect(await titles()).not.toContain(draft.id);
    expect(await titles(eurocitiesEditor)).not.toContain(draft.id);
    expect(await titles(corContributor)).toContain(draft.id);
    const entities = await exchanges.query<{ _entities: unknown[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { id } } }',
      {
        r: [
          { __typename: 'Programme', id: draft.id },
          { __typename: 'Programme', id: open.id },
        ],
      },
    );
    expect(entities.body.data!._entities).toEqual([null, { id: open.id }]);
  });
});

describe('applications', () => {
  it('are one per programme, organisation, territory and role; editable with their version while the call is open; withdrawable', async () => {
    const programme = await openProgramme(exchanges);
    const first = await apply(exchanges, programme, cemrContributor, {});
    const second = await refused(
      exchanges,
      'createApplication',
      {
        idempotencyKey: randomUUID(),
        programme: programme.id,
        territory: 'AT13',
        role: 'MENTEE',
        areas: [{ policyArea: 'HOUSING', text: 'x' }],
        languages: ['en'],
      },
      cemrContributor,
    );
    expect(errorOf(second)).toMatchObject({ code: 'CONFLICT', existingId: first.id });
    await apply(exchanges, programme, cemrContributor, { role: 'MENTOR' }); // the other role is another application

    const updated = await mutate(
      exchanges,
      'updateApplication',
      { id: first.id, version: 1, languages: ['de', 'en'] },
      cemrContributor,
      'id status version languages',
    );
    expect(updated).toMatchObject({ version: 2, languages: ['de', 'en'] });
    const stale = await refused(
      exchanges,
      'updateApplication',
      { id: first.id, version: 1, languages: ['fr'] },
      cemrContributor,
    );
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const byOther = await refused(
      exchanges,
      'updateApplication',
      { id: first.id, version: 2, languages: ['fr'] },
      aerContributor,
    );
    expect(errorOf(byOther).code).toBe('NOT_FOUND');
    const withdrawn = await mutate(
      exchanges,
      'withdrawApplication',
      { id: first.id, version: 2 },
      cemrContributor,
    );
    expect(withdrawn.status).toBe('WITHDRAWN');
    const again = await apply(exchanges, programme, cemrContributor, {});
    expect(again.id).not.toBe(first.id);
  });

  it('are taken only while the call is open', async () => {
    const draft = await mutate(exchanges, 'createProgramme', programmeInput(), corEditor);
    const toDraft = await refused(
      exchanges,
      'createApplication',
      {
        idempotencyKey: randomUUID(),
        programme: draft.id,
        territory: 'AT13',
        role: 'MENTEE',
        areas: [{ policyArea: 'HOUSING', text: 'x' }],
        languages: ['en'],
      },
      corEditor,
    );
    expect(errorOf(toDraft)).toMatchObject({ code: 'CONFLICT', currentStatus: 'DRAFT' });
    const future = await openProgramme(exchanges, {
      applicationsOpenAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const early = await refused(
      exchanges,
      'createApplication',
      {
        idempotencyKey: randomUUID(),
        programme: future.id,
        territory: 'AT13',
        role: 'MENTEE',
        areas: [{ policyArea: 'HOUSING', text: 'x' }],
        languages: ['en'],
      },
      cemrContributor,
    );
    expect(errorOf(early)).toMatchObject({ code: 'CONFLICT', currentStatus: 'CALL_OPEN' });
  });

  it('are seen only by their organisation and the organiser’s editors and admins', async () => {
    const programme = await openProgramme(exchanges);
    const application = await apply(exchanges, programme, cemrContributor, {});
    const seenBy = async (caller?: Parameters<TestSubgraph['query']>[2]) => {
      const { body } = await exchanges.query<{
        application: { id: string } | null;
        programme: { applications: { totalCount: number; edges: unknown[] } };
        _entities: unknown[];
      }>(
        `query ($id: ID!, $programme: ID!, $r: [_Any!]!) {
          application(id: $id) { id }
          programme(id: $programme) { applications { totalCount edges { node { id } } } }
          _entities(representations: $r) { ... on Application { id } }
        }`,
        {
          id: application.id,
          programme: programme.id,
          r: [{ __typename: 'Application', id: application.id }],
        },
        caller,
      );
      expect(body.errors).toBeUndefined();
      const data = body.data!;
      return [data.application !== null, data.programme.applications.totalCount, data._entities[0] !== null];
    };
    expect(await seenBy(cemrContributor)).toEqual([true, 1, true]);
    expect(await seenBy(corEditor)).toEqual([true, 1, true]);
    expect(await seenBy(eurocitiesEditor)).toEqual([false, 0, false]);
    expect(await seenBy(corContributor)).toEqual([false, 0, false]);
    expect(await seenBy()).toEqual([false, 0, false]);
  });
});
