import { composeServices } from '@apollo/composition';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import {
  GraphQLError,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passThroughFetch } from '../src/single-fetch';
import { postQuery, startGatewayFor, type GraphQLResponse } from './fixtures/hub';
import { clientToken } from './fixtures/subscription-hub';
import { FIXTURE_INTERNAL_KEYS, startSubgraph, type FixtureSubgraph } from './fixtures/subgraphs';

/**
 * The single-fetch pass-through (single-fetch.ts) and its lane (single-fetch-lane.ts) answer exactly what
 * @apollo/gateway's own path answers: two gateways in front of the same real subgraphs, one with them and one
 * without, answer every operation below byte for byte alike (status, body, content type, ETag), and the plans
 * the pass-through takes are the ones expected.
 */

const catalogueTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    shelf(first: Int, tag: String): Shelf
    book(id: ID!): Book
    items: [Item!]!
    things: [Thing!]!
    kind: Kind
    failing: String
    booksFailingOnSecond: [Book]
    strictBooks: [Book!]
  }

  type Shelf {
    name: String!
    count: Int!
    books: [Book!]!
  }

  interface Item {
    id: ID!
    title: String!
  }

  type Book implements Item @key(fields: "id") {
    id: ID!
    title: String!
    pages: Int
    author: String
  }

  type Film implements Item {
    id: ID!
    title: String!
    minutes: Int!
  }

  union Thing = Book | Film

  enum Kind {
    BOOK
    FILM
  }
`);

const BOOKS = [
  { id: '1', title: 'Regions of Europe', pages: 320, author: 'A. Author' },
  { id: '2', title: 'Cities', pages: null, author: null },
  { id: '3', title: 'Rivers', pages: 88, author: 'R. Writer' },
];
const FILMS = [{ id: 'f1', title: 'Borders', minutes: 93 }];

const catalogueResolvers = {
  Query: {
    shelf: (_: unknown, { first, tag }: { first?: number | null; tag?: string | null }) => ({
      name: tag ? `Shelf ${tag}` : 'Main shelf',
      books: BOOKS.slice(0, first ?? BOOKS.length),
    }),
    book: (_: unknown, { id }: { id: string }) => BOOKS.find((book) => book.id === id) ?? null,
    items: () => [...BOOKS, ...FILMS],
    things: () => [FILMS[0], BOOKS[0]],
    kind: () => 'FILM',
    failing: () => {
      throw new GraphQLError('The catalogue is closed.', { extensions: { code: 'NOT_FOUND' } });
    },
    booksFailingOnSecond: () => BOOKS.map((book, index) => (index === 1 ? { ...book, fail: true } : book)),
    strictBooks: () => BOOKS.map((book, index) => (index === 2 ? { ...book, fail: true } : book)),
  },
  Shelf: { count: ({ books }: { books: unknown[] }) => books.length },
  Book: {
    title: (book: { title: string; fail?: boolean }) => {
      if (book.fail) throw new GraphQLError('This title is withheld.', { extensions: { code: 'FORBIDDEN' } });
      return book.title;
    },
    __resolveReference: ({ id }: { id: string }) => BOOKS.find((book) => book.id === id) ?? null,
  },
  Item: {
    __resolveType: (item: { minutes?: number }) => (item.minutes === undefined ? 'Book' : 'Film'),
  },
  Thing: {
    __resolveType: (thing: { minutes?: number }) => (thing.minutes === undefined ? 'Book' : 'Film'),
  },
};

const ratingsTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Book @key(fields: "id") {
    id: ID!
    stars: Int!
  }
`);

const ratingsResolvers = {
  Book: { __resolveReference: ({ id }: { id: string }) => ({ id, stars: Number(id) + 2 }) },
};

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Whether the plan passes through (one plain fetch selecting exactly what the client selects). */
  passes: boolean;
}

