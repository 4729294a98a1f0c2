import type { ApolloGateway, GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import { trace } from '@opentelemetry/api';
import { dataOnlyAnswerText, type HeaderReader } from './transport';
import {
  getNamedType,
  getVariableValues,
  Kind,
  parse,
  print,
  valueFromAST,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type ArgumentNode,
  type GraphQLField,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';

/**
 * The single-fetch pass-through (issue 11: 100 regions through the gateway at most 1.3× the direct call).
 *
 * When a query's plan is one fetch to one subgraph, with nothing for the gateway to add, rename or join, and
 * the fetch selects exactly what the client's operation selects, the subgraph's answer already is the answer:
 * the same fields, aliases, arguments, directives and fragments, executed by graphql-js in the same order.
 * @apollo/gateway would still re-read the operation (`operationFromDocument`) and copy the answer field by
 * field into a new object (`computeResponse`), about a fifth of the gateway's CPU on a 100-region page. Here
 * the answer goes out as the subgraph sent it.
 *
 * Anything else takes @apollo/gateway's own path, unchanged: plans of several fetches, entity fetches,
 * rewrites, conditions, planner-added fields (`__typename` on abstract types), fields the planner merges into
 * another order, variable defaults, mutations, bad variables, a recording trace span (its `gateway.*` spans
 * stay complete), the query-plan debug header, and every query of a supergraph with `@inaccessible` elements
 * (server.ts). Composition gives a field the most general of its subgraphs' types, so a subgraph's answer
 * without errors always fits the supergraph's types.
 * A subgraph answer with errors, without data, or a failed fetch also goes the normal way: the fetch already
 * made is handed to it (`takePrefetched`), so nothing is fetched twice and the client sees exactly what
 * @apollo/gateway makes of that answer (error paths, `serviceName`, nulls).
 *
 * The decision is made once per parsed document and operation name (Apollo Server keeps parsed documents in
 * its document store) when @apollo/gateway resolves the plan, and forgotten when the schema changes. Once a
 * query text has passed through, the lane (single-fetch-lane.ts, `answerKnown`) answers its next requests
 * before Apollo Server.
 */

type Executor = ApolloGateway['executor'];
/** What @apollo/gateway passes to an executor (`GatewayGraphQLRequestContext`). */
export type GatewayRequestContext = Parameters<Executor>[0];
type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** A fetch made by the pass-through that the normal path must reuse instead of fetching again. */
export interface PrefetchedAnswer {
  subgraph: string;
  query: string;
  answer: Promise<SubgraphResponse>;
}

/** Where the pass-through leaves a prefetched answer for the normal path (the request's context). */
const PREFETCHED = Symbol('hub.prefetched-subgraph-answer');

type ContextWithPrefetch = Record<string | symbol, unknown> & { [PREFETCHED]?: PrefetchedAnswer };

/**
 * The prefetched answer for this fetch of a client's request, once: the data source calls it first and
 * returns its answer instead of fetching.
 */
export function takePrefetched(
  context: object | undefined,
  subgraph: string,
  query: string | undefined,
): Promise<SubgraphResponse> | undefined {
  const holder = context as ContextWithPrefetch | undefined;
  const prefetched = holder?.[PREFETCHED];
  if (!prefetched || prefetched.subgraph !== subgraph || prefetched.query !== query) return undefined;
  delete holder[PREFETCHED];
  return prefetched.answer;
}

interface PassThroughPlan {
  queryPlan: QueryPlan;
  fetch: FetchNode;
  variableUsages: readonly string[];
  variableDefinitions: readonly VariableDefinitionNode[];
}

type Fragments = Readonly<Record<string, FragmentDefinitionNode | undefined>>;

/** One response key (or a fragment on another type) of a selection set, its repeats merged. */
interface ShapeEntry {
  /** What decides the entry's value besides its selections: alias, name, arguments, directives. */
  head: string;
  /** For a field: the named type of its value; for a fragment: its type condition. */
  type: string | undefined;
  /** The selection sets merged under it (graphql-js merges a field repeated under the same key). */
  selectionSets: SelectionSetNode[];
}

/**
 * The canonical form of a selection set, as graphql-js executes it: fragments on the enclosing type and
 * without directives spliced in where they stand, a field repeated with the same arguments and directives
 * merged at its first place. Two selection sets with the same form give the same answer, key for key in the
 * same order, from the same subgraph; anything else (a fragment on another type, differing directives) stays
 * in the form as written, so that only exact equals compare equal.
 */
function shapeOf(
  schema: GraphQLSchema,
  selectionSets: readonly SelectionSetNode[],
  parentType: string | undefined,
  fragments: Fragments,
  depth = 0,
): string {
  // fragments cannot cycle in a valid document; the bound only guards against a surprise
  if (depth > 64) throw new Error('selection too deep to compare');
  const entries: ShapeEntry[] = [];
  const fields = new Map<string, ShapeEntry>();
  const fieldsOfParent =
    parentType !== undefined
      ? (schema.getType(parentType) as { getFields?: () => object } | undefined)
      : undefined;
  const fieldTypes = (fieldsOfParent?.getFields?.() ?? {}) as Record<
    string,
    GraphQLField<unknown, unknown> | undefined
  >;
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const definition = fieldTypes[name];
        const head = `${selection.alias?.value ?? name}:${name}(${(selection.arguments ?? []).map((argument) => argumentOf(argument, definition)).join(',')})${directivesOf(selection.directives)}`;
        const known = fields.get(head);
        if (known) {
          if (selection.selectionSet) known.selectionSets.push(selection.selectionSet);
          continue;
        }
        const fieldType = definition?.type;
        const entry: ShapeEntry = {
          head,
          type: fieldType ? getNamedType(fieldType).name : undefined,
          selectionSets: selection.selectionSet ? [selection.selectionSet] : [],
        };
        fields.set(head, entry);
        entries.push(entry);
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) throw new Error('unknown fragment');
      const typeCondition = fragment.typeCondition?.name.value;
      const directives = `${directivesOf(selection.directives)}${selection.kind === Kind.FRAGMENT_SPREAD ? directivesOf(fragment.directives) : ''}`;
      if (!directives && (typeCondition === undefined || typeCondition === parentType)) {
        collect(fragment.selectionSet);
        continue;
      }
      entries.push({
        head: `...${typeCondition ?? ''}${directives}`,
        type: typeCondition ?? parentType,
        selectionSets: [fragment.selectionSet],
      });
    }
  };
  for (const selectionSet of selectionSets) collect(selectionSet);
  return entries
    .map(({ head, type, selectionSets: sets }) =>
      sets.length ? `${head}{${shapeOf(schema, sets, type, fragments, depth + 1)}}` : head,
    )
    .join(' ');
}

