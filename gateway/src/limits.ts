import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import type { RefusalObserver } from './metrics';

/** How large an operation may be; every limit is checked before anything is sent to a subgraph. */
export interface QueryLimits {
  /** Deepest field nesting, counted through fragments and inline fragments (root fields are depth 1). */
  maxDepth: number;
  /** Aliases per operation, counted once per fragment spread (aliases multiply work at execution). */
  maxAliases: number;
  /** Directives written in the document. */
  maxDirectives: number;
  /** Lexical tokens in the document (enforced by graphql's parser, so no larger document is ever parsed). */
  maxTokens: number;
}

export const LIMIT_ERROR_CODES = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  directives: 'TOO_MANY_DIRECTIVES',
  tokens: 'TOO_MANY_TOKENS',
  /** The operation's static cost (cost.ts) is over `maxCost`. */
  cost: 'QUERY_TOO_COSTLY',
} as const;

export type LimitErrorCode = (typeof LIMIT_ERROR_CODES)[keyof typeof LIMIT_ERROR_CODES];

const LIMIT_CODES: ReadonlySet<string> = new Set(Object.values(LIMIT_ERROR_CODES));

export function isLimitErrorCode(code: unknown): code is LimitErrorCode {
  return typeof code === 'string' && LIMIT_CODES.has(code);
}

/** A request over one of the limits; `extensions.code` names which. */
export class QueryLimitError extends GraphQLError {
  constructor(message: string, code: LimitErrorCode) {
    super(message, { extensions: { code } });
    this.name = 'QueryLimitError';
  }
}

interface SelectionStats {
  depth: number;
  aliases: number;
}

const NO_SELECTION: SelectionStats = { depth: 0, aliases: 0 };
const INTROSPECTION_ROOT_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/**
 * Measures depth and aliases of every operation in a document, expanding fragments. A fragment's figures
 * are computed once (memoised), so fragments spread many times cost nothing extra to measure; a fragment
 * already being measured counts as empty, which keeps fragment cycles (reported by graphql's own
 * NoFragmentCyclesRule) from recursing forever.
 *
 * Introspection: `ofType` inside `__schema`/`__type` does not add depth. Those chains only unwrap
 * NonNull/List wrappers and end after a few levels whatever the query asks, yet graphql's standard
 * introspection query (the one GraphiQL sends) nests them 7 deep, for a depth of 15. Not counting them
 * measures that query at 6, so it passes the default depth limit of 12, while fan-out introspection
 * (`fields { type { fields { type … } } }`) is still counted level by level and stays limited (graphql 16's
 * own MaxIntrospectionDepthRule, among the specified rules, also caps that pattern at 3 `fields` levels).
 */
class OperationMeter {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measured = new Map<string, SelectionStats>();
  private readonly inProgress = new Set<string>();

  constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  measure(selectionSet: SelectionSetNode, inIntrospection = false): SelectionStats {
    let depth = 0;
    let aliases = 0;
    for (const selection of selectionSet.selections) {
      let stats: SelectionStats;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const childInIntrospection = inIntrospection || INTROSPECTION_ROOT_FIELDS.has(name);
        const child = selection.selectionSet
          ? this.measure(selection.selectionSet, childInIntrospection)
          : NO_SELECTION;
        const addsDepth = !(inIntrospection && name === 'ofType');
        stats = {
          depth: child.depth + (addsDepth ? 1 : 0),
          aliases: child.aliases + (selection.alias ? 1 : 0),
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        stats = this.measure(selection.selectionSet, inIntrospection);
      } else {
        stats = this.measureFragment(selection.name.value, inIntrospection);
      }
      depth = Math.max(depth, stats.depth);
      aliases += stats.aliases;
    }
    return { depth, aliases };
  }

  private measureFragment(name: string, inIntrospection: boolean): SelectionStats {
    const key = `${inIntrospection ? 'introspection' : 'data'}:${name}`;
    const known = this.measured.get(key);
    if (known) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.inProgress.has(key)) return NO_SELECTION;
    this.inProgress.add(key);
    const stats = this.measure(fragment.selectionSet, inIntrospection);
    this.inProgress.delete(key);
    this.measured.set(key, stats);
    return stats;
  }
}

