import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { ANONYMOUS, createLogger, createPushIterator } from '@hub/kit';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, isOriginAllowed } from '../src';
import { createSubscriptionErrorMasker, gatewayError, MaskedGraphQLError } from '../src/subscriptions/errors';
import { groupKey, MAX_PENDING_EVENTS, SubscriptionExecutor } from '../src/subscriptions/executor';
import { OperationPreparer } from '../src/subscriptions/operation';
import { SchemaGeneration } from '../src/subscriptions/planner';
import {
  identityKey,
  upstreamWebSocketUrl,
  type UpstreamClients,
  type UpstreamSink,
} from '../src/subscriptions/upstream';
import { feedTypeDefs } from './fixtures/feed';
import { parse } from 'graphql';

/** What the gateway's transports rely on in the kit's push iterator (the stream of each subscription). */
describe('the push iterator of a subscription', () => {
  it('ends a pending next() at once on return(), and tears down exactly once', async () => {
    let closed = 0;
    const stream = createPushIterator<number>({ onClose: () => (closed += 1) });
    const pending = stream.next();
    await stream.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
    await stream.return();
    stream.push(1);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });

  it('delivers what was pushed before end(), then finishes and tears down', async () => {
    let closed = 0;
    const stream = createPushIterator<number>({ onClose: () => (closed += 1) });
    stream.push(1);
    stream.push(2);
    stream.end();
    stream.push(3);
    expect(closed).toBe(0);
    const values: number[] = [];
    for await (const value of stream) values.push(value);
    expect(values).toEqual([1, 2]);
    expect(closed).toBe(1);
  });

  it('hands a value straight to a waiting reader', async () => {
    const stream = createPushIterator<string>();
    const pending = stream.next();
    stream.push('event');
    expect(await pending).toEqual({ value: 'event', done: false });
    expect(stream.pending).toBe(0);
  });
});

describe('isOriginAllowed', () => {
  const host = 'hub.example:4000';

  it('allows clients without Origin, the gateway’s own origin and the listed ones', () => {
    expect(isOriginAllowed({ host }, undefined)).toBe(true);
    expect(isOriginAllowed({ host, origin: 'http://hub.example:4000' }, undefined)).toBe(true);
    expect(isOriginAllowed({ host, origin: 'https://partner.example' }, ['https://partner.example'])).toBe(
      true,
    );
    expect(isOriginAllowed({ host, origin: 'https://anyone.example' }, ['*'])).toBe(true);
  });

  it('refuses other origins, also when no origins are configured (as CORS does over HTTP)', () => {
    expect(isOriginAllowed({ host, origin: 'https://evil.example' }, ['https://partner.example'])).toBe(
      false,
    );
    expect(isOriginAllowed({ host, origin: 'https://evil.example' }, undefined)).toBe(false);
    expect(isOriginAllowed({ host, origin: 'null' }, undefined)).toBe(false);
    expect(isOriginAllowed({ host, origin: 'http://hub.example:4001' }, undefined)).toBe(false);
  });

  it('recognises its own origin behind a proxy that rewrites Host', () => {
    const headers = {
      host: 'gateway:4000',
      'x-forwarded-host': 'hub.example',
      origin: 'https://hub.example',
    };
    expect(isOriginAllowed(headers, undefined)).toBe(true);
  });
});

describe('upstream identity and URLs', () => {
  it('shares one identity among anonymous callers and tells signed-in callers apart', () => {
    const ana = {
      subject: 'ana',
      displayName: null,
      organisationId: 'cpmr',
      roles: ['editor', 'contributor'] as const,
    };
    expect(identityKey(ANONYMOUS)).toBe(identityKey({ ...ANONYMOUS }));
    expect(identityKey({ ...ana, roles: [...ana.roles] })).toBe(
      identityKey({ ...ana, roles: ['contributor', 'editor'] }),
    );
    expect(identityKey({ ...ana, roles: [...ana.roles] })).not.toBe(
      identityKey({ ...ana, roles: [...ana.roles], organisationId: 'cor' }),
    );
    expect(identityKey({ ...ana, roles: ['contributor'] })).not.toBe(
      identityKey({ ...ana, roles: ['admin'] }),
    );
  });

  it('derives the graphql-ws URL from the subgraph URL', () => {
    expect(upstreamWebSocketUrl('http://events:4002/graphql')).toBe('ws://events:4002/graphql');
    expect(upstreamWebSocketUrl('https://events.internal/graphql')).toBe('wss://events.internal/graphql');
  });
});

