import type { Logger } from '@hub/kit';
import { Router } from 'express';
import type { SubgraphEndpoint } from './subgraphs';

/** How long one subgraph may take to answer its readiness check. */
export const READINESS_TIMEOUT_MS = 2000;

export interface SubgraphReadiness {
  name: string;
  ready: boolean;
  /** Why it is not ready; no URL or internal detail (the endpoint is public). */
  reason?: string;
}

/** `<origin of the subgraph URL>/health/ready`. */
export function subgraphReadinessUrl(subgraphUrl: string): string {
  return new URL('/health/ready', subgraphUrl).toString();
}

async function checkSubgraph(
  subgraph: SubgraphEndpoint,
  timeoutMs: number,
  logger: Logger,
): Promise<SubgraphReadiness> {
  const url = subgraphReadinessUrl(subgraph.url);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    if (response.ok) return { name: subgraph.name, ready: true };
    logger.warn({ subgraph: subgraph.name, url, status: response.status }, 'subgraph not ready');
    return { name: subgraph.name, ready: false, reason: `answered HTTP ${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    logger.warn({ subgraph: subgraph.name, url, err: error }, 'subgraph readiness check failed');
    return {
      name: subgraph.name,
      ready: false,
      reason: timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable',
    };
  }
}

/**
 * `GET /health/live`: the process serves HTTP.
 *
 * `GET /health/ready` (what a load balancer or Kubernetes asks): the gateway can serve while at least one
 * subgraph answers its own `/health/ready` — a request needing a subgraph that is down gets a partial answer
 * with an error for that part, which is better than taking the whole API out of service. 200 `ok` when all
 * answer, 200 `degraded` naming the ones that do not, 503 `unavailable` when none does.
 *
 * `GET /health/subgraphs` (what monitoring and alerts ask): 200 only when every subgraph answers, else 503
 * naming the ones that do not.
 */
export function createHealthRouter(
  subgraphs: SubgraphEndpoint[],
  logger: Logger,
  timeoutMs: number = READINESS_TIMEOUT_MS,
): Router {
  const router = Router();
  const check = async () => {
    const results = await Promise.all(
      subgraphs.map((subgraph) => checkSubgraph(subgraph, timeoutMs, logger)),
    );
    const failed = results.filter((result) => !result.ready).map(({ name, reason }) => ({ name, reason }));
    return { names: results.map(({ name }) => name), failed };
  };
  router.get('/health/live', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const { names, failed } = await check();
    res.set('cache-control', 'no-store');
    if (failed.length === 0) res.json({ status: 'ok', subgraphs: names });
    else if (failed.length < names.length) res.json({ status: 'degraded', failed });
    else res.status(503).json({ status: 'unavailable', failed });
  });
  router.get('/health/subgraphs', async (_req, res) => {
    const { names, failed } = await check();
    res.set('cache-control', 'no-store');
    if (failed.length === 0) res.json({ status: 'ok', subgraphs: names });
    else res.status(503).json({ status: 'unavailable', failed });
  });
  return router;
}
