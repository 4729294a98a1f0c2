import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import {
  createQueryLimitsRule,
  exceedsTokenLimit,
  isLimitErrorCode,
  QueryLimitError,
  tooManyTokensError,
  type QueryLimits,
} from '../limits';
import { createCostEstimator, operationCost, tooCostlyError, type CostLimit } from '../cost';
import type { RefusalObserver } from '../metrics';
import type { SchemaGeneration, SubscriptionPlan } from './planner';

/** What a client sends: graphql-ws `subscribe` payload, or the SSE query string once decoded. */
export interface OperationRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** A subscription ready to open: validated, variables coerced, planned. */
export interface PreparedSubscription {
  kind: 'subscription';
  generation: SchemaGeneration;
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  /** Coerced: defaults applied, every value checked against its type. */
  variables: Record<string, unknown>;
  plan: SubscriptionPlan;
}

/** A query or mutation: handed to Apollo Server whole (it validates, limits and masks as over HTTP). */
export interface PassThroughOperation {
  kind: 'query' | 'mutation';
  query: string;
  document: DocumentNode;
  schema: GraphQLSchema;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export type PreparedOperation =
  PreparedSubscription | PassThroughOperation | { kind: 'invalid'; errors: GraphQLError[] };

function invalid(message: string, code: string): { kind: 'invalid'; errors: GraphQLError[] } {
  return { kind: 'invalid', errors: [new GraphQLError(message, { extensions: { code } })] };
}

/** The same error with `extensions.code` set (graphql's own errors carry none). */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an operation the way Apollo Server checks one over HTTP, with the same limits and codes: token
 * limit while parsing (TOO_MANY_TOKENS), graphql's rules plus depth/alias/directive limits (their own codes,
 * else GRAPHQL_VALIDATION_FAILED), variables coerced with `getVariableValues` (BAD_USER_INPUT). Nothing
 * reaches a subgraph before all of that passed.
 */
export class OperationPreparer {
  private readonly rules: readonly ValidationRule[];
  private readonly costOf?: (
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown>,
    name?: string,
  ) => number;

  constructor(
    private readonly limits: QueryLimits,
    private readonly cost?: CostLimit,
    /** Told of each limit that refuses a subscription (`hub_gateway_refusals_total`, as over HTTP). */
    private readonly onRefusal?: RefusalObserver,
  ) {
    this.rules = [...specifiedRules, createQueryLimitsRule(limits)];
    if (cost) {
      const estimator = createCostEstimator(cost.listSizes);
      this.costOf = (schema, document, variables, name) =>
        operationCost(schema, document, estimator, variables, name);
    }
  }

  /** Throws only on a fault of the gateway (e.g. the planner); the caller masks that as internal. */
  prepare(request: OperationRequest, generation: SchemaGeneration): PreparedOperation {
    const prepared = this.check(request, generation);
    if (prepared.kind === 'invalid' && this.onRefusal) {
      // each limit once per operation, however many of its errors (queries and mutations: countLimitRefusals)
      const codes = new Set(prepared.errors.map((error) => error.extensions.code).filter(isLimitErrorCode));
      for (const code of codes) this.onRefusal(code);
    }
    return prepared;
  }

  private check(request: OperationRequest, generation: SchemaGeneration): PreparedOperation {
    const { query, variables, operationName } = request;
    if (typeof query !== 'string' || query.trim() === '') {
      return invalid('The request must contain a non-empty `query`.', 'BAD_REQUEST');
    }
    if (variables !== undefined && variables !== null && !isPlainObject(variables)) {
      return invalid('`variables` must be a JSON object.', 'BAD_REQUEST');
    }
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
      return invalid('`operationName` must be a string.', 'BAD_REQUEST');
    }
    const name = operationName ?? undefined;

    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.limits.maxTokens });
    } catch (error) {
      if (exceedsTokenLimit(query, this.limits.maxTokens)) {
        return { kind: 'invalid', errors: [tooManyTokensError(this.limits.maxTokens)] };
      }
      const syntaxError = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      return { kind: 'invalid', errors: [withCode(syntaxError, 'GRAPHQL_PARSE_FAILED')] };
    }

    const operation = getOperationAST(document, name);
    if (operation && operation.operation !== 'subscription') {
      return {
        kind: operation.operation,
        query,
        document,
        schema: generation.apiSchema,
        operationName: name,
        variables: variables ?? undefined,
      };
    }

    const validationErrors = validate(generation.apiSchema, document, this.rules);
    if (validationErrors.length > 0) {
      return {
        kind: 'invalid',
        errors: validationErrors.map((error) =>
          error instanceof QueryLimitError ? error : withCode(error, 'GRAPHQL_VALIDATION_FAILED'),
        ),
      };
    }
    if (!operation) {
      return invalid(
        name
          ? `Unknown operation named "${name}".`
          : 'Must provide operation name if query contains multiple operations.',
        'OPERATION_RESOLUTION_FAILURE',
      );
    }

    // Replacing graphql's subscribe skips its variable coercion: done here, so bad input never goes upstream.
    const coerced = getVariableValues(
      generation.apiSchema,
      operation.variableDefinitions ?? [],
      variables ?? {},
      {
        maxErrors: 25,
      },
    );
    if (coerced.errors) {
      return { kind: 'invalid', errors: coerced.errors.map((error) => withCode(error, 'BAD_USER_INPUT')) };
    }
    if (this.cost && this.costOf) {
      const cost = this.costOf(generation.apiSchema, document, coerced.coerced, name);
      if (cost > this.cost.maxCost)
        return { kind: 'invalid', errors: [tooCostlyError(cost, this.cost.maxCost)] };
    }

    return {
      kind: 'subscription',
      generation,
      source: query,
      document,
      operation,
      operationName: name,
      variables: coerced.coerced,
      plan: generation.plan(document, query, name),
    };
  }
}
