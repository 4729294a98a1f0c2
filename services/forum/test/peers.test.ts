import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERNAL_TOKEN_HEADER, subgraphIdentity, verifyInternalToken, type Caller } from '@hub/kit';
import { startTestSubgraph, testInternalKeys, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { subgraph as regionsSubgraph } from '@hub/regions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  codeOf,
  count,
  cpmrContributor,
  eurocitiesContributor,
  expectFieldError,
  REPLY,
  START,
  startForum,
  startThread,
  threadInput,
} from './helpers';

/**
 * A stand-in for the events subgraph (not a dependency of this package yet): a real HTTP server that answers
 * `_entities` for Event the way events does for anonymous callers, knowing only published or cancelled events.
 * It records who asked, to prove the forum asks as an anonymous caller through the gateway's token. The real
 * events subgraph answers the same way through the whole hub in infra/local's activities e2e test.
 */
function startEventsPeer(
  publishedEvents: Set<string>,
): Promise<{ url: string; askedBy: Caller[]; server: Server; publish(id: string): void }> {
  const askedBy: Caller[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', async () => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      try {
        askedBy.push(
          // as the events subgraph would: its own audience, forum trusted as a peer (forum's own key)
          await verifyInternalToken(request.headers[INTERNAL_TOKEN_HEADER] as string, {
            audience: subgraphIdentity('events'),
            gatewayKeys: [],
            peerKeys: testInternalKeys('events', ['forum']).peerKeys!,
          }),
        );
      } catch {
        return send(401, { errors: [{ message: 'Invalid internal token.' }] });
      }
      const { query, variables } = JSON.parse(raw) as {
        query: string;
        variables: { r: Array<{ id: string }> };
      };
      if (!query.includes('_entities') || !query.includes('... on Event')) {
        return send(400, { errors: [{ message: 'unexpected query' }] });
      }
      // what events answers for `... on Event { id }` and `... on Event { organisers { id } }`; every
      // published event here is organised by CPMR
      send(200, {
        data: {
          _entities: variables.r.map((rep) =>
            publishedEvents.has(rep.id) ? { id: rep.id, organisers: [{ id: 'cpmr' }] } : null,
          ),
        },
      });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/graphql`,
        askedBy,
        server,
        publish: (id) => publishedEvents.add(id),
      });
    }),
  );
}

const published = randomUUID();
const draft = randomUUID();

let regions: TestSubgraph;
let events: Awaited<ReturnType<typeof startEventsPeer>>;
let forum: TestSubgraph;
let unreachable: TestSubgraph;
beforeAll(async () => {
  regions = await startTestSubgraph(regionsSubgraph, inject('databaseServerUrl'));
  events = await startEventsPeer(new Set([published]));
  forum = await startForum(undefined, { peers: { regions: regions.url, events: events.url } });
  // Port 1: nothing listens there, so the peers are configured but unreachable.
  unreachable = await startForum(undefined, {
    peers: { regions: 'http://127.0.0.1:1/graphql', events: 'http://127.0.0.1:1/graphql' },
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await unreachable?.stop();
  await forum?.stop();
  await new Promise((resolve) => events?.server.close(resolve));
  await regions?.stop();
});

describe('startThread checks keys owned by other subgraphs', () => {
  it('accepts regions the regions subgraph knows, for an organisation it knows', async () => {
    const thread = await startThread(forum, { regions: ['FR10', 'PT', 'EL43'] });
    expect(thread.regions).toEqual([{ code: 'EL43' }, { code: 'FR10' }, { code: 'PT' }]);
  });

  it('refuses a well-formed but unknown region code, naming it, and writes nothing', async () => {
    const threads = await count(forum, 'thread');
    const { body } = await forum.query(
      START,
      { input: threadInput({ regions: ['FR10', 'XX99'] }) },
      cpmrContributor,
    );
    expect(body.errors?.[0]?.message).toContain('"XX99"');
    expect(body.errors?.[0]?.extensions).toMatchObject({ unknownKeys: ['XX99'] });
    expectFieldError(body.errors, 'input.regions[1]');
    expect(await count(forum, 'thread')).toBe(threads);
  });

  it('refuses callers whose organisation the regions subgraph does not know', async () => {
    const stranger = testCaller('no-such-partner', ['contributor'], 'stranger');
    const { body } = await forum.query(START, { input: threadInput() }, stranger);
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('"no-such-partner"'),
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('accepts a published event, asking the events subgraph as an anonymous caller', async () => {
    const thread = await startThread(forum, { event: published });
    expect(thread.event).toEqual({ id: published });
    expect(events.askedBy.length).toBeGreaterThan(0);
    expect(events.askedBy.every((caller) => caller.subject === null && caller.roles.length === 0)).toBe(true);
  });

  it('lets only the event’s organisers (or a hub admin) start its discussion: FORBIDDEN, nothing written', async () => {
    const event = randomUUID();
    events.publish(event);
    const threads = await count(forum, 'thread');
    const { body } = await forum.query(START, { input: threadInput({ event }) }, eurocitiesContributor);
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('organisers (cpmr)'),
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await count(forum, 'thread')).toBe(threads);
    const admin = testCaller('eurocities', ['admin'], 'admin-eurocities');
    const started = await forum.query(START, { input: threadInput({ event }) }, admin);
    expect(started.body.errors).toBeUndefined();
  });

  it('refuses an event the events subgraph does not show (unknown, or a draft)', async () => {
    const { body } = await forum.query(START, { input: threadInput({ event: draft }) }, cpmrContributor);
    expect(body.errors?.[0]?.extensions).toMatchObject({ unknownKeys: [draft] });
    expectFieldError(body.errors, 'input.event');
    expect(body.errors?.[0]?.message).toContain('published or cancelled');
  });

  it('writes nothing when the peers cannot be reached', async () => {
    for (const input of [threadInput({ regions: ['FR10'] }), threadInput({ event: published })]) {
      const { body } = await unreachable.query(START, { input }, cpmrContributor);
      expect(codeOf(body)).toBe('PEER_UNAVAILABLE');
    }
    const reply = await unreachable.query(
      REPLY,
      { input: { idempotencyKey: randomUUID(), thread: randomUUID(), body: 'Hi' } },
      cpmrContributor,
    );
    expect(codeOf(reply.body)).toBe('PEER_UNAVAILABLE');
    expect(await count(unreachable, 'thread')).toBe(0);
    expect(await count(unreachable, 'hub_audit_log')).toBe(0);
  });
});
