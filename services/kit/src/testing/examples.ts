import { readFileSync } from 'node:fs';
import {
  Kind,
  parse,
  print,
  visit,
  type ASTNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { ANONYMOUS, type Caller } from '../writes/identity';

/** One operation of a service's `examples.graphql`. */
export interface GraphQLExample {
  /** The operation's name (`RegionWithFamily`); `operation <n>` when unnamed. */
  name: string;
  operation: 'query' | 'mutation' | 'subscription';
  /** The operation alone (with the fragments it uses), ready to send. */
  document: string;
  /** The variables given in the `# { … }` comment line just above it (JSON), else `{}`. */
  variables: Record<string, unknown>;
  /** Variables it declares as required without a default (`$code: ID!`). */
  requiredVariables: string[];
  node: OperationDefinitionNode;
}

/**
 * The operations of an `examples.graphql`, in file order. Variables for an example may be written as one JSON line
 * in the comment block above it: `# { "code": "EL43" }` (other comment lines describe it).
 */
export function readExamples(file: string): GraphQLExample[] {
  const text = readFileSync(file, 'utf8');
  const definitions = parse(text).definitions;
  const fragments = new Map(
    definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  /** The fragments `node` spreads, and theirs, in first-use order. */
  const fragmentsUsedBy = (node: ASTNode, used = new Set<string>()): Set<string> => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name) || !fragments.has(name)) return;
        used.add(name);
        fragmentsUsedBy(fragments.get(name)!, used);
      },
    });
    return used;
  };
  const operations = definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.map((node, index) => {
    const commentLines: string[] = [];
    for (const line of text.slice(0, node.loc!.start).trimEnd().split('\n').reverse()) {
      if (!line.trimStart().startsWith('#')) break;
      commentLines.push(line.trimStart().slice(1).trim());
    }
    const json = commentLines.find((line) => line.startsWith('{'));
    let variables: Record<string, unknown> = {};
    if (json) {
      try {
        variables = JSON.parse(json) as Record<string, unknown>;
      } catch (error) {
        throw new Error(
          `${file}: the variables comment above ${node.name?.value ?? `operation ${index + 1}`} is not JSON: ${String(error)}`,
        );
      }
    }
    return {
      name: node.name?.value ?? `operation ${index + 1}`,
      operation: node.operation as GraphQLExample['operation'],
      document: [print(node), ...[...fragmentsUsedBy(node)].map((name) => print(fragments.get(name)!))].join(
        '\n\n',
      ),
      variables,
      requiredVariables: (node.variableDefinitions ?? [])
        .filter((definition) => definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue)
        .map((definition) => definition.variable.name.value),
      node,
    };
  });
}

/** What `runExample` needs of a test subgraph (or anything that posts like `TestSubgraph.query`). */
export interface ExampleTarget {
  query(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<{ body: { data?: unknown; errors?: Array<{ message: string }> } }>;
}

/**
 * Runs one example and checks it is a realistic one: every required variable given (the comment's, then
 * `options.variables` over them), no errors, and every top-level field answered with something — not null, not
 * an empty list, not a connection without edges. Returns `data` (e.g. to pass an id to the next example); throws
 * naming the example otherwise.
 */
export async function runExample(
  target: ExampleTarget,
  example: GraphQLExample,
  options: { variables?: Record<string, unknown>; caller?: Caller } = {},
): Promise<Record<string, unknown>> {
  const variables = { ...example.variables, ...options.variables };
  const missing = example.requiredVariables.filter((name) => variables[name] === undefined);
  if (missing.length) {
    throw new Error(
      `example ${example.name} needs ${missing.map((name) => `$${name}`).join(', ')}: give them in a "# { … }" comment line above it`,
    );
  }
  const { body } = await target.query(example.document, variables, options.caller ?? ANONYMOUS);
  if (body.errors?.length) {
    throw new Error(`example ${example.name} answered errors: ${JSON.stringify(body.errors)}`);
  }
  const data = (body.data ?? null) as Record<string, unknown> | null;
  const fields = Object.entries(data ?? {});
  if (fields.length === 0) throw new Error(`example ${example.name} answered no data`);
  for (const [field, value] of fields) {
    const empty =
      value === null ||
      value === undefined ||
      value === false ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' &&
        !Array.isArray(value) &&
        Array.isArray((value as { edges?: unknown }).edges) &&
        (value as { edges: unknown[] }).edges.length === 0);
    if (empty) {
      throw new Error(
        `example ${example.name}: ${field} is empty (${JSON.stringify(value)}); examples show realistic results`,
      );
    }
  }
  return data!;
}
