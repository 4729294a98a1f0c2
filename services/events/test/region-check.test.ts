import { startTestSubgraph, type TestSubgraph } from '@hub/kit/testing';
import { subgraph as regionsSubgraph } from '@hub/regions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph as eventsSubgraph } from '../src';
import {
  admin,
  count,
  cpmrContributor,
  CREATE,
  createEvent,
  eventInput,
  expectFieldError,
  type EventData,
} from './helpers';

let regions: TestSubgraph;
let events: TestSubgraph;
let unreachable: TestSubgraph;
beforeAll(async () => {
  const serverUrl = inject('databaseServerUrl');
  regions = await startTestSubgraph(regionsSubgraph, serverUrl);
  events = await startTestSubgraph(eventsSubgraph, serverUrl, { peers: { regions: regions.url } });
  // Port 1: nothing listens there, so the regions peer is configured but unreachable.
  unreachable = await startTestSubgraph(eventsSubgraph, serverUrl, {
    peers: { regions: 'http://127.0.0.1:1/graphql' },
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await unreachable?.stop();
  await events?.stop();
  await regions?.stop();
});

const written = async (subgraph: TestSubgraph) => ({
  events: await count(subgraph, 'event'),
  audit: await count(subgraph, 'hub_audit_log'),
});

describe('region codes and organisation ids are checked against the regions subgraph', () => {
  it('accepts codes and ids the regions subgraph knows', async () => {
    const event = await createEvent(events, {
      hostRegions: ['FRH03', 'BE10'],
      organisers: ['cpmr', 'ec-dg-home'],
    });
    expect(event.hostRegions).toEqual([{ code: 'BE10' }, { code: 'FRH03' }]);
  });

  it('refuses unknown region codes with BAD_USER_INPUT naming them, writing nothing', async () => {
    const before = await written(events);
    const { body } = await events.query(
      CREATE,
      { input: eventInput({ hostRegions: ['FRH03', 'XX99', 'FRZ9'] }) },
      cpmrContributor,
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toContain('XX99');
    expect(body.errors?.[0]?.extensions).toMatchObject({ unknownKeys: ['FRZ9', 'XX99'] });
    // Codes are stored sorted: FRH03, FRZ9, XX99.
    expect(expectFieldError(body.errors, 'input.hostRegions[1]').join()).toContain('FRZ9');
    expect(expectFieldError(body.errors, 'input.hostRegions[2]').join()).toContain('XX99');
    expect(await written(events)).toEqual(before);
  });

  it('refuses unknown organisations, as organisers or as the organisation an admin records for', async () => {
    const organiser = await events.query(
      CREATE,
      { input: eventInput({ organisers: ['cpmr', 'no-such-partner'] }) },
      cpmrContributor,
    );
    expect(organiser.body.errors?.[0]?.extensions).toMatchObject({ unknownKeys: ['no-such-partner'] });
    expectFieldError(organiser.body.errors, 'input.organisers[1]');
    const recordedFor = await events.query(
      CREATE,
      { input: eventInput({ organisation: 'no-such-partner' }) },
      admin,
    );
    expect(recordedFor.body.errors?.[0]?.extensions).toMatchObject({ unknownKeys: ['no-such-partner'] });
    expectFieldError(recordedFor.body.errors, 'input.organisation');
  });

  it('checks the codes an update adds', async () => {
    const event = await createEvent(events, { hostRegions: ['FRH03'] });
    const { body } = await events.query<{ updateEvent: EventData }>(
      'mutation ($id: ID!) { updateEvent(input: { id: $id, version: 1, hostRegions: ["FRH03", "XX98"] }) { version } }',
      { id: event.id },
      cpmrContributor,
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ unknownKeys: ['XX98'] });
    expectFieldError(body.errors, 'input.hostRegions[1]');
  });

  it('asks the regions subgraph once for known codes (cached), and again for unknown ones', async () => {
    await createEvent(events, { hostRegions: ['ITC4'], organisers: ['cemr'] });
    const afterFirst = regions.sqlStatementsSent();
    await createEvent(events, { hostRegions: ['ITC4'], organisers: ['cemr'] });
    expect(regions.sqlStatementsSent()).toBe(afterFirst);
    const unknown = await events.query(
      CREATE,
      { input: eventInput({ hostRegions: ['XX97'] }) },
      cpmrContributor,
    );
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(regions.sqlStatementsSent()).toBeGreaterThan(afterFirst);
  });

  it('writes nothing when the regions subgraph cannot be reached', async () => {
    const before = await written(unreachable);
    const { body } = await unreachable.query(CREATE, { input: eventInput() }, cpmrContributor);
    expect(body.errors?.[0]?.extensions?.code).toBe('PEER_UNAVAILABLE');
    expect(await written(unreachable)).toEqual(before);
  });
});
