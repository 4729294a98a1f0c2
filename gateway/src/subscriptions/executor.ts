import {
  buildOperationContext,
  executeQueryPlan,
  type GraphQLDataSource,
  type ServiceMap,
} from '@apollo/gateway';
import { createPushIterator, type Caller, type Logger, type PushIterator } from '@hub/kit';
import type { ExecutionResult, FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import {
  gatewayError,
  SUBGRAPH_UNAVAILABLE_MESSAGE,
  SUBSCRIPTION_ERROR_CODES,
  subgraphErrors,
  type ErrorMasker,
} from './errors';
import type { PreparedSubscription } from './operation';
import type { UpstreamClients } from './upstream';

/**
 * Events of one subscription waiting to be resolved or sent; one more ends it with TOO_MANY_PENDING_EVENTS
 * (rather than dropping events silently or letting memory grow without bound).
 */
export const MAX_PENDING_EVENTS = 1_000;

type RequestContext = Parameters<typeof executeQueryPlan>[2];

export interface SubscriptionExecutorOptions {
  upstream: UpstreamClients;
  /** The gateway's own data sources by subgraph name (they sign the internal token per request). */
  serviceMap: () => ServiceMap;
  mask: ErrorMasker;
  logger: Logger;
}

function isFormattedErrorList(reason: unknown): reason is GraphQLFormattedError[] {
  return (
    Array.isArray(reason) && reason.every((error) => typeof error === 'object' && error && 'message' in error)
  );
}

/**
 * Runs prepared subscriptions: opens `plan.primary` on the owning subgraph and, per upstream event, executes
 * `plan.perEvent` with @apollo/gateway's `executeQueryPlan`, the primary fetch answered by the event itself
 * and every other fetch sent to the real subgraphs. Events are resolved one after another (one promise chain
 * per subscription), so a slow entity fetch never reorders them.
 */
export class SubscriptionExecutor {
  constructor(private readonly options: SubscriptionExecutorOptions) {}

  subscribe(prepared: PreparedSubscription, caller: Caller): PushIterator<ExecutionResult> {
    const { upstream, mask, logger } = this.options;
    const { primary } = prepared.plan;
    const operationContext = buildOperationContext({
      schema: prepared.generation.apiSchema,
      operationDocument: prepared.document,
      operationName: prepared.operationName,
    });
    let unsubscribe: () => void = () => undefined;
    // its return() (a client that went away) unsubscribes upstream at once, even while no event is pending
    const stream = createPushIterator<ExecutionResult>({ onClose: () => unsubscribe() });
    let chain = Promise.resolve();
    const enqueue = (step: () => Promise<void> | void) => {
      chain = chain.then(step).catch((error: unknown) => {
        // resolveEvent never throws; this is a last resort so that the chain never stops
        stream.push({ errors: [mask(error)] });
        stream.end();
      });
    };
    let backlog = 0;
    let overflowed = false;
    const finish = (result: ExecutionResult) => {
      stream.push(result);
      stream.end();
    };

    const variables: Record<string, unknown> = {};
    for (const name of primary.variableUsages ?? []) {
      if (prepared.variables[name] !== undefined) variables[name] = prepared.variables[name];
    }
    try {
      unsubscribe = upstream.subscribe(
        primary.serviceName,
        caller,
        { query: primary.operation, operationName: primary.operationName, variables },
        {
          next: (payload) => {
            if (stream.isClosed || overflowed) return;
            // events waiting to be resolved or to be read: both grow when the client or the subgraphs are slow
            if (backlog + stream.pending >= MAX_PENDING_EVENTS) {
              overflowed = true;
              logger.warn({ subgraph: primary.serviceName }, 'ended a subscription whose events piled up');
              unsubscribe();
              enqueue(() =>
                finish({
                  errors: [
                    gatewayError(
                      `More than ${MAX_PENDING_EVENTS} events were waiting for this client; subscribe again.`,
                      SUBSCRIPTION_ERROR_CODES.tooSlow,
                    ),
                  ],
                }),
              );
              return;
            }
            backlog += 1;
            enqueue(async () => {
              backlog -= 1;
              if (stream.isClosed) return;
              stream.push(await this.resolveEvent(prepared, operationContext, caller, payload));
            });
          },
          error: (reason) =>
            enqueue(() => {
              if (isFormattedErrorList(reason)) {
                // the subgraph refused the operation (an `error` message): masked like any subgraph error
                finish({ errors: subgraphErrors(reason, primary.serviceName).map(mask) });
                return;
              }
              const { code, reason: closeReason } = (reason ?? {}) as { code?: unknown; reason?: unknown };
              logger.warn(
                {
                  subgraph: primary.serviceName,
                  code,
                  reason: closeReason,
                  err: reason instanceof Error ? reason : undefined,
                },
                'upstream subscription ended by its subgraph',
              );
              finish({
                errors: [gatewayError(SUBGRAPH_UNAVAILABLE_MESSAGE, SUBSCRIPTION_ERROR_CODES.unavailable)],
              });
            }),
          complete: () => enqueue(() => stream.end()),
        },
      );
    } catch (error) {
      finish({ errors: [mask(error)] });
    }
    return stream;
  }

  /** One event: the ordinary plan `primary → rest`, with the primary fetch answered by the event. */
  private async resolveEvent(
    prepared: PreparedSubscription,
    operationContext: ReturnType<typeof buildOperationContext>,
    caller: Caller,
    event: FormattedExecutionResult,
  ): Promise<ExecutionResult> {
    const { mask, logger } = this.options;
    const { primary, perEvent } = prepared.plan;
    const serviceMap = { ...this.options.serviceMap() };
    const real: GraphQLDataSource | undefined = serviceMap[primary.serviceName];
    serviceMap[primary.serviceName] = {
      // `rest` may fetch from the owning subgraph too: only the primary operation is answered locally
      process: (options) =>
        options.request.query === primary.operation
          ? Promise.resolve({ data: event.data ?? null, ...(event.errors ? { errors: event.errors } : {}) })
          : real
            ? real.process(options)
            : Promise.reject(new Error(`No data source for subgraph "${primary.serviceName}"`)),
    };
    // only what executeQueryPlan and the data sources read; `metrics` must exist (subgraph errors write to it)
    const requestContext = {
      request: {
        query: prepared.source,
        operationName: prepared.operationName,
        variables: prepared.variables,
      },
      context: { caller },
      logger,
      metrics: {},
      document: prepared.document,
      operation: prepared.operation,
      operationName: prepared.operationName ?? null,
      source: prepared.source,
      schema: prepared.generation.apiSchema,
    } as unknown as RequestContext;
    try {
      const result = await executeQueryPlan(
        perEvent,
        serviceMap,
        requestContext,
        operationContext,
        prepared.generation.supergraphSchema,
        prepared.generation.federationApiSchema,
      );
      return {
        data: (result.data ?? null) as ExecutionResult['data'],
        ...(result.errors?.length ? { errors: result.errors.map(mask) } : {}),
      };
    } catch (error) {
      return { data: null, errors: [mask(error)] };
    }
  }
}
