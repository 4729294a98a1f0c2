import { randomUUID } from 'node:crypto';
import { CreateEventDocument, StartDiscussionDocument } from '@hub/codegen';
import { subscribeForTest, waitFor, type TestSubscription } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';

let hub: TestHub;
let contributor: string;
beforeAll(async () => {
  hub = await startTestHub();
  contributor = await hub.token('cpmr', ['contributor']);
});
afterAll(async () => hub?.stop());

const EVENT_CHANGED = /* GraphQL */ `
  subscription ($region: ID) {
    eventChanged(region: $region) {
      change
      event {
        id
        title
        hostRegions {
          name
        }
        organisers {
          acronym
        }
        discussion {
          postCount
        }
      }
    }
  }
`;

interface EventChangedData {
  eventChanged: {
    change: string;
    event: {
      id: string;
      title: string;
      hostRegions: Array<{ name: string }>;
      organisers: Array<{ acronym: string | null }>;
      discussion: { postCount: number } | null;
    };
  };
}

/** Subscribes through the gateway (graphql-ws on /graphql) and waits until the events subgraph listens. */
async function subscribe(region: string, connectionParams: Record<string, unknown> = {}) {
  const listeners = hub.subgraphs.events!.bus.activeListeners('events.eventChanged');
  const subscription = await subscribeForTest<EventChangedData>(
    hub.url,
    EVENT_CHANGED,
    { region },
    { connectionParams },
  );
  await waitFor(
    () => hub.subgraphs.events!.bus.activeListeners('events.eventChanged') === listeners + 1,
    'the upstream subscription',
  );
  return subscription;
}

async function createEvent(title: string, hostRegions: string[], publish = true) {
  const { body } = await hub.query(
    CreateEventDocument,
    {
      input: {
        idempotencyKey: randomUUID(),
        title,
        summary: 'Live update test',
        kind: 'WEBINAR',
        startsAt: '2027-09-01T10:00:00.000Z',
        endsAt: '2027-09-01T11:00:00.000Z',
        timeZone: 'Europe/Brussels',
        format: 'ONLINE',
        onlineUrl: 'https://example.org/webinar',
        hostRegions,
        organisers: ['cpmr'],
        publish,
      },
    },
    contributor,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createEvent;
}

describe('live data through the gateway', () => {
  it('pushes an event with fields from three subgraphs, filtered by region including descendants', async () => {
    const bretagne = await subscribe('FRH');
    const germany = await subscribe('DE');
    let subscriptions: Array<TestSubscription<EventChangedData>> = [bretagne, germany];
    try {
      const created = await createEvent('Webinar from Rennes', ['FRH03']);
      const first = await bretagne.next();
      expect(first).toEqual({
        data: {
          eventChanged: {
            change: 'CREATED',
            event: {
              id: created.id,
              title: 'Webinar from Rennes',
              hostRegions: [{ name: 'Ille-et-Vilaine' }],
              organisers: [{ acronym: 'CPMR' }],
              discussion: null,
            },
          },
        },
      });
      // The forum's part is read per message: once a discussion exists, the next change shows it.
      const discussion = await hub.query(
        StartDiscussionDocument,
        { input: { idempotencyKey: randomUUID(), title: 'Questions', body: 'Ask here.', event: created.id } },
        contributor,
      );
      expect(discussion.body.errors).toBeUndefined();
      const updated = await hub.query(
        'mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { version } }',
        { input: { id: created.id, version: 1, capacity: 40 } },
        contributor,
      );
      expect(updated.body.errors).toBeUndefined();
      expect((await bretagne.next()).data?.eventChanged).toMatchObject({
        change: 'UPDATED',
        event: { discussion: { postCount: 1 } },
      });
      await createEvent('Webinar from Berlin', ['DE30']);
      expect((await germany.next()).data?.eventChanged.event.title).toBe('Webinar from Berlin');
      expect(germany.received).toHaveLength(1);
      expect(bretagne.received).toHaveLength(2);

      // Closing the client ends the upstream subscription on the events subgraph.
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      subscriptions = [];
      await waitFor(
        () => hub.subgraphs.events!.bus.activeListeners('events.eventChanged') === 0,
        'the upstream subscriptions to end',
      );
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
    }
  });

  it('shows drafts only to their organisation, with the identity sent in connectionParams', async () => {
    const anonymous = await subscribe('BE');
    const own = await subscribe('BE', { authorization: `Bearer ${contributor}` });
    try {
      await createEvent('Draft webinar', ['BE10'], false);
      await createEvent('Published webinar', ['BE10']);
      expect((await own.next()).data?.eventChanged.event.title).toBe('Draft webinar');
      expect((await own.next()).data?.eventChanged.event.title).toBe('Published webinar');
      expect((await anonymous.next()).data?.eventChanged.event.title).toBe('Published webinar');
      expect(anonymous.received).toHaveLength(1);
    } finally {
      await Promise.all([anonymous.close(), own.close()]);
    }
  });

  it('closes the socket with 4401 for an invalid token', async () => {
    const refused = await subscribeForTest(
      hub.url,
      EVENT_CHANGED,
      { region: 'BE' },
      {
        connectionParams: { authorization: 'Bearer not-a-token' },
      },
    );
    expect((await refused.ended).closeCode).toBe(4401);
  });

  it('serves the same subscription as Server-Sent Events, and replays what a reconnecting stream missed', async () => {
    const url = new URL(hub.gateway.streamUrl);
    url.searchParams.set('query', EVENT_CHANGED);
    url.searchParams.set('variables', JSON.stringify({ region: 'PT' }));
    /** An open stream, read as text until `until` shows up. */
    const open = async (headers: Record<string, string> = {}) => {
      const controller = new AbortController();
      const response = await fetch(url, {
        headers: { accept: 'text/event-stream', ...headers },
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      return {
        async readUntil(until: string): Promise<string> {
          while (!text.includes(until)) {
            const { value, done } = await reader.read();
            if (done) break;
            text += value;
          }
          return text;
        },
        close: () => controller.abort(),
      };
    };
    const first = await open();
    // the same subscription: the same group upstream, which lives on while one of them is open
    const second = await open();
    try {
      await waitFor(
        () => hub.subgraphs.events!.bus.activeListeners('events.eventChanged') === 1,
        'the upstream subscription',
      );
      await createEvent('Webinar from Lisboa', ['PT1A']);
      const text = await first.readUntil('Webinar from Lisboa');
      expect(text).toMatch(/event: next\ndata: .*"title":"Webinar from Lisboa"/);
      // every event has an id
      const lastEventId = /id: (\S+)\nevent: next\ndata: .*"title":"Webinar from Lisboa"/.exec(text)?.[1];
      expect(lastEventId).toMatch(/^[0-9a-f]{12}-\d+$/);
      first.close();

      // published while the first stream is away (the second one shows that the gateway has it)
      await createEvent('Webinar from Porto', ['PT11']);
      await second.readUntil('Webinar from Porto');
      const resumed = await open({ 'last-event-id': lastEventId! });
      try {
        const replayed = await resumed.readUntil('Webinar from Porto');
        expect(replayed).toMatch(/event: next\ndata: .*"title":"Webinar from Porto"/);
        expect(replayed).not.toContain('Webinar from Lisboa'); // nothing twice
      } finally {
        resumed.close();
      }
    } finally {
      first.close();
      second.close();
    }
    await waitFor(
      () => hub.subgraphs.events!.bus.activeListeners('events.eventChanged') === 0,
      'the upstream subscription to end after the streams closed',
    );
  });
});
