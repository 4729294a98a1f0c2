import { randomUUID } from 'node:crypto';
import {
  AcceptPairingDocument,
  ActivatePairingDocument,
  CompletePairingDocument,
  CreateApplicationDocument,
  CreateEventDocument,
  CreateLibraryResourceDocument,
  CreatePairingDocument,
  CreateProgrammeDocument,
  DeclinePairingDocument,
  OpenProgrammeCallDocument,
  PairingDetailsDocument,
  PublishEventDocument,
  PublishLibraryResourceDocument,
  RecordPairingFeedbackDocument,
  RegionPairingsDocument,
  SuggestedMentorsDocument,
  UpdatePairingDocument,
  WithdrawPairingDocument,
} from '@hub/codegen';
import { INTERNAL_TOKEN_HEADER } from '@hub/kit';
import { postGraphQL, sqlOn, subscribeForTest, testCaller, waitFor } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationInput,
  ok,
  PAIRING_CHANGED_TOPIC,
  programmeInput,
  refusedThrough,
} from './exchanges-fixtures';
import { gatewayInternalToken, startTestHub, type TestHub } from './harness';

/**
 * Issue 15's checks through the real hub (every subgraph and the gateway): a mentoring programme's whole cycle
 * with three organisations (the CoR organises, AER mentors for AT12, CEMR is mentored for AT13); one-sided
 * acceptance; illegal moves refused without writing; what a fourth organisation (Eurocities) sees; the
 * suggested mentors' evidence from the seeded indicators, regions and dialogue; pairingChanged over graphql-ws.
 */

let hub: TestHub;
let tokens: Record<'cor' | 'aer' | 'cemr' | 'eurocities', string>;
beforeAll(async () => {
  hub = await startTestHub();
  tokens = {
    cor: await hub.token('cor', ['editor']),
    aer: await hub.token('aer', ['contributor']),
    cemr: await hub.token('cemr', ['contributor']),
    eurocities: await hub.token('eurocities', ['editor']),
  };
});
afterAll(async () => hub?.stop());

/** Rows of the exchanges database: a refused move must leave them as they were. */
async function exchangesState(pairing: string) {
  const exchanges = hub.subgraphs.exchanges!;
  const [row] = await sqlOn(exchanges, 'SELECT * FROM pairing WHERE id = ?', [pairing]);
  const [audit] = await sqlOn<{ n: string }>(exchanges, 'SELECT count(*) AS n FROM hub_audit_log');
  return { row, audit: audit!.n };
}

/** A programme of the CoR with its call open, an AER mentor and a CEMR mentee application. */
async function programmeWithApplications() {
  const { createProgramme: draft } = await ok(
    hub,
    CreateProgrammeDocument,
    { input: programmeInput() as never },
    tokens.cor,
  );
  const { openProgrammeCall: programme } = await ok(
    hub,
    OpenProgrammeCallDocument,
    { input: { id: draft.id, version: draft.version } },
    tokens.cor,
  );
  const { createApplication: mentor } = await ok(
    hub,
    CreateApplicationDocument,
    { input: applicationInput(programme.id, 'AT12', 'MENTOR') as never },
    tokens.aer,
  );
  const { createApplication: mentee } = await ok(
    hub,
    CreateApplicationDocument,
    { input: applicationInput(programme.id, 'AT13', 'MENTEE') as never },
    tokens.cemr,
  );
  return { programme, mentor, mentee };
}

async function propose(mentor: string, mentee: string) {
  const input = {
    idempotencyKey: randomUUID(),
    mentorApplication: mentor,
    menteeApplication: mentee,
    policyAreas: ['EMPLOYMENT_AND_SKILLS'],
  };
  return (await ok(hub, CreatePairingDocument, { input: input as never }, tokens.cor)).createPairing;
}

/** A published event of `kind` hosted in Wien, organised by the CoR (a pairing's visit). */
async function publishedEvent(kind: string): Promise<string> {
  const input = {
    idempotencyKey: randomUUID(),
    title: 'Study visit to St. Pölten job centres',
    summary: 'The mentee visits the mentor.',
    kind,
    strand: 'CAPACITY_BUILDING',
    policyAreas: ['EMPLOYMENT_AND_SKILLS'],
    startsAt: '2027-03-10T08:00:00.000Z',
    endsAt: '2027-03-10T16:00:00.000Z',
    timeZone: 'Europe/Vienna',
    format: 'IN_PERSON',
    hostRegions: ['AT12'],
    organisers: ['cor'],
    languages: ['de'],
    venue: { name: 'AMS Niederösterreich', city: 'St. Pölten', isoCountryCode: 'AT' },
  };
  const { createEvent } = await ok(hub, CreateEventDocument, { input: input as never }, tokens.cor);
  await ok(
    hub,
    PublishEventDocument,
    { input: { id: createEvent.id, version: createEvent.version } },
    tokens.cor,
  );
  return createEvent.id;
}