describe('planning and preparing', () => {
  const reactions = parse(/* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Greeting @key(fields: "id") {
      id: ID!
      likes: Int!
    }
  `);
  const greetings = parse(/* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      greeting(id: ID!): Greeting
    }
    type Greeting @key(fields: "id") {
      id: ID!
      text: String!
    }
  `);
  const composed = composeServices([
    { name: 'feed', typeDefs: feedTypeDefs, url: 'http://feed.invalid/graphql' },
    { name: 'greetings', typeDefs: greetings, url: 'http://greetings.invalid/graphql' },
    { name: 'reactions', typeDefs: reactions, url: 'http://reactions.invalid/graphql' },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  const sdl = composed.supergraphSdl;
  const generation = new SchemaGeneration(Supergraph.build(sdl).apiSchema().toGraphQLJSSchema(), sdl);
  const preparer = new OperationPreparer({ ...DEFAULT_LIMITS, maxDepth: 4, maxTokens: 200 });
  const POSTS =
    'subscription ($from: Int = 3) { greetingPosted(fromSequence: $from) { sequence greeting { text likes } } }';

  function codes(request: Parameters<OperationPreparer['prepare']>[0]): unknown[] {
    const prepared = preparer.prepare(request, generation);
    return prepared.kind === 'invalid'
      ? prepared.errors.map((error) => error.extensions.code)
      : [prepared.kind];
  }

  it('plans the primary fetch on the owning subgraph and the rest per event', () => {
    const prepared = preparer.prepare({ query: POSTS }, generation);
    if (prepared.kind !== 'subscription') throw new Error(`expected a subscription, got ${prepared.kind}`);
    expect(prepared.plan.primary.serviceName).toBe('feed');
    expect(prepared.plan.primary.operation).toContain('greetingPosted');
    expect(prepared.plan.perEvent.node?.kind).toBe('Sequence');
    const services = JSON.stringify(prepared.plan.perEvent).match(/"serviceName":"(\w+)"/g);
    expect(new Set(services)).toEqual(
      new Set(['"serviceName":"feed"', '"serviceName":"greetings"', '"serviceName":"reactions"']),
    );
    expect(prepared.variables).toEqual({ from: 3 }); // defaults applied
  });

  it('caches plans by document and operation name', () => {
    const first = preparer.prepare({ query: POSTS }, generation);
    const second = preparer.prepare({ query: POSTS }, generation);
    if (first.kind !== 'subscription' || second.kind !== 'subscription')
      throw new Error('expected subscriptions');
    expect(second.plan).toBe(first.plan);
    const named = `subscription A { greetingPosted { sequence } } subscription B { greetingPosted { note } }`;
    const a = preparer.prepare({ query: named, operationName: 'A' }, generation);
    const b = preparer.prepare({ query: named, operationName: 'B' }, generation);
    if (a.kind !== 'subscription' || b.kind !== 'subscription') throw new Error('expected subscriptions');
    expect(a.plan).not.toBe(b.plan);
  });

  it('hands queries and mutations on to Apollo Server unchanged', () => {
    expect(codes({ query: '{ greeting(id: "1") { text } }' })).toEqual(['query']);
  });

  it('refuses bad requests with the codes HTTP uses', () => {
    expect(codes({})).toEqual(['BAD_REQUEST']);
    expect(codes({ query: POSTS, variables: [1] })).toEqual(['BAD_REQUEST']);
    expect(codes({ query: 'subscription {' })).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes({ query: `subscription { greetingPosted { ${'sequence '.repeat(200)} } }` })).toEqual([
      'TOO_MANY_TOKENS',
    ]);
    expect(
      codes({ query: 'subscription { greetingPosted { previous { previous { previous { sequence } } } } }' }),
    ).toEqual(['QUERY_TOO_DEEP']);
    expect(codes({ query: 'subscription { greetingPosted { nope } }' })).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(
      codes({ query: 'subscription { greetingPosted { sequence } note: greetingPosted { note } }' }),
    ).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes({ query: POSTS, variables: { from: 'three' } })).toEqual(['BAD_USER_INPUT']);
    expect(codes({ query: 'subscription A { greetingPosted { sequence } }', operationName: 'B' })).toEqual([
      'OPERATION_RESOLUTION_FAILURE',
    ]);
  });
  describe('groups', () => {
    const SEQUENCES = 'subscription { greetingPosted { sequence } }';
    const prepare = (query: string, variables?: Record<string, unknown>) => {
      const prepared = preparer.prepare({ query, variables }, generation);
      if (prepared.kind !== 'subscription') throw new Error(`expected a subscription, got ${prepared.kind}`);
      return prepared;
    };

    /** An executor on a fake upstream: the primary fetch is answered by the event (no subgraph needed). */
    function executorOnFakeUpstream() {
      const upstream = { opened: 0, closed: 0, sinks: [] as UpstreamSink[] };
      const fake = {
        subscribe: (_service: string, _caller: unknown, _request: unknown, sink: UpstreamSink) => {
          upstream.opened += 1;
          upstream.sinks.push(sink);
          return () => (upstream.closed += 1);
        },
      } as unknown as UpstreamClients;
      const logger = createLogger('test', 'silent');
      const mask = createSubscriptionErrorMasker({
        logger,
        limits: DEFAULT_LIMITS,
        errorExtensions: { extensions: {} },
      });
      const executor = new SubscriptionExecutor({ upstream: fake, serviceMap: () => ({}), mask, logger });
      return { executor, upstream };
    }

    it('keys groups by document, operation name, variables and visibility', () => {
      const ana = {
        subject: 'ana',
        displayName: null,
        organisationId: 'cpmr',
        roles: ['contributor' as const],
      };
      const posts = prepare(POSTS);
      expect(groupKey(posts, ANONYMOUS)).toBe(groupKey(prepare(POSTS), { ...ANONYMOUS }));
      expect(groupKey(posts, ANONYMOUS)).toBe(groupKey(prepare(POSTS, { from: 3 }), ANONYMOUS)); // the default
      expect(groupKey(posts, ANONYMOUS)).not.toBe(groupKey(prepare(POSTS, { from: 4 }), ANONYMOUS));
      expect(groupKey(posts, ANONYMOUS)).not.toBe(groupKey(posts, ana));
      expect(groupKey(posts, ana)).toBe(groupKey(posts, { ...ana, roles: ['contributor'] }));
      expect(groupKey(posts, ana)).not.toBe(groupKey(posts, { ...ana, organisationId: 'cor' }));
      expect(groupKey(posts, ana)).not.toBe(groupKey(posts, { ...ana, roles: ['admin'] }));
      expect(groupKey(posts, ana)).not.toBe(groupKey(posts, { ...ana, displayName: 'Ana' }));
      expect(groupKey(posts, ANONYMOUS)).not.toBe(groupKey(prepare(SEQUENCES), ANONYMOUS));
    });

    it('shares one frozen result among the members of a group', async () => {
      const { executor, upstream } = executorOnFakeUpstream();
      const first = executor.subscribe(prepare(SEQUENCES), ANONYMOUS);
      const second = executor.subscribe(prepare(SEQUENCES), { ...ANONYMOUS });
      expect(upstream.opened).toBe(1);
      expect(executor.stats()).toEqual({ groups: 1, members: 2, executions: 0 });
      upstream.sinks[0]?.next({ data: { greetingPosted: { sequence: 1 } } });
      const [a, b] = [await first.next(), await second.next()];
      expect(a.value).toEqual({ data: { greetingPosted: { sequence: 1 } } });
      expect(b.value).toBe(a.value);
      expect(Object.isFrozen(a.value) && Object.isFrozen(a.value?.data?.greetingPosted)).toBe(true);
      expect(executor.stats().executions).toBe(1);
      await first.return();
      expect(upstream.closed).toBe(0);
      await second.return();
      expect(upstream.closed).toBe(1);
      expect(executor.stats()).toEqual({ groups: 0, members: 0, executions: 1 });
    });

    it('ends a member that reads too slowly alone; the group goes on for the others', async () => {
      const { executor, upstream } = executorOnFakeUpstream();
      const reader = executor.subscribe(prepare(SEQUENCES), ANONYMOUS);
      const idle = executor.subscribe(prepare(SEQUENCES), ANONYMOUS);
      const read: unknown[] = [];
      const reading = (async () => {
        for await (const result of reader) read.push(result);
      })();
      const sink = upstream.sinks[0]!;
      for (let sequence = 1; sequence <= MAX_PENDING_EVENTS + 5; sequence += 1) {
        sink.next({ data: { greetingPosted: { sequence } } });
        while (
          executor.stats().executions < Math.min(sequence, MAX_PENDING_EVENTS + 1) ||
          read.length < sequence
        )
          await new Promise((resolve) => setImmediate(resolve));
      }
      expect(executor.stats()).toEqual({ groups: 1, members: 1, executions: MAX_PENDING_EVENTS + 5 });
      expect(upstream.closed).toBe(0);
      const received: Array<{ data?: unknown; errors?: Array<{ extensions: { code?: unknown } }> }> = [];
      for await (const result of idle) received.push(result as (typeof received)[number]);
      expect(received).toHaveLength(MAX_PENDING_EVENTS + 1);
      expect(received.at(-1)?.errors?.[0]?.extensions.code).toBe('TOO_MANY_PENDING_EVENTS');
      sink.complete();
      await reading;
      expect(read).toHaveLength(MAX_PENDING_EVENTS + 5);
    });
  });
});

