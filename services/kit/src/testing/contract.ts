import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, Kind, parse, print } from 'graphql';
import { undocumentedSchemaElements } from '../graphql/federated-schema';
import { subgraphSdl } from '../graphql/subgraph-schema';
import { subgraphErrorExtensions, type SubgraphDefinition } from '../runtime/definition';
import { startTestSubgraph, type TestSubgraph } from '.';

/** The vitest functions the suite uses (vitest cannot be required from compiled CommonJS, so tests pass them in). */
export interface TestApi {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void>) => void;
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  expect: (actual: unknown) => any;
}

/**
 * The type definitions of an SDL document, printed one per entry, without `schema` blocks and without
 * `Query` (which `_service` serves with `_entities` and `_service` added).
 */
function typeDefinitions(sdl: string): string[] {
  return parse(sdl)
    .definitions.filter((node) => node.kind !== Kind.SCHEMA_DEFINITION && node.kind !== Kind.SCHEMA_EXTENSION)
    .filter((node) => !('name' in node) || node.name?.value !== 'Query')
    .map((node) => print(node));
}

export interface SubgraphContractOptions<T> {
  test: TestApi;
  definition: SubgraphDefinition<T>;
  /** Absolute path of the committed `schema.graphql`. */
  schemaFile: string;
  /**
   * Absolute path of the committed `error-extensions.json` (`hub-subgraph emit-schema` writes both); default:
   * beside `schemaFile`, checked when it exists.
   */
  errorExtensionsFile?: string;
  /** PostgreSQL server URL (from the test run's global setup). */
  serverUrl: () => string;
  /** One representation per entity key, and a field to read back, e.g. `{ __typename: 'Region', code: 'FR10' }`. */
  entities: Array<{ representation: Record<string, unknown> & { __typename: string }; selection: string }>;
}

/**
 * The contract every subgraph keeps: its SDL equals the committed file and describes everything it defines,
 * every `@key` resolves through `_entities`, `_service` serves the SDL, unknown keys resolve to null, and
 * health endpoints answer.
 */
export function describeSubgraphContract<T>(options: SubgraphContractOptions<T>): void {
  const { describe, it, beforeAll, afterAll, expect } = options.test;
  describe(`${options.definition.name} subgraph contract`, () => {
    let subgraph: TestSubgraph;
    beforeAll(async () => {
      subgraph = await startTestSubgraph(options.definition, options.serverUrl());
    });
    afterAll(async () => {
      await subgraph?.stop();
    });

    it('builds exactly the committed schema.graphql (run `npm run generate` after changing the code)', async () => {
      expect(await subgraphSdl(options.definition)).toBe(readFileSync(options.schemaFile, 'utf8'));
    });

    const errorExtensionsFile =
      options.errorExtensionsFile ?? path.join(path.dirname(options.schemaFile), 'error-extensions.json');
    if (options.errorExtensionsFile || existsSync(errorExtensionsFile)) {
      it('declares exactly the committed error-extensions.json (run `npm run generate` after changing it)', async () => {
        expect(`${JSON.stringify(subgraphErrorExtensions(options.definition), null, 2)}\n`).toBe(
          readFileSync(errorExtensionsFile, 'utf8'),
        );
      });
    }

    it('describes every type, field, argument and enum value it defines', async () => {
      // Without the `extend schema @link(…)` header: the federation directives it imports are not defined here.
      const sdl = readFileSync(options.schemaFile, 'utf8').replace(/^extend schema[\s\S]*?\)\n/, '');
      const schema = buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
      expect(undocumentedSchemaElements(schema)).toEqual([]);
    });

    it('serves the committed type definitions through _service', async () => {
      const { body } = await subgraph.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
      // `_service` prints `schema @link(…)` and the federation directive definitions besides our types.
      const served = typeDefinitions(body.data?._service.sdl ?? '');
      const missing = typeDefinitions(readFileSync(options.schemaFile, 'utf8')).filter(
        (d) => !served.includes(d),
      );
      expect(missing).toEqual([]);
    });

    for (const entity of options.entities) {
      const { __typename, ...key } = entity.representation;
      it(`resolves ${__typename} ${JSON.stringify(key)} through _entities, and an unknown key to null`, async () => {
        const missing = Object.fromEntries(Object.keys(key).map((field) => [field, '__missing__']));
        const { body } = await subgraph.query<{ _entities: Array<Record<string, unknown> | null> }>(
          `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${__typename} { ${entity.selection} } } }`,
          { representations: [entity.representation, { __typename, ...missing }] },
        );
        expect(body.errors).toBeUndefined();
        const [found, notFound] = body.data?._entities ?? [];
        expect(found).toMatchObject(key);
        expect(notFound).toBeNull();
      });
    }

    it('answers /health/live and /health/ready', async () => {
      const origin = new URL(subgraph.url).origin;
      for (const route of ['/health/live', '/health/ready']) {
        const response = await fetch(origin + route);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ status: 'ok', service: options.definition.name });
      }
    });
  });
}
