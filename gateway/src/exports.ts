import { ANONYMOUS, type Caller } from '@hub/kit';
import { Router } from 'express';

/** Where the published aggregates of a consultation are downloaded as CSV (`:id` is the consultation's id). */
export const CONSULTATION_RESULTS_CSV_PATH = '/exports/consultations/:id/results.csv';

/**
 * The one query the export runs. `Consultation.resultsCsv` (dialogue) is null until the results are
 * published and the consultation is null when the caller may not see it: both answer 404.
 */
export const CONSULTATION_RESULTS_CSV_QUERY = /* GraphQL */ `
  query ConsultationResultsCsvExport($id: ID!) {
    consultation(id: $id) {
      id
      resultsCsv
    }
  }
`;

/** Runs one operation through the gateway's own executor (same planning, rules and error masking as POST). */
export type RunExportOperation = (
  request: { query: string; variables: Record<string, unknown> },
  caller: Caller,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}>;

interface ExportData {
  consultation?: { id: string; resultsCsv?: string | null } | null;
}

/**
 * `GET /exports/consultations/<id>/results.csv`: the published aggregates as `text/csv`. The query runs as an
 * ANONYMOUS caller whatever the request carries, so the export shows exactly what the public graph shows and no
 * rule of a subgraph is bypassed. 404 for an unknown, unpublished or invisible consultation; 502 when the graph
 * answers with an error.
 */
export function createExportsRouter(run: RunExportOperation): Router {
  const router = Router();
  router.get(CONSULTATION_RESULTS_CSV_PATH, async (req, res, next) => {
    try {
      const id = String(req.params.id ?? '');
      const notFound = () =>
        res
          .status(404)
          .type('text/plain; charset=utf-8')
          .send(`No published results for consultation "${id}".\n`);
      if (!id || id.length > 200) return void notFound();
      const result = await run({ query: CONSULTATION_RESULTS_CSV_QUERY, variables: { id } }, ANONYMOUS);
      const codes = (result.errors ?? []).map((error) => error.extensions?.code);
      if (codes.length > 0 && codes.every((code) => code === 'NOT_FOUND' || code === 'BAD_USER_INPUT')) {
        return void notFound();
      }
      if (codes.length > 0) {
        return void res
          .status(502)
          .type('text/plain; charset=utf-8')
          .send('The results could not be exported right now.\n');
      }
      const csv = (result.data as ExportData | null | undefined)?.consultation?.resultsCsv;
      if (typeof csv !== 'string') return void notFound();
      res
        .status(200)
        .set({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="consultation-${id.replace(/[^A-Za-z0-9_-]/g, '_')}-results.csv"`,
          'cache-control': 'public, max-age=60',
          'x-content-type-options': 'nosniff',
        })
        .send(csv);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