describe('subscription error masking', () => {
  const mask = createSubscriptionErrorMasker({
    logger: createLogger('test', 'silent'),
    limits: DEFAULT_LIMITS,
    errorExtensions: { extensions: { fieldErrors: { kind: 'fieldErrors', subgraphs: ['events'] } } },
  });

  it('turns plain errors into GraphQL errors with a generic message', () => {
    const masked = mask(new Error('connect ECONNREFUSED 10.0.0.5:4003'));
    expect(masked).toBeInstanceOf(GraphQLError);
    expect(masked.toJSON()).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps client codes with their declared extensions only, and is idempotent', () => {
    const fieldErrors = [{ path: 'region', messages: ['unknown region "XX99"'] }];
    const error = new GraphQLError('Invalid input: region: unknown region "XX99"', {
      path: ['eventChanged'],
      extensions: {
        code: 'BAD_USER_INPUT',
        fieldErrors,
        argumentName: 'region',
        serviceName: 'events',
        stacktrace: ['at x.ts:1'],
      },
    });
    const masked = mask(error);
    expect(masked.toJSON()).toEqual({
      message: 'Invalid input: region: unknown region "XX99"',
      path: ['eventChanged'],
      extensions: { code: 'BAD_USER_INPUT', fieldErrors },
    });
    expect(mask(masked)).toBe(masked);
    expect(mask(gatewayError('Too many', 'TOO_MANY_SUBSCRIPTIONS'))).toBeInstanceOf(MaskedGraphQLError);
  });
});