/**
 * An argument as the subgraph reads it: a literal by its coerced value (the planner writes the ID "1" as
 * `1`, which a subgraph reads as "1"), a variable by its name, anything else as written.
 */
function argumentOf(argument: ArgumentNode, field: GraphQLField<unknown, unknown> | undefined): string {
  const name = argument.name.value;
  if (argument.value.kind === Kind.VARIABLE) return `${name}:$${argument.value.name.value}`;
  const type = field?.args.find((candidate) => candidate.name === name)?.type;
  try {
    const value: unknown = type ? valueFromAST(argument.value, type) : undefined;
    // undefined: not a constant (a variable inside a list or object) or not valid for its type
    if (value !== undefined) return `${name}=${JSON.stringify(value)}`;
  } catch {
    // a custom scalar that does not parse or serialise: compared as written
  }
  return `${name}:${print(argument.value)}`;
}

function directivesOf(directives: readonly DirectiveNode[] | undefined): string {
  return directives?.length ? directives.map((directive) => print(directive)).join('') : '';
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

/**
 * The plan's single fetch when the pass-through is exact for it, else undefined. Exact: a query, one fetch
 * node at the root, no entity step or rewrite, the fetch's selection (fragments expanded) equal to the
 * client's, and each variable the fetch declares declared alike by the client, without a default.
 */
export function passThroughFetch(
  schema: GraphQLSchema,
  queryPlan: QueryPlan,
  operation: OperationDefinitionNode,
  fragments: Fragments,
): FetchNode | undefined {
  const fetch = queryPlan.node;
  if (fetch?.kind !== 'Fetch' || operation.operation !== 'query' || fetch.operationKind !== 'query')
    return undefined;
  if (fetch.requires || fetch.hasDefers) return undefined;
  if (fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length)
    return undefined;
  let fetchDocument: DocumentNode;
  try {
    // the planner keeps the parsed fetch only when configured to (exposeDocumentNodeInFetchNode)
    fetchDocument = fetch.operationDocumentNode ?? parse(fetch.operation);
  } catch {
    return undefined;
  }
  const fetchOperations = fetchDocument.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (fetchOperations.length !== 1) return undefined;
  const fetchOperation = fetchOperations[0]!;
  if (fetchOperation.directives?.length || operation.directives?.length) return undefined;
  // defaults would be applied by the subgraph and by @apollo/gateway's shaping each in its own way
  if (operation.variableDefinitions?.some((definition) => definition.defaultValue)) return undefined;
  const clientVariables = new Map(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      print(definition),
    ]),
  );
  for (const definition of fetchOperation.variableDefinitions ?? []) {
    if (clientVariables.get(definition.variable.name.value) !== print(definition)) return undefined;
  }
  try {
    const root = schema.getQueryType()?.name;
    const fetchShape = shapeOf(schema, [fetchOperation.selectionSet], root, fragmentsOf(fetchDocument));
    return fetchShape === shapeOf(schema, [operation.selectionSet], root, fragments) ? fetch : undefined;
  } catch {
    return undefined;
  }
}