function countDirectives(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    Directive() {
      count += 1;
    },
  });
  return count;
}

function describeOperation(name: string | undefined): string {
  return name ? `Operation "${name}"` : 'The operation';
}

/** Checks depth, aliases and directives of a parsed document; returns one error per limit exceeded. */
export function checkDocumentLimits(
  document: DocumentNode,
  limits: Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>,
): QueryLimitError[] {
  const errors: QueryLimitError[] = [];
  const meter = new OperationMeter(document);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const { depth, aliases } = meter.measure(definition.selectionSet);
    const operation = describeOperation(definition.name?.value);
    if (depth > limits.maxDepth) {
      errors.push(
        new QueryLimitError(
          `${operation} is nested ${depth} fields deep; the limit (maxDepth) is ${limits.maxDepth}.`,
          LIMIT_ERROR_CODES.depth,
        ),
      );
    }
    if (aliases > limits.maxAliases) {
      errors.push(
        new QueryLimitError(
          `${operation} uses ${aliases} aliases; the limit (maxAliases) is ${limits.maxAliases}.`,
          LIMIT_ERROR_CODES.aliases,
        ),
      );
    }
  }
  const directives = countDirectives(document);
  if (directives > limits.maxDirectives) {
    errors.push(
      new QueryLimitError(
        `The document uses ${directives} directives; the limit (maxDirectives) is ${limits.maxDirectives}.`,
        LIMIT_ERROR_CODES.directives,
      ),
    );
  }
  return errors;
}

/** The limits as one GraphQL validation rule (Apollo runs it together with graphql's specified rules). */
export function createQueryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context) => ({
    Document(document) {
      for (const error of checkDocumentLimits(document, limits)) context.reportError(error);
      return false; // everything is measured from the document node; no need to visit its children
    },
  });
}

/** True when `source` holds more than `maxTokens` tokens; stops lexing at `maxTokens + 1`. */
export function exceedsTokenLimit(source: string, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(source));
  try {
    for (let count = 0; count <= maxTokens; count += 1) {
      if (lexer.advance().kind === TokenKind.EOF) return false;
    }
    return true;
  } catch {
    return false; // a lexical error before the limit: an ordinary syntax error
  }
}

export function tooManyTokensError(maxTokens: number): QueryLimitError {
  return new QueryLimitError(
    `The document has more than ${maxTokens} tokens; the limit (maxTokens) is ${maxTokens}.`,
    LIMIT_ERROR_CODES.tokens,
  );
}

/**
 * Tells `onRefusal` which limits refused a request (`hub_gateway_refusals_total`), over HTTP and for queries and
 * mutations sent over graphql-ws alike (both run through Apollo). The rule's errors arrive wrapped by Apollo
 * with ours as `originalError`, the cost plugin's as themselves, and graphql's token abort as a parse error,
 * recognised as `errors.ts` does. Each limit counts once per request, however many of its operations exceed
 * it; a subgraph's error with such a code (it has `serviceName`) is not the gateway's refusal.
 */
export function countLimitRefusals<Context extends object>(
  onRefusal: RefusalObserver,
  maxTokens: number,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, source }) {
          const codes = new Set<LimitErrorCode>();
          for (const error of errors) {
            if (error.extensions.serviceName !== undefined) continue;
            const original = error.originalError instanceof GraphQLError ? error.originalError : error;
            const code = original.extensions.code;
            if (isLimitErrorCode(code)) codes.add(code);
            else if (
              error.extensions.code === 'GRAPHQL_PARSE_FAILED' &&
              source !== undefined &&
              exceedsTokenLimit(source, maxTokens)
            )
              codes.add(LIMIT_ERROR_CODES.tokens);
          }
          for (const code of codes) onRefusal(code);
        },
      };
    },
  };
}
