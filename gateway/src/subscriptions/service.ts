import type { Caller, PushIterator } from '@hub/kit';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { MaskedGraphQLError, type ErrorMasker } from './errors';
import type { SubscriptionExecutor } from './executor';
import type {
  OperationPreparer,
  OperationRequest,
  PassThroughOperation,
  PreparedSubscription,
} from './operation';
import type { SubscriptionPlanner } from './planner';

/** Runs a query or mutation through Apollo Server (limits, masking and all) for a caller. */
export type OperationRunner = (
  operation: PassThroughOperation,
  caller: Caller,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

/** What a transport gets back from `prepare`: a subscription to open, another operation, or masked errors. */
export type ServiceOperation =
  PreparedSubscription | PassThroughOperation | { kind: 'invalid'; errors: MaskedGraphQLError[] };

/** The transport-independent part: prepare (validate, limit, plan), subscribe, and run other operations. */
export class SubscriptionService {
  constructor(
    private readonly parts: {
      planner: SubscriptionPlanner;
      preparer: OperationPreparer;
      executor: SubscriptionExecutor;
      mask: ErrorMasker;
      runOperation: OperationRunner;
    },
  ) {}

  prepare(request: OperationRequest): ServiceOperation {
    const { planner, preparer, mask } = this.parts;
    try {
      const generation = planner.current;
      if (!generation) throw new Error('The gateway has not loaded its supergraph yet');
      const prepared = preparer.prepare(request, generation);
      return prepared.kind === 'invalid' ? { kind: 'invalid', errors: prepared.errors.map(mask) } : prepared;
    } catch (error) {
      return { kind: 'invalid', errors: [mask(error)] };
    }
  }

  subscribe(prepared: PreparedSubscription, caller: Caller): PushIterator<ExecutionResult> {
    return this.parts.executor.subscribe(prepared, caller);
  }

  /** Apollo Server already masked the errors: they are kept exactly as formatted. */
  async run(operation: PassThroughOperation, caller: Caller): Promise<ExecutionResult> {
    try {
      const { data, errors } = await this.parts.runOperation(operation, caller);
      return {
        ...(data !== undefined ? { data } : {}),
        ...(errors?.length ? { errors: errors.map((error) => new MaskedGraphQLError(error)) } : {}),
      };
    } catch (error) {
      return { errors: [this.parts.mask(error)] };
    }
  }
}