const CASES: Case[] = [
  {
    name: 'a plain page with variables',
    query:
      'query Shelf($first: Int, $tag: String) { shelf(first: $first, tag: $tag) { name count books { id title pages author } } }',
    variables: { first: 2, tag: 'new' },
    passes: true,
  },
  {
    name: 'the same page with a variable left out',
    query:
      'query Shelf($first: Int, $tag: String) { shelf(first: $first, tag: $tag) { name count books { id title pages author } } }',
    variables: { first: 2 },
    passes: true,
  },
  {
    name: 'aliases, repeated fields and literals',
    query:
      '{ a: book(id: "1") { t: title title } b: book(id: "2") { title pages p: pages } none: book(id: "9") { id } }',
    passes: true,
  },
  {
    name: 'named fragments',
    query:
      'query Parts { shelf { ...ShelfParts books { ...BookParts pages } } } fragment ShelfParts on Shelf { name count } fragment BookParts on Book { id title }',
    passes: true,
  },
  {
    // graphql-js answers books { id title } before name; the planner's fetch asks name before books { title id }
    name: 'a fragment selecting a field again, in another order',
    query:
      'query Again { shelf { books { id } ...More } } fragment More on Shelf { name books { title id } }',
    passes: false,
  },
  {
    name: 'a fragment selecting a field again, in the same order',
    query: 'query AgainInOrder { shelf { name ...More } } fragment More on Shelf { name books { id } }',
    passes: true,
  },
  {
    name: 'an input literal the planner rewrites (the ID "2" sent as 2)',
    query: '{ book(id: "2") { id title } }',
    passes: true,
  },
  {
    name: 'an inline fragment on the same type',
    query: '{ book(id: "1") { ... on Book { title } id } }',
    passes: true,
  },
  ...[
    [true, false],
    [false, true],
  ].map(([withPages, noAuthor]) => ({
    name: `@include(${withPages}) and @skip(${noAuthor}) on fields`,
    query:
      'query Conditional($withPages: Boolean!, $noAuthor: Boolean!) { shelf { books { id pages @include(if: $withPages) author @skip(if: $noAuthor) } } }',
    variables: { withPages, noAuthor },
    passes: true,
  })),
  ...[true, false].map((withShelf) => ({
    name: `@include(${withShelf}) on a root field`,
    query: 'query RootConditional($withShelf: Boolean!) { shelf @include(if: $withShelf) { name } kind }',
    variables: { withShelf },
    passes: true,
  })),
  {
    name: 'a fragment with @skip',
    query:
      'query SkippedFragment($hide: Boolean!) { book(id: "1") { id ...Details @skip(if: $hide) } } fragment Details on Book { title pages }',
    variables: { hide: true },
    passes: true,
  },
  {
    name: 'an interface with a type condition (the planner adds __typename)',
    query: '{ items { id title ... on Film { minutes } } }',
    passes: false,
  },
  {
    name: 'a union with __typename selected by the client',
    query: '{ things { __typename ... on Book { title pages } ... on Film { title minutes } } }',
    passes: true,
  },
  { name: 'an enum', query: '{ kind }', passes: true },
  { name: 'a root __typename (answered by the gateway)', query: '{ __typename kind }', passes: false },
  {
    name: 'a subgraph error beside data',
    query: '{ failing shelf { name } }',
    passes: true,
  },
  {
    name: 'an error inside a list of nullable items',
    query: '{ booksFailingOnSecond { id title } }',
    passes: true,
  },
  {
    name: 'an error nulling a list of non-null items',
    query: '{ strictBooks { id title } kind }',
    passes: true,
  },
  {
    name: 'an entity join with another subgraph',
    query: '{ shelf { books { id title stars } } }',
    passes: false,
  },
  {
    name: 'a variable with a default',
    query: 'query Defaulted($first: Int = 1) { shelf(first: $first) { count } }',
    passes: false,
  },
  {
    name: 'one of several operations, by name',
    query: 'query First { kind } query Second { book(id: "3") { title } }',
    operationName: 'Second',
    passes: true,
  },
  {
    name: 'a variable of the wrong type',
    query: 'query Shelf($first: Int) { shelf(first: $first) { name } }',
    variables: { first: 'two' },
    passes: true,
  },
  {
    name: 'introspection beside data',
    query: '{ kind __type(name: "Kind") { enumValues { name } } }',
    passes: false,
  },
];

