import { ANONYMOUS } from '@hub/kit';
import { subscribeForTest, waitFor, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANGED } from '../src/writes/event-changed.write';
import { cpmrContributor, createEvent, eurocitiesEditor, startEvents } from './helpers';

let events: TestSubgraph;
beforeAll(async () => {
  events = await startEvents();
});
afterAll(async () => events?.stop());

const SUBSCRIBE = /* GraphQL */ `
  subscription ($region: ID, $organisation: ID, $kinds: [EventKind!]) {
    eventChanged(region: $region, organisation: $organisation, kinds: $kinds) {
      change
      changedFields
      event {
        title
        status
        hostRegions {
          code
        }
      }
    }
  }
`;

type Message = {
  data?: { eventChanged: { change: string; event: { title: string; status: string } } } | null;
};
const titlesOf = (messages: Message[]) => messages.map((message) => message.data?.eventChanged.event.title);

async function watch(variables: Record<string, unknown>, caller = ANONYMOUS) {
  const before = events.bus.activeListeners(EVENT_CHANGED);
  const subscription = await subscribeForTest<Message['data']>(events.url, SUBSCRIBE, variables, { caller });
  await waitFor(() => events.bus.activeListeners(EVENT_CHANGED) === before + 1, 'the subscription');
  return subscription;
}

describe('eventChanged', () => {
  it('filters by host region including every region within it, by organisation and by kind', async () => {
    const france = await watch({ region: 'FR' });
    const bretagne = await watch({ region: 'FRH0' });
    const eurocities = await watch({ organisation: 'eurocities' });
    const studyVisits = await watch({ kinds: ['STUDY_VISIT'] });
    try {
      await createEvent(events, { title: 'Workshop in Rennes', hostRegions: ['FRH03'] });
      await createEvent(events, {
        title: 'Study visit to Lyon',
        hostRegions: ['FRK26'],
        kind: 'STUDY_VISIT',
      });
      await createEvent(
        events,
        { title: 'Network meeting in Wien', hostRegions: ['AT13'], organisers: ['eurocities'] },
        eurocitiesEditor,
      );
      // One bus message reaches all listeners of this process in publication order: once each subscription has
      // its last expected message, a wrongly matched earlier event would already be in `received`.
      expect((await eurocities.next()).data?.eventChanged).toMatchObject({
        change: 'CREATED',
        event: { title: 'Network meeting in Wien', status: 'PUBLISHED', hostRegions: [{ code: 'AT13' }] },
      });
      await france.next();
      await france.next();
      await studyVisits.next();
      await bretagne.next();
      expect(titlesOf(france.received)).toEqual(['Workshop in Rennes', 'Study visit to Lyon']);
      expect(titlesOf(bretagne.received)).toEqual(['Workshop in Rennes']);
      expect(titlesOf(studyVisits.received)).toEqual(['Study visit to Lyon']);
      expect(titlesOf(eurocities.received)).toEqual(['Network meeting in Wien']);
    } finally {
      await Promise.all([france, bretagne, eurocities, studyVisits].map((s) => s.close()));
    }
    await waitFor(() => events.bus.activeListeners(EVENT_CHANGED) === 0, 'teardown');
  });

  it('pushes a draft only to those who may see it, then its publication to everyone', async () => {
    const anonymous = await watch({ region: 'BE' });
    const ownOrganisation = await watch({ region: 'BE' }, cpmrContributor);
    const otherOrganisation = await watch({ region: 'BE' }, eurocitiesEditor);
    try {
      const draft = await createEvent(events, {
        title: 'Draft in Brussels',
        hostRegions: ['BE10'],
        publish: false,
      });
      expect((await ownOrganisation.next()).data?.eventChanged).toMatchObject({
        change: 'CREATED',
        event: { title: 'Draft in Brussels', status: 'DRAFT' },
      });
      const published = await events.query(
        'mutation ($id: ID!) { publishEvent(input: { id: $id, version: 1 }) { status } }',
        { id: draft.id },
        cpmrContributor,
      );
      expect(published.body.errors).toBeUndefined();
      for (const subscription of [anonymous, ownOrganisation, otherOrganisation]) {
        expect((await subscription.next()).data?.eventChanged).toMatchObject({
          change: 'PUBLISHED',
          event: { status: 'PUBLISHED' },
        });
      }
      expect(anonymous.received).toHaveLength(1);
      expect(otherOrganisation.received).toHaveLength(1);
      expect(ownOrganisation.received).toHaveLength(2);
    } finally {
      await Promise.all([anonymous, ownOrganisation, otherOrganisation].map((s) => s.close()));
    }
  });

  it('refuses a malformed region with BAD_USER_INPUT', async () => {
    const bad = await subscribeForTest(events.url, SUBSCRIBE, { region: 'Bretagne' });
    await bad.ended;
    expect(bad.received[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: 'region', messages: [expect.any(String)] }],
    });
  });
});
