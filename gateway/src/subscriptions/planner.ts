import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type QueryPlan } from '@apollo/query-planner';
import type { Logger } from '@hub/kit';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/** Plans kept per schema version; the oldest goes when a new one would exceed this. */
export const MAX_CACHED_PLANS = 500;

/**
 * How to run one subscription: `primary` is opened on the owning subgraph; `perEvent` is an ordinary plan
 * (`primary`, then the fetches of fields other subgraphs own) executed once per upstream event.
 */
export interface SubscriptionPlan {
  primary: FetchNode;
  perEvent: QueryPlan;
}

/** Generations created so far (their ids). */
let generations = 0;

/**
 * One version of the supergraph and everything planned against it. A subscription keeps the generation it
 * was planned with, so a schema update never mixes an old plan with a new schema.
 */
export class SchemaGeneration {
  /** Tells generations apart (subscription groups never span two). */
  readonly id = ++generations;
  /** The gateway's API schema (graphql-js): validation, variable coercion, operation context. */
  readonly apiSchema: GraphQLSchema;
  private built?: {
    federationApiSchema: Schema;
    supergraphSchema: GraphQLSchema;
    planner: QueryPlanner;
  };
  private readonly plans = new Map<string, SubscriptionPlan>();

  constructor(
    apiSchema: GraphQLSchema,
    private readonly supergraphSdl: string,
  ) {
    this.apiSchema = apiSchema;
  }

  /** Built on the first subscription: a gateway that never serves one pays nothing for the planner. */
  private get federation() {
    if (!this.built) {
      // @apollo/gateway validated this supergraph when it loaded it
      const supergraph = Supergraph.build(this.supergraphSdl, { validateSupergraph: false });
      this.built = {
        federationApiSchema: supergraph.apiSchema(),
        supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
        planner: new QueryPlanner(supergraph),
      };
    }
    return this.built;
  }

  get federationApiSchema(): Schema {
    return this.federation.federationApiSchema;
  }

  get supergraphSchema(): GraphQLSchema {
    return this.federation.supergraphSchema;
  }

  /** The plan of a validated subscription, cached by document hash and operation name. */
  plan(document: DocumentNode, source: string, operationName: string | undefined): SubscriptionPlan {
    const key = `${createHash('sha256').update(source).digest('hex')}:${operationName ?? ''}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const { federationApiSchema, planner } = this.federation;
    const queryPlan = planner.buildQueryPlan(
      operationFromDocument(federationApiSchema, document, { operationName }),
    );
    const node = queryPlan.node;
    if (node?.kind !== 'Subscription') {
      throw new Error(`Expected a subscription plan, got ${node?.kind ?? 'an empty plan'}`);
    }
    const plan: SubscriptionPlan = {
      primary: node.primary,
      perEvent: {
        kind: 'QueryPlan',
        node: node.rest ? { kind: 'Sequence', nodes: [node.primary, node.rest] } : node.primary,
      },
    };
    if (this.plans.size >= MAX_CACHED_PLANS) {
      const oldest = this.plans.keys().next().value;
      if (oldest !== undefined) this.plans.delete(oldest);
    }
    this.plans.set(key, plan);
    return plan;
  }
}

/** The current schema generation, replaced whenever @apollo/gateway loads or updates its supergraph. */
export class SubscriptionPlanner {
  private generation?: SchemaGeneration;
  private readonly unsubscribe: () => void;

  /** Register before the gateway loads (`apollo.start()`): a static supergraph is announced only then. */
  constructor(gateway: Pick<ApolloGateway, 'onSchemaLoadOrUpdate'>, logger: Logger) {
    this.unsubscribe = gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
      this.generation = new SchemaGeneration(apiSchema, coreSupergraphSdl);
      logger.debug('subscription planner follows the new supergraph');
    });
  }

  get current(): SchemaGeneration | undefined {
    return this.generation;
  }

  stop(): void {
    this.unsubscribe();
  }
}