function clientOperation(testCase: Case): {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
} {
  const document = parse(testCase.query);
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = testCase.operationName
    ? operations.find((candidate) => candidate.name?.value === testCase.operationName)!
    : operations[0]!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return { operation, fragments };
}

let catalogue: FixtureSubgraph;
let ratings: FixtureSubgraph;
let withPassThrough: Awaited<ReturnType<typeof startGatewayFor>>;
let without: Awaited<ReturnType<typeof startGatewayFor>>;

beforeAll(async () => {
  catalogue = await startSubgraph('catalogue', catalogueTypeDefs, catalogueResolvers, [
    FIXTURE_INTERNAL_KEYS.publicKey,
  ]);
  ratings = await startSubgraph('ratings', ratingsTypeDefs, ratingsResolvers, [
    FIXTURE_INTERNAL_KEYS.publicKey,
  ]);
  withPassThrough = await startGatewayFor([catalogue, ratings]);
  without = await startGatewayFor([catalogue, ratings], { singleFetchPassThrough: false });
});

afterAll(async () => {
  await withPassThrough?.gateway.stop();
  await without?.gateway.stop();
  await catalogue?.stop();
  await ratings?.stop();
});

/** Queries the gateway with the pass-through answered through it (its metric). */
async function passThroughAnswers(): Promise<number> {
  const metric = withPassThrough.gateway.metrics.getSingleMetric('hub_gateway_single_fetch_answers_total');
  return (await metric!.get()).values[0]?.value ?? 0;
}

/** Of those, the requests the lane answered before Apollo Server (its metric). */
async function laneAnswers(gateway = withPassThrough.gateway): Promise<number> {
  const metric = gateway.metrics.getSingleMetric('hub_gateway_single_fetch_lane_answers_total');
  return (await metric!.get()).values[0]?.value ?? 0;
}

/** What a client can tell of an answer: status, body, and the headers Apollo Server and Express set. */
const seen = (answer: GraphQLResponse) => ({
  status: answer.status,
  text: answer.text,
  contentType: answer.headers.get('content-type'),
  etag: answer.headers.get('etag'),
  cacheControl: answer.headers.get('cache-control'),
  vary: answer.headers.get('vary'),
});

function post(url: string, testCase: Case, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      query: testCase.query,
      variables: testCase.variables,
      operationName: testCase.operationName,
    }),
  }).then(async (response) => ({
    status: response.status,
    headers: response.headers,
    text: await response.text(),
    body: {},
  }));
}

