import { gzipSync } from 'node:zlib';
import { ANONYMOUS } from '@hub/kit';
import { DASHBOARD_DATA_PATH, DASHBOARD_PATH, respondDashboard, type DashboardResponse } from '@hub/web';
import type { Request, Response, Router } from 'express';
import type { RunExportOperation } from './exports';
import type { PageAssets } from './pages';

/** Sends an answer, gzipped when the client takes it (the page is about 250 kB of mostly map outlines). */
function send(req: Request, res: Response, answer: DashboardResponse): void {
  res.status(answer.status).set(answer.headers).vary('Accept-Encoding');
  if (answer.body.length > 1024 && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    return void res.set('content-encoding', 'gzip').send(gzipSync(answer.body));
  }
  res.send(answer.body);
}

/**
 * The integration dashboard (`GET /dashboards/integration`, `?indicator=&breakdown=&period=&lang=`) and its data
 * as JSON (`GET /dashboards/integration/data`), added to the pages router (which serves the `dashboard` script).
 * Both run @hub/web's one fixed operation as an ANONYMOUS caller whatever the request carries, so the dashboard
 * shows exactly what the public graph shows.
 */
export function dashboardRoutes(run: RunExportOperation): (router: Router, assets: PageAssets) => void {
  const runAnonymous = (request: { query: string; variables: Record<string, unknown> }) =>
    run(request, ANONYMOUS);
  return (router, assets) => {
    router.get(DASHBOARD_PATH, async (req, res, next) => {
      try {
        const query = req.query as Record<string, unknown>;
        const acceptLanguage = req.headers['accept-language'];
        send(
          req,
          res,
          await respondDashboard(
            runAnonymous,
            { query, acceptLanguage, format: 'html' },
            assets.entry('dashboard'),
          ),
        );
      } catch (error) {
        next(error);
      }
    });
    router.get(DASHBOARD_DATA_PATH, async (req, res, next) => {
      try {
        const query = req.query as Record<string, unknown>;
        const acceptLanguage = req.headers['accept-language'];
        send(req, res, await respondDashboard(runAnonymous, { query, acceptLanguage, format: 'json' }));
      } catch (error) {
        next(error);
      }
    });
  };
}