export interface SingleFetchPassThrough {
  /** To call from `experimental_didResolveQueryPlan`: decides (once) whether this plan passes through. */
  notePlan(
    queryPlan: QueryPlan,
    requestContext: GatewayRequestContext,
    operation: OperationDefinitionNode,
    fragments: Fragments,
  ): void;
  /** The executor to hand Apollo Server: the pass-through where it is exact, else `normal`. */
  executor(normal: Executor): Executor;
  /**
   * The lane: answers a client's request of an operation Apollo Server already answered by the pass-through
   * (the same query text and operation name), without Apollo Server; undefined when it must go the normal way.
   */
  answerKnown(request: LaneRequest, context: object, headers: HeaderReader): Promise<LaneOutcome | undefined>;
  /** Forgets every decision (the schema changed). */
  reset(): void;
  /** Requests answered by the pass-through (`hub_gateway_single_fetch_answers_total`). */
  readonly answered: number;
  /** Of those, the requests the lane answered without Apollo Server (`hub_gateway_single_fetch_lane_answers_total`). */
  readonly laneAnswered: number;
}

/** A client's GraphQL request over HTTP, as its JSON body says it. */
export interface LaneRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** What the lane made of a request: the answer's data, or a fetch whose answer the normal path must shape. */
export type LaneOutcome =
  | {
      kind: 'answer';
      data: Record<string, unknown>;
      /** The subgraph's answer text when it is `{"data":…}` alone (`dataOnlyAnswerText`). */
      text: string | undefined;
      operationName: string | null;
    }
  | { kind: 'prefetched'; prefetched: PrefetchedAnswer };

/** What the plan's one fetch gave: the client's answer, or a fetch for the normal path to shape. */
type FetchOutcome =
  | { kind: 'answer'; response: SubgraphResponse; data: Record<string, unknown> }
  | { kind: 'prefetched'; prefetched: PrefetchedAnswer };

export interface PassThroughOptions {
  /** The data sources @apollo/gateway built, by subgraph name. */
  dataSource(subgraph: string): GraphQLDataSource | undefined;
  /** What `experimental_didResolveQueryPlan` does besides `notePlan` (metrics, the warm-up's stop), per request context. */
  onPlan(queryPlan: QueryPlan, context: object): void;
  /**
   * Whether a known operation with these variables is within the request limits Apollo Server's plugins check
   * before planning (the cost limit); the lane leaves any other operation to them.
   */
  withinLimits?(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null,
    variables: Record<string, unknown>,
  ): boolean;
}

/** Operations the lane remembers; past this the oldest is forgotten. */
const MAX_LANE_OPERATIONS = 1000;

/** An operation the pass-through answered, by its exact text: what the lane needs to answer it again. */
interface KnownOperation {
  plan: PassThroughPlan;
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null;
}

