import { existsSync } from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkDocumentLimits,
  DEFAULT_LIMITS,
  exceedsTokenLimit,
  GATEWAY_PACKAGE_DIR,
  loadExampleOperations,
} from '../src';
import { startFixtureHub, type FixtureHub, type GraphQLResponse } from './fixtures/hub';

/** `{ tree { child { … { level } } } }` nested exactly `depth` fields deep (depth ≥ 2). */
function treeQuery(depth: number): string {
  let inner = 'level';
  for (let level = 2; level < depth; level += 1) inner = `child { ${inner} }`;
  return `{ tree { ${inner} } }`;
}

function repeat(count: number, make: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => make(index)).join(' ');
}

/** `{ sum(values: [1 1 …]) }`: 9 tokens plus one per value. */
function sumQueryWithTokens(tokens: number): string {
  return `{ sum(values: [${repeat(tokens - 9, () => '1')}]) }`;
}

function expectLimitError(response: GraphQLResponse, code: string, limit: number): void {
  expect(response.status).toBe(400);
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors ?? [];
  expect(error?.extensions).toEqual({ code });
  expect(error?.message).toContain(`is ${limit}`);
  expect(response.text).not.toContain('stacktrace');
}

function expectOk(response: GraphQLResponse): void {
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
}

describe('measuring documents (in-process)', () => {
  it("measures graphql's standard introspection query at depth 6: ofType chains do not count", () => {
    const document = parse(getIntrospectionQuery());
    expect(checkDocumentLimits(document, DEFAULT_LIMITS)).toEqual([]);
    const errors = checkDocumentLimits(document, { ...DEFAULT_LIMITS, maxDepth: 5 });
    expect(errors.map((error) => error.message)).toEqual([
      'Operation "IntrospectionQuery" is nested 6 fields deep; the limit (maxDepth) is 5.',
    ]);
  });

  it('counts ofType outside introspection like any other field', () => {
    const document = parse('{ thing { ofType { ofType { ofType { name } } } } }');
    expect(checkDocumentLimits(document, { ...DEFAULT_LIMITS, maxDepth: 4 })).toHaveLength(1);
  });

  it('survives fragment cycles (graphql reports them separately)', () => {
    const document = parse(
      '{ ...A } fragment A on Query { a: b { ...B } } fragment B on Query { c { ...A } }',
    );
    expect(checkDocumentLimits(document, DEFAULT_LIMITS)).toEqual([]);
  });

  it('counts aliases once per fragment spread, directives once as written', () => {
    const document = parse(`{ ...A ...A ...A } fragment A on Query { x: a @skip(if: false) y: b }`);
    const errors = checkDocumentLimits(document, { ...DEFAULT_LIMITS, maxAliases: 5, maxDirectives: 0 });
    expect(errors.map((error) => error.extensions.code)).toEqual(['TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES']);
    expect(errors[0]?.message).toContain('uses 6 aliases');
    expect(errors[1]?.message).toContain('uses 1 directives');
  });

  const repositoryExamples = path.resolve(GATEWAY_PACKAGE_DIR, '../codegen/operations');
  it.runIf(existsSync(repositoryExamples))(
    "fits the repository's example operations in the default limits",
    () => {
      const examples = loadExampleOperations(repositoryExamples);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        expect({
          example: example.name,
          tooManyTokens: exceedsTokenLimit(example.query, DEFAULT_LIMITS.maxTokens),
        }).toEqual({
          example: example.name,
          tooManyTokens: false,
        });
        const errors = checkDocumentLimits(parse(example.query), DEFAULT_LIMITS).map(
          (error) => error.message,
        );
        expect({ example: example.name, errors }).toEqual({ example: example.name, errors: [] });
      }
    },
  );

  it('counts tokens up to the limit only', () => {
    expect(exceedsTokenLimit(sumQueryWithTokens(4000), 4000)).toBe(false);
    expect(exceedsTokenLimit(sumQueryWithTokens(4001), 4000)).toBe(true);
    expect(exceedsTokenLimit('{ a } ?', 4000)).toBe(false); // a lexical error is a syntax error, not a limit
  });
});

