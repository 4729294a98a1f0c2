import type { ApolloServerPlugin } from '@apollo/server';
import { type ListSizes } from '@hub/kit';
import {
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LIMIT_ERROR_CODES, QueryLimitError } from './limits';

/**
 * The static cost of an operation, computed before anything is sent to a subgraph (graphql-query-complexity
 * walks the document with the estimator below):
 *
 * - every field costs 1, plus what it selects;
 * - a field with a `first` argument (every paged list) multiplies what it selects by `first` (its default when
 *   not given): `regions(first: 500) { edges { node { code } } }` costs 1 + 500 × 3;
 * - any other list of objects multiplies by the size its subgraph declares with `@listSize(assumedSize:)`
 *   (Federation's demand-control directive, kept in the supergraph; the kit's `ListSize`), or by
 *   `UNDECLARED_LIST_SIZE` where none is declared (schema/test/list-sizes.test.ts keeps that from happening);
 * - lists of scalars and enums cost 1 like any leaf; the `edges` of a connection are sized by its `first`;
 * - introspection (`__schema`, `__type`, `__Type.fields` …) is bounded by the schema: no multiplication.
 *
 * Aliases count once each, fragments at each spread. Depth, aliases and tokens are limited separately.
 */
export const UNDECLARED_LIST_SIZE = 100;

/**
 * Default of MAX_COST. The costliest operations the hub answers price the worst case the declared sizes allow:
 * consultation results by country, NUTS 1 and NUTS 2 at once (100 questions × 3 × 340 regions × 30 options)
 * cost about 6.8 million, `ConsultationResults` at one level about 2.3 million. Issue 12's attack (500 NUTS 3
 * regions, each with its ancestors' children's children's children) costs about 24 million, and every alias
 * of it as much again. Estimates are upper bounds: the same attack's real answer is about 9 kB per region.
 */
export const DEFAULT_MAX_COST = 10_000_000;

/** The most an operation may cost, and the declared list sizes it is computed with. */
export interface CostLimit {
  maxCost: number;
  listSizes: ListSizes;
}

export function createCostEstimator(listSizes: ListSizes): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (type.name.startsWith('__') || field.name.startsWith('__')) return 1 + childComplexity;
    const first = field.args.find((argument) => argument.name === 'first');
    if (first) {
      const given: unknown = args.first;
      const size =
        typeof given === 'number' ? given : typeof first.defaultValue === 'number' ? first.defaultValue : 1;
      return 1 + Math.max(size, 0) * childComplexity;
    }
    if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type)))
      return 1 + childComplexity;
    if (field.name === 'edges' && type.name.endsWith('Connection')) return 1 + childComplexity;
    const size = listSizes.get(`${type.name}.${field.name}`) ?? UNDECLARED_LIST_SIZE;
    return 1 + size * childComplexity;
  };
}

/** The cost of the operation `operationName` of `document` with `variables`. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  estimator: ComplexityEstimator,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [estimator],
  });
}

export function tooCostlyError(cost: number, maxCost: number): QueryLimitError {
  return new QueryLimitError(
    `The operation would cost ${cost}, over the limit of ${maxCost} (MAX_COST): ask for fewer items (first) or fewer nested lists.`,
    LIMIT_ERROR_CODES.cost,
  );
}

/** Variables longer than this (as JSON) are priced again each time rather than kept as a key. */
const MAX_CACHED_VARIABLES_LENGTH = 1024;
/** Distinct operation names and variables remembered per document (the first ones seen). */
const MAX_COSTS_PER_DOCUMENT = 64;

/**
 * Costs already computed, per parsed document (Apollo Server's document store hands the same document object
 * to every request of the same query, and a new one after a schema change) and operation name + variables:
 * the cost of an operation depends on nothing else, and walking a large document on every request was a
 * noticeable share of the gateway's CPU (issue 11).
 */
export class CostCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, number>>();

  private keyOf(operationName: string | null | undefined, variables: Record<string, unknown> | undefined) {
    let json: string;
    try {
      json = variables ? JSON.stringify(variables) : '';
    } catch {
      return undefined; // not JSON (a BigInt from an internal caller): priced each time
    }
    return json.length > MAX_CACHED_VARIABLES_LENGTH ? undefined : `${operationName ?? ''}\0${json}`;
  }

  /**
   * The cost of `operationName` in `document` with `variables`: remembered, or `compute()`d and kept (not when
   * the variables are too long or not JSON). A `compute` that throws keeps nothing.
   */
  costOf(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
    compute: () => number,
  ): number {
    const key = this.keyOf(operationName, variables);
    if (key === undefined) return compute();
    let costs = this.byDocument.get(document);
    const known = costs?.get(key);
    if (known !== undefined) return known;
    const cost = compute();
    if (!costs) this.byDocument.set(document, (costs = new Map()));
    if (costs.size < MAX_COSTS_PER_DOCUMENT) costs.set(key, cost);
    return cost;
  }
}

/** The cost of an operation with its variables, remembered (see `CostCache`); undefined when it cannot be priced. */
export type CostCheck = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
) => number | undefined;

/**
 * Prices operations with `listSizes`: what the cost plugin checks, and what the single-fetch lane checks
 * again for a known operation's new variables (single-fetch.ts). An operation whose variables do not coerce
 * cannot be priced (undefined): execution reports them.
 */
export function createCostCheck(listSizes: ListSizes): CostCheck {
  const estimator = createCostEstimator(listSizes);
  const costs = new CostCache();
  return (schema, document, operationName, variables) => {
    try {
      return costs.costOf(document, operationName, variables, () =>
        operationCost(schema, document, estimator, variables, operationName ?? undefined),
      );
    } catch {
      return undefined;
    }
  };
}

/**
 * Refuses an operation over `maxCost` (HTTP 400, QUERY_TOO_COSTLY) once Apollo Server has parsed and
 * validated it, before the gateway plans or fetches anything. An operation whose variables do not coerce is
 * left to execution, which reports them (BAD_USER_INPUT).
 */
export function costLimitPlugin<Context extends object>(
  options: CostLimit,
  costOf: CostCheck = createCostCheck(options.listSizes),
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const cost = costOf(schema, document, operationName, request.variables);
          if (cost !== undefined && cost > options.maxCost) {
            const error = tooCostlyError(cost, options.maxCost);
            error.extensions.http = { status: 400 };
            throw error;
          }
        },
      };
    },
  };
}