export function createSingleFetchPassThrough(options: PassThroughOptions): SingleFetchPassThrough {
  // parsed document → operation name ('' for none) → the plan, or null when it does not pass through
  let decisions = new WeakMap<DocumentNode, Map<string, PassThroughPlan | null>>();
  // operation name, NUL, query text → an operation answered by the pass-through (Map order: oldest first)
  let known = new Map<string, KnownOperation>();
  let answered = 0;
  let laneAnswered = 0;

  const decisionOf = (requestContext: GatewayRequestContext) =>
    decisions.get(requestContext.document)?.get(requestContext.request.operationName ?? '');
  // no operation name and an empty one are not the same request (graphql-js refuses the empty name)
  const knownKey = (query: string, operationName: string | null | undefined) =>
    `${operationName == null ? '' : `=${operationName}`}\0${query}`;

  /**
   * The plan's one fetch with the client's variables; its answer when it is the client's answer (no errors,
   * data), else the fetch for the normal path to reuse.
   */
  const fetchOnce = async (
    plan: PassThroughPlan,
    dataSource: GraphQLDataSource,
    provided: Record<string, unknown>,
    incomingRequestContext: object,
    context: object,
  ): Promise<FetchOutcome> => {
    const { fetch } = plan;
    // the variables @apollo/gateway's executeFetch sends: those the fetch uses, when given
    const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of plan.variableUsages) {
      if (Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
    }
    const answer = dataSource.process({
      kind: 'incoming operation',
      request: { query: fetch.operation, variables, operationName: fetch.operationName },
      incomingRequestContext,
      context,
      document: fetch.operationDocumentNode,
      pathInIncomingRequest: [],
    } as unknown as GraphQLDataSourceProcessOptions);
    let response: SubgraphResponse | undefined;
    try {
      response = await answer;
    } catch {
      response = undefined;
    }
    const data = response?.data;
    if (response && !response.errors && data && typeof data === 'object' && !Array.isArray(data)) {
      answered += 1;
      return { kind: 'answer', response, data };
    }
    answer.catch(() => undefined); // handled by the normal path's fetch
    return {
      kind: 'prefetched',
      prefetched: { subgraph: fetch.serviceName, query: fetch.operation, answer },
    };
  };

  return {
    get answered() {
      return answered;
    },
    get laneAnswered() {
      return laneAnswered;
    },
    reset() {
      decisions = new WeakMap();
      known = new Map();
    },
    notePlan(queryPlan, requestContext, operation, fragments) {
      const document = requestContext.document;
      let byName = decisions.get(document);
      if (!byName) decisions.set(document, (byName = new Map()));
      const name = requestContext.request.operationName ?? '';
      if (byName.has(name)) return;
      const fetch = passThroughFetch(requestContext.schema, queryPlan, operation, fragments);
      byName.set(
        name,
        fetch
          ? {
              queryPlan,
              fetch,
              variableUsages: fetch.variableUsages ?? [],
              variableDefinitions: operation.variableDefinitions ?? [],
            }
          : null,
      );
    },
    executor(normal) {
      return async (requestContext) => {
        const plan = decisionOf(requestContext);
        if (!plan) return normal(requestContext);
        const { request } = requestContext;
        // a recording span wants @apollo/gateway's own spans; the debug header wants the plan in the answer
        if (
          trace.getActiveSpan()?.isRecording() ||
          request.http?.headers.has('apollo-query-plan-experimental')
        )
          return normal(requestContext);
        const provided = request.variables ?? {};
        // what @apollo/gateway's validateIncomingRequest checks; its errors come from the normal path
        if (getVariableValues(requestContext.schema, plan.variableDefinitions, provided).errors)
          return normal(requestContext);
        const dataSource = options.dataSource(plan.fetch.serviceName);
        if (!dataSource) return normal(requestContext);
        options.onPlan(plan.queryPlan, requestContext.context);
        const outcome = await fetchOnce(plan, dataSource, provided, requestContext, requestContext.context);
        if (outcome.kind === 'answer') {
          // the lane answers this text from now on (an HTTP request's; Apollo's own operations have one too)
          if (typeof requestContext.source === 'string') {
            const key = knownKey(requestContext.source, request.operationName);
            if (!known.has(key)) {
              if (known.size >= MAX_LANE_OPERATIONS) known.delete(known.keys().next().value!);
              known.set(key, {
                plan,
                schema: requestContext.schema,
                document: requestContext.document,
                operationName: requestContext.operationName ?? null,
              });
            }
          }
          return { data: outcome.data };
        }
        // errors, no data or a failed fetch: @apollo/gateway makes the answer from this very fetch
        attachPrefetched(requestContext.context, outcome.prefetched);
        return normal(requestContext);
      };
    },
    async answerKnown(request, context, headers) {
      const operation = known.get(knownKey(request.query, request.operationName));
      if (!operation) return undefined;
      const { plan } = operation;
      if (trace.getActiveSpan()?.isRecording() || headers.get('apollo-query-plan-experimental'))
        return undefined;
      const provided = request.variables ?? {};
      if (getVariableValues(operation.schema, plan.variableDefinitions, provided).errors) return undefined;
      if (
        options.withinLimits &&
        !options.withinLimits(operation.schema, operation.document, operation.operationName, provided)
      )
        return undefined;
      const dataSource = options.dataSource(plan.fetch.serviceName);
      if (!dataSource) return undefined;
      options.onPlan(plan.queryPlan, context);
      // what the data source reads of Apollo's request context: the client's headers (forwarded ones)
      const outcome = await fetchOnce(
        plan,
        dataSource,
        provided,
        { request: { http: { headers } } },
        context,
      );
      if (outcome.kind === 'prefetched') return outcome;
      laneAnswered += 1;
      return {
        kind: 'answer',
        data: outcome.data,
        text: dataOnlyAnswerText(outcome.response),
        operationName: operation.operationName,
      };
    },
  };
}

/** Hands a fetch already made to the normal path of the request whose context this is (see `takePrefetched`). */
export function attachPrefetched(context: object, prefetched: PrefetchedAnswer): void {
  (context as ContextWithPrefetch)[PREFETCHED] = prefetched;
}
