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
import { identityKey, type UpstreamClients } from './upstream';

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

/** How many subscription groups run, and how many client subscriptions they serve. */
export interface SubscriptionStats {
  /** Upstream subscriptions held for clients (one per group). */
  groups: number;
  /** Client subscriptions (members of a group). */
  members: number;
  /** Per-event executions of a plan so far (one per upstream event of a group, whatever its size). */
  executions: number;
}

/** Keys handed out to subscriptions that cannot be grouped. */
let ungrouped = 0;

/**
 * Who may share one upstream subscription and one execution per event: the same schema generation, document
 * text, operation name and (coerced) variables, and the same visibility, i.e. everything the internal token
 * carries about the caller (`identityKey`: all anonymous callers alike, a signed-in caller by subject,
 * organisation, roles and name). Callers who may see different data never get the same key.
 */
export function groupKey(prepared: PreparedSubscription, caller: Caller): string {
  try {
    return JSON.stringify([
      prepared.generation.id,
      prepared.operationName ?? null,
      identityKey(caller),
      prepared.variables,
      prepared.source,
    ]);
  } catch {
    // variables JSON cannot express (a custom scalar's BigInt): a group of its own
    ungrouped += 1;
    return `ungrouped:${ungrouped}`;
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * One result shared by every member of a group, so nothing may change it: its data (plain JSON) is frozen
 * throughout; the errors (already masked, serialised by `toJSON()`) only as a list.
 */
function shared(result: ExecutionResult): ExecutionResult {
  deepFreeze(result.data);
  if (result.errors) Object.freeze(result.errors);
  return Object.freeze(result);
}

/**
 * Members served per turn of the event loop: every push starts a send (graphql-ws, ws, a socket write), and
 * letting each slice's sends finish before the next keeps the garbage collector's work small (10,000 sends in
 * flight at once cost more than twenty slices of 500).
 */
export const FAN_OUT_SLICE = 500;

/** Pushes one result to every recipient, a slice per turn of the event loop, in order. */
async function fanOut(
  recipients: ReadonlyArray<PushIterator<ExecutionResult>>,
  result: ExecutionResult,
): Promise<void> {
  for (let start = 0; start < recipients.length; start += FAN_OUT_SLICE) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const end = Math.min(recipients.length, start + FAN_OUT_SLICE);
    for (let index = start; index < end; index += 1) recipients[index]!.push(result);
  }
}

/**
 * Runs prepared subscriptions in groups: subscriptions with the same `groupKey` share one upstream
 * subscription (`plan.primary` on the owning subgraph) and, per upstream event, one execution of
 * `plan.perEvent` with @apollo/gateway's `executeQueryPlan` (the primary fetch answered by the event itself,
 * every other fetch sent to the real subgraphs); the result is pushed, as one frozen object, to every member.
 * Events are resolved one after another (one promise chain per group), so a slow entity fetch never reorders
 * them.
 */
export class SubscriptionExecutor {
  private readonly groups = new Map<string, SubscriptionGroup>();
  private readonly counters = { executions: 0 };

  constructor(private readonly options: SubscriptionExecutorOptions) {}

  subscribe(prepared: PreparedSubscription, caller: Caller): PushIterator<ExecutionResult> {
    const key = groupKey(prepared, caller);
    const existing = this.groups.get(key);
    if (existing) return existing.join();
    const group: SubscriptionGroup = new SubscriptionGroup(
      prepared,
      caller,
      this.options,
      this.counters,
      () => {
        if (this.groups.get(key) === group) this.groups.delete(key);
      },
    );
    this.groups.set(key, group);
    const stream = group.join();
    group.open();
    return stream;
  }

  stats(): SubscriptionStats {
    let members = 0;
    for (const group of this.groups.values()) members += group.size;
    return { groups: this.groups.size, members, executions: this.counters.executions };
  }
}

/**
 * One upstream subscription and its members. It opens with its first member and ends upstream with its last
 * one (a member leaving otherwise changes nothing for the others). An error or completion upstream reaches
 * every member, after the events before it; from that moment the group takes no new members (a newcomer
 * starts a new group). Each member has its own backlog limit: a client that reads too slowly is ended alone.
 */
class SubscriptionGroup {
  private readonly members = new Set<PushIterator<ExecutionResult>>();
  private readonly operationContext: ReturnType<typeof buildOperationContext>;
  private unsubscribe: () => void = () => undefined;
  private chain = Promise.resolve();
  /** Upstream events waiting to be resolved (shared by every member). */
  private backlog = 0;
  /** No longer joinable: the upstream ended, or the last member left. */
  private detached = false;

  constructor(
    private readonly prepared: PreparedSubscription,
    private readonly caller: Caller,
    private readonly options: SubscriptionExecutorOptions,
    private readonly counters: { executions: number },
    private readonly onDetach: () => void,
  ) {
    this.operationContext = buildOperationContext({
      schema: prepared.generation.apiSchema,
      operationDocument: prepared.document,
      operationName: prepared.operationName,
    });
  }

  get size(): number {
    return this.members.size;
  }

  /** A new member's stream: its return() (a client that went away) leaves the group at once. */
  join(): PushIterator<ExecutionResult> {
    const stream: PushIterator<ExecutionResult> = createPushIterator<ExecutionResult>({
      onClose: () => this.leave(stream),
    });
    this.members.add(stream);
    return stream;
  }

  /** Opens the upstream subscription (after the first member joined). */
  open(): void {
    const { upstream, mask, logger } = this.options;
    const { primary } = this.prepared.plan;
    const variables: Record<string, unknown> = {};
    for (const name of primary.variableUsages ?? []) {
      if (this.prepared.variables[name] !== undefined) variables[name] = this.prepared.variables[name];
    }
    try {
      this.unsubscribe = upstream.subscribe(
        primary.serviceName,
        this.caller,
        { query: primary.operation, operationName: primary.operationName, variables },
        {
          next: (payload) => this.onEvent(payload),
          error: (reason) => {
            this.detach();
            this.enqueue(() => {
              if (isFormattedErrorList(reason)) {
                // the subgraph refused the operation (an `error` message): masked like any subgraph error
                this.finishAll({ errors: subgraphErrors(reason, primary.serviceName).map(mask) });
                return;
              }
              const { code, reason: closeReason } = (reason ?? {}) as { code?: unknown; reason?: unknown };
              logger.warn(
                {
                  subgraph: primary.serviceName,
                  code,
                  reason: closeReason,
                  members: this.members.size,
                  err: reason instanceof Error ? reason : undefined,
                },
                'upstream subscription ended by its subgraph',
              );
              this.finishAll({
                errors: [gatewayError(SUBGRAPH_UNAVAILABLE_MESSAGE, SUBSCRIPTION_ERROR_CODES.unavailable)],
              });
            });
          },
          complete: () => {
            this.detach();
            this.enqueue(() => {
              for (const member of [...this.members]) member.end();
            });
          },
        },
      );
    } catch (error) {
      this.detach();
      this.finishAll({ errors: [mask(error)] });
    }
  }

  private leave(stream: PushIterator<ExecutionResult>): void {
    if (!this.members.delete(stream) || this.members.size > 0) return;
    // the last member left: nobody reads this upstream subscription any more
    this.detach();
    this.unsubscribe();
  }

  private detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.onDetach();
  }

  private enqueue(step: () => Promise<void> | void): void {
    this.chain = this.chain.then(step).catch((error: unknown) => {
      // resolveEvent never throws; this is a last resort so that the chain never stops
      this.detach();
      this.unsubscribe();
      this.finishAll({ errors: [this.options.mask(error)] });
    });
  }

  /** A last result, then the end, for every member still here. */
  private finishAll(result: ExecutionResult): void {
    for (const member of [...this.members]) {
      member.push(result);
      member.end();
    }
  }

  private onEvent(payload: FormattedExecutionResult): void {
    const recipients: Array<PushIterator<ExecutionResult>> = [];
    for (const member of this.members) {
      if (member.isClosed) continue;
      // events waiting to be resolved or to be read: both grow when the client or the subgraphs are slow
      if (this.backlog + member.pending >= MAX_PENDING_EVENTS) this.overflow(member);
      else recipients.push(member);
    }
    if (recipients.length === 0) return;
    this.backlog += 1;
    this.enqueue(async () => {
      this.backlog -= 1;
      if (recipients.every((member) => member.isClosed)) return;
      const result = shared(await this.resolveEvent(payload));
      await fanOut(recipients, result);
    });
  }

  /** Ends one member that reads too slowly, after the events already on their way to it. */
  private overflow(member: PushIterator<ExecutionResult>): void {
    this.options.logger.warn(
      { subgraph: this.prepared.plan.primary.serviceName },
      'ended a subscription whose events piled up',
    );
    // out of the group now (no further events); the last member out ends the upstream subscription
    this.leave(member);
    this.enqueue(() => {
      member.push({
        errors: [
          gatewayError(
            `More than ${MAX_PENDING_EVENTS} events were waiting for this client; subscribe again.`,
            SUBSCRIPTION_ERROR_CODES.tooSlow,
          ),
        ],
      });
      member.end();
    });
  }

  /** One event: the ordinary plan `primary → rest`, with the primary fetch answered by the event. */
  private async resolveEvent(event: FormattedExecutionResult): Promise<ExecutionResult> {
    const { prepared, operationContext, caller } = this;
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
    this.counters.executions += 1;
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