/** A published good practice of the CoR (a pairing's output). */
async function publishedResource(): Promise<string> {
  const input = {
    idempotencyKey: randomUUID(),
    kind: 'GOOD_PRACTICE',
    language: 'en',
    title: 'Job coaching for newcomers: what Wien learnt from Niederösterreich',
    summary: 'Output of a mentoring pairing.',
    body: 'What was done, by whom, with what result.',
    publishedOn: '2026-12-01',
    territories: ['AT13'],
    policyAreas: ['EMPLOYMENT_AND_SKILLS'],
  };
  const { createResource } = await ok(
    hub,
    CreateLibraryResourceDocument,
    { input: input as never },
    tokens.cor,
  );
  await ok(
    hub,
    PublishLibraryResourceDocument,
    { input: { id: createResource.id, version: createResource.version } as never },
    tokens.cor,
  );
  return createResource.id;
}

describe('a mentoring cycle through the gateway', () => {
  let pairingId: string;
  let applications: { mentor: string; mentee: string };

  it('runs the full cycle with the organiser, the mentor and the mentee', async () => {
    const { mentor, mentee } = await programmeWithApplications();
    applications = { mentor: mentor.id, mentee: mentee.id };
    expect(mentor.territory).toEqual({ code: 'AT12', name: expect.any(String) });

    const proposed = await propose(mentor.id, mentee.id);
    pairingId = proposed.id;
    expect(proposed.status).toBe('PROPOSED');
    const one = await ok(
      hub,
      AcceptPairingDocument,
      { input: { id: proposed.id, version: 1, side: 'MENTOR' as never } },
      tokens.aer,
    );
    expect(one.acceptPairing).toMatchObject({ status: 'PROPOSED', version: 2, mentee: { acceptedAt: null } });
    const both = await ok(
      hub,
      AcceptPairingDocument,
      { input: { id: proposed.id, version: 2, side: 'MENTEE' as never } },
      tokens.cemr,
    );
    expect(both.acceptPairing.status).toBe('ACCEPTED');
    const active = await ok(
      hub,
      ActivatePairingDocument,
      { input: { id: proposed.id, version: 3 } },
      tokens.cor,
    );
    expect(active.activatePairing.status).toBe('ACTIVE');

    const visit = await publishedEvent('STUDY_VISIT');
    const output = await publishedResource();
    const unknown = await refusedThrough(
      hub,
      UpdatePairingDocument as never,
      { id: proposed.id, version: 4, visits: [visit, randomUUID()], outputs: [randomUUID()] },
      tokens.cemr,
    );
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((unknown.fieldErrors as Array<{ path: string }>).map((error) => error.path).sort()).toEqual([
      'input.outputs[0]',
      'input.visits[1]',
    ]);
    const recorded = await ok(
      hub,
      UpdatePairingDocument,
      { input: { id: proposed.id, version: 4, visits: [visit], outputs: [output] } },
      tokens.cemr,
    );
    expect(recorded.updatePairing).toMatchObject({
      version: 5,
      visits: [{ id: visit, title: 'Study visit to St. Pölten job centres' }],
      outputs: [{ id: output, title: expect.stringContaining('Job coaching') }],
    });
    for (const [side, token, rating] of [
      ['MENTOR', tokens.aer, 4],
      ['MENTEE', tokens.cemr, 5],
    ] as const) {
      const input = {
        idempotencyKey: randomUUID(),
        pairing: proposed.id,
        side,
        rating,
        text: `Secret feedback of the ${side}`,
      };
      await ok(hub, RecordPairingFeedbackDocument, { input: input as never }, token);
    }
    const completed = await ok(
      hub,
      CompletePairingDocument,
      { input: { id: proposed.id, version: 5 } },
      tokens.cor,
    );
    expect(completed.completePairing.status).toBe('COMPLETED');

    const { pairing } = await ok(hub, PairingDetailsDocument, { id: proposed.id }, tokens.cor);
    expect(pairing).toMatchObject({
      status: 'COMPLETED',
      programme: { organiser: { id: 'cor', name: expect.any(String) } },
      mentor: { organisation: { id: 'aer' }, territory: { code: 'AT12' }, application: { id: mentor.id } },
      mentee: { organisation: { id: 'cemr' }, territory: { code: 'AT13' }, application: { id: mentee.id } },
      visits: [{ id: visit }],
      outputs: [{ id: output }],
    });
    expect(pairing!.feedback.map((f) => f.rating)).toEqual([4, 5]);
    const { body } = await hub.query('query ($id: ID!) { event(id: $id) { id pairing { id status } } }', {
      id: visit,
    });
    expect(body.data).toEqual({ event: { id: visit, pairing: { id: proposed.id, status: 'COMPLETED' } } });
  });

  it('shows a fourth organisation the public pairing, but neither the applications nor the feedback', async () => {
    const { pairing } = await ok(hub, PairingDetailsDocument, { id: pairingId }, tokens.eurocities);
    expect(pairing).toMatchObject({
      status: 'COMPLETED',
      mentor: { organisation: { id: 'aer' }, territory: { code: 'AT12' }, application: null },
      mentee: { organisation: { id: 'cemr' }, territory: { code: 'AT13' }, application: null },
      feedback: [],
    });
    const anonymous = await ok(hub, PairingDetailsDocument, { id: pairingId });
    expect(anonymous.pairing).toMatchObject({ mentor: { application: null }, feedback: [] });
    const { region } = await ok(hub, RegionPairingsDocument, { code: 'AT1', first: 50 }, tokens.eurocities);
    expect(region!.pairings.edges.map((edge) => edge.node.id)).toContain(pairingId);

    const byId = await ok<{ mentor: unknown; mentee: unknown }, Record<string, unknown>>(
      hub,
      'query ($m: ID!, $e: ID!) { mentor: application(id: $m) { id } mentee: application(id: $e) { id } }',
      { m: applications.mentor, e: applications.mentee },
      tokens.eurocities,
    );
    expect(byId).toEqual({ mentor: null, mentee: null });
    // `_entities` is not part of the client API at the gateway …
    const ENTITIES =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id areas { text } } ... on Pairing { feedback { text } } } }';
    const r = [
      { __typename: 'Application', id: applications.mentor },
      { __typename: 'Application', id: applications.mentee },
      { __typename: 'Pairing', id: pairingId },
    ];
    const viaGateway = await hub.query<unknown, Record<string, unknown>>(ENTITIES, { r }, tokens.eurocities);
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // … and the exchanges subgraph itself, asked as the gateway would for the fourth organisation, reveals none
    const headers = {
      [INTERNAL_TOKEN_HEADER]: await gatewayInternalToken(
        testCaller('eurocities', ['editor'], 'eurocities-e2e'),
        'exchanges',
      ),
    };
    const direct = await postGraphQL(hub.subgraphs.exchanges!.url, ENTITIES, { r }, headers);
    expect(direct.body.data).toEqual({ _entities: [null, null, { feedback: [] }] });
    expect(JSON.stringify(direct.body)).not.toContain('Secret feedback');
  });

  it('refuses each illegal move and an act for the other side, writing nothing', async () => {
    const { mentor, mentee } = await programmeWithApplications();
    const pairing = await propose(mentor.id, mentee.id);
    const before = await exchangesState(pairing.id);
    expect(
      await refusedThrough(hub, ActivatePairingDocument as never, { id: pairing.id, version: 1 }, tokens.cor),
    ).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'PROPOSED',
    });
    expect(
      await refusedThrough(hub, CompletePairingDocument as never, { id: pairing.id, version: 1 }, tokens.cor),
    ).toMatchObject({
      code: 'CONFLICT',
      currentStatus: 'PROPOSED',
    });
    expect(
      await refusedThrough(
        hub,
        AcceptPairingDocument as never,
        { id: pairing.id, version: 1, side: 'MENTEE' },
        tokens.aer,
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusedThrough(
        hub,
        RecordPairingFeedbackDocument as never,
        { idempotencyKey: randomUUID(), pairing: pairing.id, side: 'MENTOR', rating: 3, text: 'Early' },
        tokens.aer,
      ),
    ).toMatchObject({ code: 'CONFLICT', currentStatus: 'PROPOSED' });
    expect(await exchangesState(pairing.id)).toEqual(before);

    await ok(
      hub,
      DeclinePairingDocument,
      { input: { id: pairing.id, version: 1, side: 'MENTEE' as never } },
      tokens.cemr,
    );
    const declined = await exchangesState(pairing.id);
    for (const [document, input, token] of [
      [AcceptPairingDocument, { side: 'MENTOR' }, tokens.aer],
      [ActivatePairingDocument, {}, tokens.cor],
      [CompletePairingDocument, {}, tokens.cor],
      [WithdrawPairingDocument, {}, tokens.cor],
      [DeclinePairingDocument, { side: 'MENTOR' }, tokens.aer],
    ] as const) {
      expect(
        await refusedThrough(hub, document as never, { id: pairing.id, version: 2, ...input }, token),
      ).toMatchObject({ code: 'CONFLICT', currentStatus: 'DECLINED' });
    }
    expect(await exchangesState(pairing.id)).toEqual(declined);
    // A declined pairing is seen by those concerned only.
    const outsider = await ok(hub, PairingDetailsDocument, { id: pairing.id }, tokens.eurocities);
    expect(outsider.pairing).toBeNull();
    const party = await ok(hub, PairingDetailsDocument, { id: pairing.id }, tokens.aer);
    expect(party.pairing?.status).toBe('DECLINED');
  });
});

