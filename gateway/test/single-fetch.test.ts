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
import { FIXTURE_INTERNAL_KEYS, startSubgraph, type FixtureSubgraph } from './fixtures/subgraphs';

/**
 * The single-fetch pass-through (single-fetch.ts) answers exactly what @apollo/gateway's own path answers:
 * two gateways in front of the same real subgraphs, one with it and one without, answer every operation
 * below byte for byte alike (status, body), and the plans it takes are the ones expected.
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

function post(url: string, testCase: Case): Promise<GraphQLResponse> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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

  it.each(CASES)('answers $name as @apollo/gateway does', async (testCase) => {
    // the first request plans (and decides); the second takes the pass-through when the plan allows it
    for (let round = 0; round < 2; round += 1) {
      const expected = await post(without.gateway.url, testCase);
      const callsBefore = catalogue.calls + ratings.calls;
      const answeredBefore = await passThroughAnswers();
      const answer = await post(withPassThrough.gateway.url, testCase);
      const calls = catalogue.calls + ratings.calls - callsBefore;
      expect({ status: answer.status, text: answer.text }).toEqual({
        status: expected.status,
        text: expected.text,
      });
      // an answer with errors goes on to @apollo/gateway's own path without fetching again
      if (testCase.passes && expected.status === 200) expect(calls).toBe(1);
      const clean = expected.status === 200 && !('errors' in (JSON.parse(expected.text) as object));
      if (round === 1)
        expect(await passThroughAnswers()).toBe(answeredBefore + (testCase.passes && clean ? 1 : 0));
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
      // planned while the subgraph still answers
      expect((await postQuery(on.gateway.url, query)).body).toEqual({
        data: { shelf: { name: 'Main shelf' }, kind: 'FILM' },
      });
      await gone.stop();
      const expected = await postQuery(off.gateway.url, query);
      const answer = await postQuery(on.gateway.url, query);
      expect(expected.body.errors?.[0]?.extensions?.code).toBeDefined();
      expect({ status: answer.status, text: answer.text }).toEqual({
        status: expected.status,
        text: expected.text,
      });
    } finally {
      await on.gateway.stop();
      await off.gateway.stop();
      await gone.stop();
    }
  });
});
