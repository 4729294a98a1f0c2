import { readFileSync } from 'node:fs';
import { ERROR_EXTENSION_KINDS, z, type ErrorExtensionKind } from '@hub/kit';

/**
 * `schema/error-extensions.json`, generated next to the supergraph from every subgraph's
 * `error-extensions.json` (the kit's base set plus the subgraph definition's `errorExtensions`): the
 * extensions besides `code` that client errors may carry, with their kind and the subgraphs that declare them.
 */
export interface ErrorExtensionDeclarations {
  readonly extensions: Readonly<
    Record<string, { readonly kind: ErrorExtensionKind; readonly subgraphs: readonly string[] }>
  >;
}

const declarationsSchema = z.object({
  extensions: z
    .record(
      z.string(),
      z.object({
        kind: z.enum(ERROR_EXTENSION_KINDS as [ErrorExtensionKind, ...ErrorExtensionKind[]]),
        subgraphs: z.array(z.string().min(1)).min(1),
      }),
    )
    .superRefine(
      (extensions, context) => {
        if (typeof extensions !== 'object' || extensions === null) return;
        for (const name of Object.keys(extensions)) {
          if (name === 'code')
            context.addIssue({
              code: 'custom',
              path: [name],
              message: '`code` is always kept; do not declare it',
            });
          else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            context.addIssue({ code: 'custom', path: [name], message: 'not a GraphQL name' });
        }
      },
      // also when an entry is bad, so that every problem is named at once
      { when: () => true },
    ),
});

/** Validates the declaration file's content (JSON text or parsed); `source` names it in errors. */
export function parseErrorExtensions(
  content: unknown,
  source = 'error extensions',
): ErrorExtensionDeclarations {
  let json = content;
  if (typeof content === 'string') {
    try {
      json = JSON.parse(content);
    } catch (error) {
      throw new Error(`${source}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const parsed = declarationsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`${source} is not a valid declaration of error extensions:\n${problems.join('\n')}`);
  }
  return parsed.data as ErrorExtensionDeclarations;
}

/** Reads and validates a declaration file (`schema/error-extensions.json`). */
export function readErrorExtensions(file: string): ErrorExtensionDeclarations {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file} (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseErrorExtensions(text, file);
}

/** Returns the value a client may see, or `undefined` to drop the extension. */
type Cleaner = (value: unknown) => unknown;

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * One cleaner per kind of the kit's `ErrorExtensionKind` (a kind added there fails to compile here until the
 * gateway knows how to clean it). Arrays and objects are rebuilt from the expected parts only, so nothing a subgraph
 * added beside them (an internal hint, a nested stack) reaches a client.
 */
export const ERROR_EXTENSION_CLEANERS: Readonly<Record<ErrorExtensionKind, Cleaner>> = {
  string: (value) => (isString(value) ? value : undefined),
  integer: (value) => (Number.isInteger(value) ? value : undefined),
  number: (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined),
  boolean: (value) => (typeof value === 'boolean' ? value : undefined),
  'string[]': (value) => (Array.isArray(value) ? value.filter(isString) : undefined),
  /** `[{ path, messages }]` with string values only; anything else in the entries is dropped. */
  fieldErrors: (value) => {
    if (!Array.isArray(value)) return undefined;
    return value.flatMap((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { path, messages } = entry as { path?: unknown; messages?: unknown };
      if (!isString(path) || !Array.isArray(messages)) return [];
      return [{ path, messages: messages.filter(isString) }];
    });
  },
};

/**
 * Keeps the declared extensions of a client error, each cleaned by its kind, and drops everything else (in
 * particular what @apollo/gateway adds to subgraph errors: `serviceName`, `response` with the subgraph URL
 * and body, and whatever the subgraph itself put there: `stacktrace`, `exception`). An error from a subgraph
 * (`serviceName`) keeps only the extensions that subgraph declares; the gateway's own errors carry none.
 */
export function createErrorExtensionFilter(declarations: ErrorExtensionDeclarations) {
  const declared = Object.entries(declarations.extensions).map(([name, { kind, subgraphs }]) => ({
    name,
    clean: ERROR_EXTENSION_CLEANERS[kind],
    subgraphs: new Set(subgraphs),
  }));
  return (extensions: Readonly<Record<string, unknown>>, serviceName?: string): Record<string, unknown> => {
    const kept: Record<string, unknown> = {};
    if (serviceName === undefined) return kept;
    for (const { name, clean, subgraphs } of declared) {
      if (!subgraphs.has(serviceName) || extensions[name] === undefined) continue;
      const value = clean(extensions[name]);
      if (value !== undefined) kept[name] = value;
    }
    return kept;
  };
}