describe('limits through the gateway (default limits)', () => {
  let hub: FixtureHub;

  beforeAll(async () => {
    hub = await startFixtureHub();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it(`runs a query exactly ${DEFAULT_LIMITS.maxDepth} fields deep`, async () => {
    const response = await hub.query(treeQuery(DEFAULT_LIMITS.maxDepth));
    expectOk(response);
    expect(JSON.stringify(response.body.data)).toContain(`"level":${DEFAULT_LIMITS.maxDepth - 1}`);
  });

  it('rejects one level more with QUERY_TOO_DEEP', async () => {
    const response = await hub.query(treeQuery(DEFAULT_LIMITS.maxDepth + 1));
    expectLimitError(response, 'QUERY_TOO_DEEP', DEFAULT_LIMITS.maxDepth);
    expect(response.body.errors?.[0]?.message).toBe(
      'The operation is nested 13 fields deep; the limit (maxDepth) is 12.',
    );
  });

  it('counts depth through fragments and inline fragments', async () => {
    const children = (count: number) => repeat(count, () => 'child {') + ' level ' + repeat(count, () => '}');
    const query = `query Deep { tree { ...Outer } }
      fragment Outer on TreeNode { child { ... on TreeNode { child { ...Inner } } } }
      fragment Inner on TreeNode { ${children(9)} }`;
    const response = await hub.query(query);
    expectLimitError(response, 'QUERY_TOO_DEEP', DEFAULT_LIMITS.maxDepth);
    expect(response.body.errors?.[0]?.message).toContain('Operation "Deep" is nested 13 fields deep');
  });

  it('answers a mistake repeated ten times with one error carrying its ten locations', async () => {
    const response = await hub.query(`{ ${repeat(10, (index) => `g${index}: tree @nope { level }`)} }`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveLength(1);
    const [error] = response.body.errors ?? [];
    expect(error?.message).toBe('Unknown directive "@nope".');
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((error as { locations?: unknown[] } | undefined)?.locations).toHaveLength(10);
  });

  it('answers a fragment cycle with a validation error, not a crash', async () => {
    const response = await hub.query(
      '{ tree { ...A } } fragment A on TreeNode { child { ...B } } fragment B on TreeNode { child { ...A } }',
    );
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toContain('Cannot spread fragment "A" within itself');
  });

  it('limits fan-out introspection by depth', async () => {
    // __schema → types, then fields → type pairs: 2 + 2 × 5 + name = 13 levels
    const fanOut = repeat(5, () => 'fields { type {') + ' name ' + repeat(10, () => '}');
    const response = await hub.query(`{ __schema { types { ${fanOut} } } }`);
    expect(response.status).toBe(400);
    // graphql 16's own MaxIntrospectionDepthRule objects as well ("Maximum introspection depth exceeded").
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual([
      'QUERY_TOO_DEEP',
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(response.body.errors?.[0]?.message).toContain('nested 13 fields deep');
  });

  it('does not count ofType chains in introspection', async () => {
    const ofTypes = repeat(15, () => 'ofType {') + ' name ' + repeat(15, () => '}');
    expectOk(await hub.query(`{ __type(name: "Greeting") { fields { type { ${ofTypes} } } } }`));
  });

  it(`runs ${DEFAULT_LIMITS.maxAliases} aliases`, async () => {
    expectOk(await hub.query(`{ ${repeat(DEFAULT_LIMITS.maxAliases, (index) => `a${index}: __typename`)} }`));
  });

  it('rejects one alias more with TOO_MANY_ALIASES', async () => {
    const response = await hub.query(
      `{ ${repeat(DEFAULT_LIMITS.maxAliases + 1, (index) => `a${index}: __typename`)} }`,
    );
    expectLimitError(response, 'TOO_MANY_ALIASES', DEFAULT_LIMITS.maxAliases);
    expect(response.body.errors?.[0]?.message).toBe(
      'The operation uses 31 aliases; the limit (maxAliases) is 30.',
    );
  });

  it('counts the aliases of a fragment at every spread', async () => {
    const query = `{ ...Greetings ...Greetings } fragment Greetings on Query { ${repeat(16, (index) => `g${index}: __typename`)} }`;
    expectLimitError(await hub.query(query), 'TOO_MANY_ALIASES', DEFAULT_LIMITS.maxAliases);
  });

  it(`runs ${DEFAULT_LIMITS.maxDirectives} directives`, async () => {
    expectOk(
      await hub.query(`{ ${repeat(DEFAULT_LIMITS.maxDirectives, () => '__typename @include(if: true)')} }`),
    );
  });

  it('rejects one directive more with TOO_MANY_DIRECTIVES', async () => {
    const response = await hub.query(
      `{ ${repeat(DEFAULT_LIMITS.maxDirectives + 1, () => '__typename @include(if: true)')} }`,
    );
    expectLimitError(response, 'TOO_MANY_DIRECTIVES', DEFAULT_LIMITS.maxDirectives);
  });

  it(`runs a document of exactly ${DEFAULT_LIMITS.maxTokens} tokens`, async () => {
    const response = await hub.query(sumQueryWithTokens(DEFAULT_LIMITS.maxTokens));
    expectOk(response);
    expect(response.body.data).toEqual({ sum: DEFAULT_LIMITS.maxTokens - 9 });
  });

  it('rejects one token more with TOO_MANY_TOKENS', async () => {
    const response = await hub.query(sumQueryWithTokens(DEFAULT_LIMITS.maxTokens + 1));
    expectLimitError(response, 'TOO_MANY_TOKENS', DEFAULT_LIMITS.maxTokens);
    expect(response.body.errors?.[0]?.message).toBe(
      'The document has more than 4000 tokens; the limit (maxTokens) is 4000.',
    );
  });

  it('keeps ordinary syntax errors as GRAPHQL_PARSE_FAILED', async () => {
    const response = await hub.query('{ greetings { id }');
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('applies the limits to GET requests too', async () => {
    const url = `${hub.gateway.url}?query=${encodeURIComponent(treeQuery(DEFAULT_LIMITS.maxDepth + 1))}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]?.extensions,
    ).toEqual({
      code: 'QUERY_TOO_DEEP',
    });
  });
});

describe('limits from the config', () => {
  let hub: FixtureHub;

  beforeAll(async () => {
    hub = await startFixtureHub({ limits: { maxDepth: 3, maxTokens: 20 } });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('uses the configured depth and token limits', async () => {
    expectOk(await hub.query(treeQuery(3)));
    expectLimitError(await hub.query(treeQuery(4)), 'QUERY_TOO_DEEP', 3);
    expectLimitError(await hub.query(sumQueryWithTokens(21)), 'TOO_MANY_TOKENS', 20);
  });
});
