import { AsyncLocalStorage } from 'node:async_hooks';

interface StatementTally {
  count: number;
}

const perRequest = new AsyncLocalStorage<StatementTally>();

/** Runs `fn` with a fresh tally of the SQL statements it sends (used per GraphQL request). */
export function countSqlStatements<T>(fn: () => T): { result: T; tally: StatementTally } {
  const tally: StatementTally = { count: 0 };
  const result = perRequest.run(tally, fn);
  return { result, tally };
}

/** Called by the ORM for every statement it sends. */
export function recordSqlStatement(): void {
  const tally = perRequest.getStore();
  if (tally) tally.count += 1;
}

/** The tally of the request being served, if any. */
export function currentSqlStatementTally(): StatementTally | undefined {
  return perRequest.getStore();
}