describe('the single-fetch pass-through', () => {
  it('passes through exactly the plans of one plain fetch selecting what the client selects', () => {
    const composed = composeServices(
      [catalogue, ratings].map(({ name, typeDefs }) => ({ name, typeDefs, url: `http://${name}.invalid` })),
    );
    if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
    const supergraph = Supergraph.build(composed.supergraphSdl);
    const planner = new QueryPlanner(supergraph);
    const apiSchema = supergraph.apiSchema().toGraphQLJSSchema();
    const decided = CASES.map((testCase) => {
      const { operation, fragments } = clientOperation(testCase);
      const plan = planner.buildQueryPlan(
        operationFromDocument(supergraph.apiSchema(), parse(testCase.query), {
          operationName: testCase.operationName,
        }),
      );
      const passes = !!passThroughFetch(apiSchema, plan, operation, fragments);
      return { name: testCase.name, passes };
    });
    expect(decided).toEqual(CASES.map(({ name, passes }) => ({ name, passes })));
  });

  /** Query texts (with operation name) the pass-through has answered: the lane's from then on. */
  const known = new Set<string>();

  it.each(CASES)('answers $name as @apollo/gateway does', async (testCase) => {
    // the first request plans (and decides), the second passes through, and from then on the lane answers
    const key = `${testCase.operationName ?? ''}\0${testCase.query}`;
    for (let round = 0; round < 3; round += 1) {
      const expected = await post(without.gateway.url, testCase);
      const callsBefore = catalogue.calls + ratings.calls;
      const [answeredBefore, laneBefore] = [await passThroughAnswers(), await laneAnswers()];
      const answer = await post(withPassThrough.gateway.url, testCase);
      const calls = catalogue.calls + ratings.calls - callsBefore;
      expect(seen(answer)).toEqual(seen(expected));
      // an answer with errors goes on to @apollo/gateway's own path without fetching again
      if (testCase.passes && expected.status === 200) expect(calls).toBe(1);
      const clean = expected.status === 200 && !('errors' in (JSON.parse(expected.text) as object));
      const passes = testCase.passes && clean;
      if (round > 0) expect(await passThroughAnswers()).toBe(answeredBefore + (passes ? 1 : 0));
      expect(await laneAnswers()).toBe(laneBefore + (passes && known.has(key) ? 1 : 0));
      if (round > 0 && passes) known.add(key);
    }
  });

  it('answers in the lane only what Apollo Server would answer as JSON, and alike', async () => {
    const testCase: Case = {
      name: 'shelf',
      query: 'query LaneShelf($first: Int) { shelf(first: $first) { name books { id title } } }',
      variables: { first: 2 },
      passes: true,
    };
    for (let round = 0; round < 2; round += 1) await post(withPassThrough.gateway.url, testCase); // known from now on
    for (const accept of ['*/*', 'application/json', 'application/graphql-response+json', 'text/html']) {
      const before = await laneAnswers();
      const expected = await post(without.gateway.url, testCase, { accept });
      const answer = await post(withPassThrough.gateway.url, testCase, { accept });
      expect(seen(answer)).toEqual(seen(expected));
      const lane = ['*/*', 'application/json'].includes(accept) ? 1 : 0;
      expect({ accept, lane: (await laneAnswers()) - before }).toEqual({ accept, lane });
    }
    // an empty operation name is not a missing one: graphql-js finds no operation of that name
    const before = await laneAnswers();
    const unnamed = { ...testCase, operationName: '' };
    const refused = await post(withPassThrough.gateway.url, unnamed);
    expect(seen(refused)).toEqual(seen(await post(without.gateway.url, unnamed)));
    expect(refused.status).toBe(400);
    expect(await laneAnswers()).toBe(before);
    // with the answer's ETag in If-None-Match: a POST is still answered in full by both (Express)
    const first = await post(withPassThrough.gateway.url, testCase);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const expected = await post(without.gateway.url, testCase, { 'if-none-match': etag });
    const answer = await post(withPassThrough.gateway.url, testCase, { 'if-none-match': etag });
    expect(seen(answer)).toEqual(seen(expected));
  });

  it('leaves to Apollo Server what its pipeline refuses: bad variables, bad tokens, costs over the limit', async () => {
    const limited = await startGatewayFor([catalogue, ratings], { limits: { maxCost: 500 } });
    const limitedOff = await startGatewayFor([catalogue, ratings], {
      limits: { maxCost: 500 },
      singleFetchPassThrough: false,
    });
    try {
      const query = 'query Costed($first: Int) { shelf(first: $first) { books { id title } } }';
      const ask = (url: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
        post(url, { name: 'costed', query, variables, passes: true }, headers);
      // planned, then passed through: known from now on
      for (let round = 0; round < 2; round += 1)
        expect((await ask(limited.gateway.url, { first: 1 })).status).toBe(200);
      const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
        [{ first: 2 }, {}],
        [{ first: 'two' }, {}],
        [{ first: 1000 }, {}],
        [{ first: 1 }, { authorization: 'Bearer not-a-token' }],
        [{ first: 1 }, { authorization: `Bearer ${await clientToken('lane-reader')}` }],
      ];
      const outcomes = [];
      for (const [variables, headers] of cases) {
        const before = await laneAnswers(limited.gateway);
        const expected = await ask(limitedOff.gateway.url, variables, headers);
        const answer = await ask(limited.gateway.url, variables, headers);
        expect(seen(answer)).toEqual(seen(expected));
        outcomes.push({
          status: answer.status,
          code: (JSON.parse(answer.text) as GraphQLResponse['body']).errors?.[0]?.extensions?.code,
          lane: (await laneAnswers(limited.gateway)) - before,
        });
      }
      expect(outcomes).toEqual([
        { status: 200, code: undefined, lane: 1 },
        { status: 400, code: 'BAD_USER_INPUT', lane: 0 },
        { status: 400, code: 'QUERY_TOO_COSTLY', lane: 0 },
        { status: 401, code: 'UNAUTHENTICATED', lane: 0 },
        { status: 200, code: undefined, lane: 1 },
      ]);
      // the access log names the operation and its outcome for the lane's answers too
      const lines = limited.logs.filter((line) => line.path === '/graphql' && line.operation === 'Costed');
      expect(lines.map((line) => [line.status, line.outcome])).toEqual([
        [200, 'ok'],
        [200, 'ok'],
        [200, 'ok'],
        [400, 'BAD_USER_INPUT'],
        [400, 'QUERY_TOO_COSTLY'],
        [200, 'ok'],
      ]);
    } finally {
      await limited.gateway.stop();
      await limitedOff.gateway.stop();
    }
  });

  it('leaves a request for the query plan (Apollo-Query-Plan-Experimental) to @apollo/gateway', async () => {
    const query = '{ kind book(id: "1") { title } }';
    const headers = { 'apollo-query-plan-experimental': '1' };
    await postQuery(withPassThrough.gateway.url, query); // planned: passes through from now on
    const answeredBefore = await passThroughAnswers();
    const expected = await postQuery(without.gateway.url, query, undefined, headers);
    const answer = await postQuery(withPassThrough.gateway.url, query, undefined, headers);
    expect(answer.text).toBe(expected.text);
    expect(await passThroughAnswers()).toBe(answeredBefore);
    await postQuery(withPassThrough.gateway.url, query);
    expect(await passThroughAnswers()).toBe(answeredBefore + 1);
  });

  it('answers a subgraph that cannot be reached as @apollo/gateway does', async () => {
    const gone = await startSubgraph('catalogue', catalogueTypeDefs, catalogueResolvers, [
      FIXTURE_INTERNAL_KEYS.publicKey,
    ]);
    const on = await startGatewayFor([gone, ratings]);
    const off = await startGatewayFor([gone, ratings], { singleFetchPassThrough: false });
    try {
      const query = '{ shelf { name } kind }';
      // planned, then passed through (the lane's from then on) while the subgraph still answers
      for (let round = 0; round < 2; round += 1) {
        expect((await postQuery(on.gateway.url, query)).body).toEqual({
          data: { shelf: { name: 'Main shelf' }, kind: 'FILM' },
        });
      }
      await gone.stop();
      const expected = await postQuery(off.gateway.url, query);
      // the lane's failed fetch is handed on to @apollo/gateway's path, which words the error
      const answer = await postQuery(on.gateway.url, query);
      expect(expected.body.errors?.[0]?.extensions?.code).toBeDefined();
      expect({ status: answer.status, text: answer.text }).toEqual({
        status: expected.status,
        text: expected.text,
      });
      expect(await laneAnswers(on.gateway)).toBe(0);
      // one fetch failed, not two: the lane's attempt is the one @apollo/gateway's path reported
      const fetches = await on.gateway.metrics.getSingleMetric('hub_subgraph_fetch_duration_seconds')!.get();
      const failed = fetches.values.filter(
        (value) =>
          (value as { metricName?: string }).metricName === 'hub_subgraph_fetch_duration_seconds_count' &&
          value.labels.subgraph === 'catalogue' &&
          value.labels.outcome === 'FETCH_FAILED',
      );
      expect(failed.map((value) => value.value)).toEqual([1]);
    } finally {
      await on.gateway.stop();
      await off.gateway.stop();
      await gone.stop();
    }
  });
});