describe('suggestedMentors through the gateway', () => {
  it('explains each suggestion with the seeded Eurostat values and the distance between the regions', async () => {
    const { createProgramme: draft } = await ok(
      hub,
      CreateProgrammeDocument,
      { input: programmeInput() as never },
      tokens.cor,
    );
    const { openProgrammeCall: programme } = await ok(
      hub,
      OpenProgrammeCallDocument,
      { input: { id: draft.id, version: 1 } },
      tokens.cor,
    );
    for (const [organisation, territory] of [
      ['aer', 'BE10'],
      ['cpmr', 'CH01'],
      ['eurocities', 'CH04'],
    ] as const) {
      await ok(
        hub,
        CreateApplicationDocument,
        { input: applicationInput(programme.id, territory, 'MENTOR') as never },
        await hub.token(organisation, ['contributor']),
      );
    }
    const { createApplication: mentee } = await ok(
      hub,
      CreateApplicationDocument,
      { input: applicationInput(programme.id, 'AT13', 'MENTEE') as never },
      tokens.cemr,
    );
    const { suggestedMentors } = await ok(
      hub,
      SuggestedMentorsDocument,
      { application: mentee.id, first: 10 },
      tokens.cor,
    );
    expect(suggestedMentors.totalCount).toBe(3);
    const [best] = suggestedMentors.edges.map((edge) => edge.node);
    const reasons = Object.fromEntries(best!.reasons.map((reason) => [reason.factor, reason]));
    expect(best!.application.territory.code).toBe('BE10');
    expect(reasons.EMPLOYMENT_GAP).toMatchObject({
      menteeValue: 8.9,
      mentorValue: -0.1,
      period: 2025,
      points: 31.5,
    });
    expect(reasons.FOREIGN_BORN_SHARE).toMatchObject({ menteeValue: 47.3, mentorValue: 55.3 });
    // Wien to Brussels is about 900 km between centroids: some, but not all, of the DISTANCE points.
    expect(reasons.DISTANCE!.mentorValue).toBeGreaterThan(700);
    expect(reasons.DISTANCE!.mentorValue).toBeLessThan(1100);
    expect(reasons.DISTANCE!.points).toBeGreaterThan(0);
    expect(reasons.DISTANCE!.points).toBeLessThan(10);
    for (const edge of suggestedMentors.edges) {
      const sum = edge.node.reasons.reduce((total, reason) => total + reason.points, 0);
      expect(edge.node.score).toBeCloseTo(sum, 2);
    }
    const forMentee = await hub.query(SuggestedMentorsDocument, { application: mentee.id }, tokens.cemr);
    expect(forMentee.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('pairingChanged through the gateway', () => {
  it('reaches the two parties and not a third organisation', async () => {
    const bus = hub.subgraphs.exchanges!.bus;
    const before = bus.activeListeners(PAIRING_CHANGED_TOPIC);
    const SUBSCRIBE = 'subscription { pairingChanged { id status mentor { organisation { id name } } } }';
    const [mentorStream, menteeStream, thirdStream] = await Promise.all(
      [tokens.aer, tokens.cemr, tokens.eurocities].map((token) =>
        subscribeForTest<{ pairingChanged: { id: string; status: string } }>(
          hub.url,
          SUBSCRIBE,
          {},
          {
            connectionParams: { authorization: `Bearer ${token}` },
          },
        ),
      ),
    );
    try {
      await waitFor(() => bus.activeListeners(PAIRING_CHANGED_TOPIC) === before + 3, 'the subscriptions');
      const { programme, mentor, mentee } = await programmeWithApplications();
      const pairing = await propose(mentor.id, mentee.id);
      await ok(
        hub,
        AcceptPairingDocument,
        { input: { id: pairing.id, version: 1, side: 'MENTOR' as never } },
        tokens.aer,
      );
      for (const stream of [mentorStream!, menteeStream!]) {
        expect((await stream.next()).data).toEqual({
          pairingChanged: {
            id: pairing.id,
            status: 'PROPOSED',
            mentor: { organisation: { id: 'aer', name: expect.any(String) } },
          },
        });
        expect((await stream.next()).data?.pairingChanged.id).toBe(pairing.id);
      }
      // A pairing Eurocities is a side of reaches it (its stream is live); nothing of the first one did.
      const { createApplication: own } = await ok(
        hub,
        CreateApplicationDocument,
        { input: applicationInput(programme.id, 'FR10', 'MENTEE') as never },
        tokens.eurocities,
      );
      const second = await propose(mentor.id, own.id);
      expect((await thirdStream!.next()).data?.pairingChanged.id).toBe(second.id);
      expect(thirdStream!.received).toHaveLength(1);
    } finally {
      await Promise.all([mentorStream, menteeStream, thirdStream].map((stream) => stream!.close()));
    }
  });
});

describe('SQL statements through the gateway', () => {
  /**
   * `count` ACTIVE pairings of one programme between real partners (AER in AT11/AT12, CEMR in AT21/AT22), all with `visit`
   * and `output` (test data, by SQL; the applications are stored withdrawn, so the one-standing-application rule
   * does not limit how many there are).
   */
  async function programmeWithPairings(count: number, visit: string, output: string): Promise<string> {
    const { createProgramme: draft } = await ok(
      hub,
      CreateProgrammeDocument,
      { input: programmeInput({ places: 1000 }) as never },
      tokens.cor,
    );
    await ok(hub, OpenProgrammeCallDocument, { input: { id: draft.id, version: 1 } }, tokens.cor);
    await sqlOn(
      hub.subgraphs.exchanges!,
      `WITH a AS (
         INSERT INTO application (id, programme_id, organisation, territory, role, status)
         SELECT gen_random_uuid(), ?::uuid, o, t || (1 + n % 2), r, 'WITHDRAWN'
         FROM generate_series(1, ?) AS n,
              LATERAL (VALUES ('aer', 'AT1', 'MENTOR'), ('cemr', 'AT2', 'MENTEE')) AS x(o, t, r)
         RETURNING id, organisation, territory, role, created_at)
       INSERT INTO pairing (id, programme_id, organiser, mentor_application_id, mentee_application_id,
         mentor_organisation, mentor_territory, mentee_organisation, mentee_territory, status,
         visit_event_ids, output_resource_ids)
       SELECT gen_random_uuid(), ?::uuid, 'cor', m.id, e.id, m.organisation, m.territory, e.organisation,
         e.territory, 'ACTIVE', ARRAY[?::uuid], ARRAY[?::uuid]
       FROM (SELECT *, row_number() OVER () AS k FROM a WHERE role = 'MENTOR') m
       JOIN (SELECT *, row_number() OVER () AS k FROM a WHERE role = 'MENTEE') e USING (k)`,
      [draft.id, count, draft.id, visit, output],
    );
    return draft.id;
  }

  it('stay flat for 10 and 100 pairings with their regions, visits and outputs', async () => {
    const [visit, output] = [await publishedEvent('WORKSHOP'), await publishedResource()];
    const QUERY = /* GraphQL */ `
      query ($id: ID!) {
        programme(id: $id) {
          pairings(first: 500) {
            totalCount
            edges {
              node {
                id
                status
                mentor {
                  organisation {
                    name
                  }
                  territory {
                    name
                  }
                }
                mentee {
                  organisation {
                    name
                  }
                  territory {
                    name
                  }
                }
                visits {
                  title
                }
                outputs {
                  title
                }
              }
            }
          }
        }
      }
    `;
    const measure = async (count: number) => {
      const id = await programmeWithPairings(count, visit, output);
      let total = 0;
      const statements = await hub.statementsDuring(async () => {
        const data = await ok<{ programme: { pairings: { totalCount: number } } }, Record<string, unknown>>(
          hub,
          QUERY,
          { id },
        );
        total = data.programme.pairings.totalCount;
      });
      expect(total).toBe(count);
      return statements;
    };
    const ten = await measure(10);
    const hundred = await measure(100);
    expect(hundred.exchanges).toBeGreaterThan(0);
    expect(hundred).toEqual(ten);
  });
});
