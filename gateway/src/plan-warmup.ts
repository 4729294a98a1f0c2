import type { Logger } from '@hub/kit';
import { Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { Counter, type Registry } from 'prom-client';
import type { ExampleOperation } from './examples';

/**
 * Plans the operations the gateway knows before it starts listening, so that the first client sending one of
 * them does not wait for the query planner (tens of milliseconds for the dashboard, more on a cold process).
 * @apollo/gateway keeps plans by the hash of the exact document text and the operation name; the warm-up sends
 * each known operation through Apollo Server's own pipeline (`executeOperation`), which parses, validates and
 * plans it as a client's request would, and stops it once planned (see `WarmUpStop`): nothing reaches a
 * subgraph. Apollo Server's cache of parsed and validated documents is warmed on the way.
 */
export interface PlanWarmupSettings {
  /** `false` starts the gateway without planning anything ahead (`PLAN_WARMUP=false`). */
  enabled: boolean;
  /** The warm-up stops planning after this long (`PLAN_WARMUP_TIMEOUT_SECONDS`); the rest plan on first use. */
  timeoutMs: number;
}

export const DEFAULT_PLAN_WARMUP: Readonly<PlanWarmupSettings> = { enabled: true, timeoutMs: 10_000 };

/** An operation a client of the hub (or the gateway itself) is known to send, as the exact text it sends. */
export interface KnownOperation {
  /** The operation to run when the document holds several. */
  name?: string;
  query: string;
  /** Variables for it; required ones the warm-up needs (the gateway validates them before planning). */
  variables?: Record<string, unknown>;
}

/**
 * Thrown by the query-plan hook for a warm-up request once its plan is stored: execution never starts. The
 * gateway's `formatError` lets it through unlogged (`isWarmUpStop`).
 */
export class WarmUpStop extends Error {
  constructor() {
    super('Planned ahead; not executed.');
    this.name = 'WarmUpStop';
  }
}

/** Whether `error` (or an error it wraps, as Apollo Server wraps what the executor throws) is a `WarmUpStop`. */
export function isWarmUpStop(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    if (cause instanceof WarmUpStop) return true;
    cause = (cause as { originalError?: unknown }).originalError;
  }
  return false;
}

/** The code the warm-up's own requests answer with (they never reach a client). */
export const WARM_UP_STOP_CODE = 'PLAN_WARMED';

/**
 * Counts the query plans @apollo/gateway builds: its plan hook sees every request's plan, and a plan object
 * it has not seen before was just built (the plan cache hands out the object it stored). Exposed as
 * `hub_gateway_query_plans_built_total`; tests read `built`.
 */
export class QueryPlanCounter {
  private readonly seen = new WeakSet<object>();
  private readonly counter: Counter;
  /** Plans built since the gateway started (the warm-up's included). */
  built = 0;

  constructor(registry: Registry) {
    this.counter = new Counter({
      name: 'hub_gateway_query_plans_built_total',
      help: 'Query plans the gateway built (a request whose plan was cached is not counted).',
      registers: [registry],
    });
  }

  observe(plan: object): void {
    if (this.seen.has(plan)) return;
    this.seen.add(plan);
    this.built += 1;
    this.counter.inc();
  }
}

/**
 * The example operations (`codegen/operations`, also the playground's tabs) as known operations, with the
 * variables of their `*.variables.json` (an operation whose variables do not parse goes without them).
 */
export function knownOperationsOf(examples: readonly ExampleOperation[]): KnownOperation[] {
  return examples.map(({ name, query, variables }) => {
    let parsed: unknown;
    try {
      parsed = variables ? JSON.parse(variables) : undefined;
    } catch {
      parsed = undefined;
    }
    return {
      name,
      query,
      ...(parsed && typeof parsed === 'object' ? { variables: parsed as Record<string, unknown> } : {}),
    };
  });
}

function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
}

/**
 * The requests to plan for `operations`: each as graphql-js prints it (what typed clients built from
 * `@hub/codegen` send: `print(SomeDocument)`), with its operation name and, when it is the document's only
 * operation, without. Each costs one planning at start (~5-30 ms), so other spellings (a playground tab's
 * text with its comments) are left to their first request. Subscriptions are left out (the subscription
 * executor plans them per group), as are texts that do not parse.
 */
export function warmUpRequests(operations: readonly KnownOperation[]): KnownOperation[] {
  const seen = new Set<string>();
  const requests: KnownOperation[] = [];
  for (const operation of operations) {
    let document: DocumentNode;
    try {
      document = parse(operation.query);
    } catch {
      continue;
    }
    const definitions = operationsOf(document);
    // a name the document does not have (a playground tab titled after its file) is no name
    const chosen =
      definitions.find((definition) => operation.name && definition.name?.value === operation.name) ??
      (definitions.length === 1 ? definitions[0] : undefined);
    if (!chosen || chosen.operation === 'subscription') continue;
    // the plan cache keys on the operation name as sent: clients send it or, for a document with one
    // operation, may leave it out (plain `fetch` calls, the benchmarks)
    const names = new Set([chosen.name?.value, ...(definitions.length === 1 ? [undefined] : [])]);
    const query = print(document);
    for (const name of names) {
      const key = `${name ?? ''}\0${query}`;
      if (seen.has(key)) continue;
      seen.add(key);
      requests.push({
        query,
        ...(name ? { name } : {}),
        ...(operation.variables ? { variables: operation.variables } : {}),
      });
    }
  }
  return requests;
}

/** What the warm-up did, as logged. */
export interface WarmUpReport {
  planned: number;
  /** Operations the gateway refused before planning (e.g. a required variable without a value). */
  refused: number;
  /** Operations left for their first request because the time ran out. */
  skipped: number;
  ms: number;
}

/**
 * Plans `operations` one after the other through `run` (which sends one through Apollo Server as a warm-up
 * request and returns the first error code of the answer), until `settings.timeoutMs` has passed.
 */
export async function warmQueryPlans(
  operations: readonly KnownOperation[],
  run: (operation: KnownOperation) => Promise<string | undefined>,
  settings: PlanWarmupSettings,
  logger: Logger,
): Promise<WarmUpReport> {
  const started = performance.now();
  const report: WarmUpReport = { planned: 0, refused: 0, skipped: 0, ms: 0 };
  if (!settings.enabled) return report;
  const requests = warmUpRequests(operations);
  for (const [index, request] of requests.entries()) {
    if (performance.now() - started >= settings.timeoutMs) {
      report.skipped = requests.length - index;
      break;
    }
    const code = await run(request).catch(() => 'FAILED');
    if (code === WARM_UP_STOP_CODE) report.planned += 1;
    else {
      report.refused += 1;
      logger.debug({ operationName: request.name, code }, 'plan warm-up: operation not planned');
    }
  }
  report.ms = Math.round(performance.now() - started);
  logger.info(report, 'plan warm-up done');
  return report;
}
