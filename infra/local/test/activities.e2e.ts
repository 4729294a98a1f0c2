import { randomUUID } from 'node:crypto';
import {
  AcceptOrganiserRoleDocument,
  CreateEventDocument,
  RegionActivityDocument,
  StartDiscussionDocument,
} from '@hub/codegen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';

let hub: TestHub;
let cpmrContributor: string;
let corContributor: string;
beforeAll(async () => {
  hub = await startTestHub();
  cpmrContributor = await hub.token('cpmr', ['contributor']);
  corContributor = await hub.token('cor', ['contributor']);
});
afterAll(async () => hub?.stop());

/**
 * A published event of CPMR with the CoR as co-organiser (it accepts), hosted in `hostRegions`, as partners
 * would create it through the gateway.
 */
async function createPublishedEvent(title: string, hostRegions: string[], startsAt: string) {
  const { body } = await hub.query(
    CreateEventDocument,
    {
      input: {
        idempotencyKey: randomUUID(),
        title,
        summary: `Summary of ${title}`,
        kind: 'WORKSHOP',
        strand: 'CAPACITY_BUILDING',
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString(),
        timeZone: 'Europe/Paris',
        format: 'ONLINE',
        onlineUrl: 'https://example.org/meeting',
        hostRegions,
        organisers: ['cpmr', 'cor'],
        publish: true,
      },
    },
    cpmrContributor,
  );
  expect(body.errors).toBeUndefined();
  const event = body.data!.createEvent;
  // the CoR is named by CPMR: it organises once it accepts
  expect(event.organisers.map((organiser) => organiser.id)).toEqual(['cpmr']);
  const { body: accepted } = await hub.query(
    AcceptOrganiserRoleDocument,
    { input: { id: event.id, version: event.version } },
    corContributor,
  );
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data!.acceptOrganiserRole.organisers.map((organiser) => organiser.id)).toEqual([
    'cor',
    'cpmr',
  ]);
  return { ...event, version: accepted.data!.acceptOrganiserRole.version };
}

/** A discussion thread, by a given author (the posting rate is limited per author). */
async function startThread(title: string, regions: string[], event?: string, author = cpmrContributor) {
  const { body } = await hub.query(
    StartDiscussionDocument,
    { input: { idempotencyKey: randomUUID(), title, body: `Opening post of ${title}`, regions, event } },
    author,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.startThread;
}

describe('an event’s discussion belongs to its organisers', () => {
  it('is refused to another organisation (FORBIDDEN), then started by an organiser', async () => {
    const event = await createPublishedEvent('Workshop in Kriti', ['EL43'], '2027-09-01T08:00:00.000Z');
    const eurocities = await hub.token('eurocities', ['contributor']);
    const input = {
      idempotencyKey: randomUUID(),
      title: 'Taken over',
      body: 'Mine now.',
      regions: ['EL43'],
      event: event.id,
    };
    const { body: refused } = await hub.query(StartDiscussionDocument, { input }, eurocities);
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(refused.errors?.[0]?.message).toContain('organisers (cor, cpmr)');
    const discussion = await startThread('Workshop questions', ['EL43'], event.id);
    expect(discussion.event).toMatchObject({ title: 'Workshop in Kriti' });
  });
});

describe('one query across regions, events and forum', () => {
  it('answers the region page: events with organisers and discussion, threads with their event', async () => {
    const roundtable = await createPublishedEvent(
      'Roundtable in Rennes',
      ['FRH03'],
      '2027-05-04T08:00:00.000Z',
    );
    await createPublishedEvent('Study visit in Lisboa', ['PT1A'], '2027-06-01T08:00:00.000Z');
    const discussion = await startThread('Roundtable follow-up', ['FRH0'], roundtable.id);
    const { body: replied } = await hub.query(
      /* GraphQL */ `
        mutation ($input: ReplyInput!) {
          reply(input: $input) {
            id
          }
        }
      `,
      { input: { idempotencyKey: randomUUID(), thread: discussion.id, body: 'See you there.' } },
      cpmrContributor,
    );
    expect(replied.errors).toBeUndefined();
    await startThread('Housing for newcomers in Finistère', ['FRH02']);

    const { body } = await hub.query(RegionActivityDocument, { code: 'FRH0', first: 5 });
    expect(body.errors).toBeUndefined();
    expect(body.data!.region).toMatchObject({
      code: 'FRH0',
      name: 'Bretagne',
      events: {
        totalCount: 1,
        edges: [
          {
            node: {
              title: 'Roundtable in Rennes',
              // In id order (cor, cpmr), whatever order they were given in.
              organisers: [
                { name: 'European Committee of the Regions' },
                { name: 'Conference of Peripheral Maritime Regions' },
              ],
              discussion: { title: 'Roundtable follow-up', postCount: 2 },
            },
          },
        ],
      },
    });
    const threads = body.data!.region!.threads.edges.map((edge) => edge.node);
    expect(threads.map((thread) => [thread.title, thread.event?.title ?? null]).sort()).toEqual([
      ['Housing for newcomers in Finistère', null],
      ['Roundtable follow-up', 'Roundtable in Rennes'],
    ]);
  });

  it('answers the issue’s query as written', async () => {
    const { body } = await hub.query(/* GraphQL */ `
      {
        region(code: "FRH0") {
          name
          events(first: 5) {
            edges {
              node {
                title
                organisers {
                  name
                }
                discussion {
                  title
                  postCount
                }
              }
            }
          }
          threads(first: 5) {
            edges {
              node {
                title
                event {
                  title
                }
              }
            }
          }
        }
      }
    `);
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).toContain('Roundtable follow-up');
  });

  it('costs each subgraph the same SQL statements for 10 and for 100 events with hosts, organisers and discussions', async () => {
    const authors = await Promise.all(
      [1, 2, 3].map((n) => hub.token('cpmr', ['contributor'], { subject: `author-${n}` })),
    );
    for (let index = 0; index < 100; index += 1) {
      const event = await createPublishedEvent(
        `Mentoring session ${index + 1}`,
        [index % 2 ? 'DE30' : 'EL43', 'AT13'],
        new Date(Date.UTC(2028, 0, 1 + index)).toISOString(),
      );
      // Some events get a discussion, spread over authors to stay under the posting rate limit.
      if (index % 10 === 0)
        await startThread(`About session ${index + 1}`, ['AT13'], event.id, authors[index % 3]);
    }
    const QUERY = /* GraphQL */ `
      query ($first: Int) {
        events(first: $first, filter: { region: "AT" }) {
          edges {
            node {
              title
              hostRegions {
                name
              }
              organisers {
                name
              }
              discussion {
                title
                postCount
              }
            }
          }
        }
      }
    `;
    const statementsFor = (first: number) =>
      hub.statementsDuring(async () => {
        const { body } = await hub.query<{ events: { edges: unknown[] } }, { first: number }>(QUERY, {
          first,
        });
        expect(body.errors).toBeUndefined();
        expect(body.data!.events.edges).toHaveLength(first);
      });
    const ten = await statementsFor(10);
    expect(ten.events).toBeGreaterThan(0);
    expect(ten.regions).toBeGreaterThan(0);
    expect(ten.forum).toBeGreaterThan(0);
    expect(await statementsFor(100)).toEqual(ten);
  });
});
