import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  parse,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
} from 'graphql';

/** An operation the playground opens as a tab. */
export interface ExampleOperation {
  /** The operation's name (GraphiQL titles the tab with it). */
  name: string;
  /** The operation's text: the comment lines right above it, the operation, then the fragments it uses. */
  query: string;
  /** JSON text for the variables editor. */
  variables?: string;
}

/** The `#` lines directly above `offset` (no blank line between), as written. */
function commentAbove(source: string, offset: number): string {
  const lines = source.slice(0, offset).split('\n');
  lines.pop(); // the text on the definition's own line, before it
  const comments: string[] = [];
  for (let line = lines.pop(); line !== undefined && line.trim().startsWith('#'); line = lines.pop()) {
    comments.unshift(line);
  }
  return comments.length ? `${comments.join('\n')}\n` : '';
}

function textOf(source: string, definition: DefinitionNode): string {
  return definition.loc ? source.slice(definition.loc.start, definition.loc.end) : '';
}

/** Names of the fragments `definition` spreads, directly or through other fragments, in first-use order. */
function fragmentsUsedBy(
  definition: DefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): string[] {
  const used: string[] = [];
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (used.includes(name) || !fragment) return;
        used.push(name);
        collect(fragment);
      },
    });
  collect(definition);
  return used;
}

function variablesFor(all: Record<string, unknown>, operationName: string): string | undefined {
  const variables = all[operationName];
  return variables && typeof variables === 'object' ? `${JSON.stringify(variables, null, 2)}\n` : undefined;
}

/** One tab per operation of a `.graphql` file; the whole file as one tab when it does not parse. */
function operationsOfFile(
  source: string,
  fallbackName: string,
  variables: Record<string, unknown>,
): ExampleOperation[] {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch {
    return [{ name: fallbackName, query: source }];
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return document.definitions.flatMap((definition, index) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.loc) return [];
    const name = definition.name?.value ?? `${fallbackName}-${index + 1}`;
    const used = fragmentsUsedBy(definition, fragments).map((fragment) => fragments.get(fragment));
    const parts = [definition, ...used].flatMap((part) =>
      part?.loc ? [commentAbove(source, part.loc.start) + textOf(source, part)] : [],
    );
    const operationVariables = variablesFor(variables, name);
    return [
      {
        name,
        query: `${parts.join('\n\n')}\n`,
        ...(operationVariables ? { variables: operationVariables } : {}),
      },
    ];
  });
}

function readVariables(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

/**
 * Loads the example operations from the `*.graphql` files in `dir` (sorted by file name): one per
 * operation, with the comment above it and the fragments it needs. `<file>.variables.json` next to
 * `<file>.graphql` may hold variables keyed by operation name (`{ "RegionWithFamily": { "code": "FRH0" } }`).
 * A missing folder means no examples.
 */
export function loadExampleOperations(dir: string): ExampleOperation[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .flatMap((file) => {
      const base = file.slice(0, -'.graphql'.length);
      const variables = readVariables(path.join(dir, `${base}.variables.json`));
      return operationsOfFile(readFileSync(path.join(dir, file), 'utf8'), base, variables);
    });
}
