import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { ANONYMOUS, NUTS_CODE_PATTERN, type Logger } from '@hub/kit';
import { stringify } from 'csv-stringify';
import { Router, type Request, type Response } from 'express';
import type { RunExportOperation } from './exports';

/** Where every observation of the indicators subgraph is downloaded as one tidy CSV file. */
export const OBSERVATIONS_CSV_PATH = '/exports/observations.csv';

/** Observations per request to the graph: the largest page `observations` serves, and all the export holds. */
export const OBSERVATIONS_EXPORT_PAGE_SIZE = 500;

/** The columns of the file, in order: one row per observation (tidy data, no comment lines). */
export const OBSERVATIONS_CSV_COLUMNS = [
  'indicator',
  'indicator_name',
  'region_code',
  'region_name',
  'breakdown',
  'period',
  'value',
  'status',
  'unit',
  'source',
  'contributor',
  'licence',
] as const;

type Column = (typeof OBSERVATIONS_CSV_COLUMNS)[number];

/** The indicators and their sources: read once per download, written into every row of theirs. */
export const OBSERVATIONS_EXPORT_INDICATORS_QUERY = /* GraphQL */ `
  query ObservationsExportIndicators {
    indicators {
      code
      name
      unit
      source {
        publisher
        url
        licence
      }
    }
  }
`;

/** One page of one indicator's observations, region names resolved by the regions subgraph in the same query. */
export const OBSERVATIONS_EXPORT_PAGE_QUERY = /* GraphQL */ `
  query ObservationsExportPage(
    $indicator: ID!
    $first: Int!
    $after: String
    $level: Int
    $country: ID
    $regions: [ID!]
    $periods: [Int!]
    $breakdown: Breakdown
  ) {
    observations(
      indicator: $indicator
      first: $first
      after: $after
      level: $level
      country: $country
      regions: $regions
      periods: $periods
      breakdown: $breakdown
    ) {
      edges {
        node {
          period
          breakdown
          value
          status
          source
          region {
            code
            name
          }
          contributedBy {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

interface ExportIndicator {
  code: string;
  name: string;
  unit: string;
  source: { publisher: string; url: string; licence: string };
}

interface ExportNode {
  period: number;
  breakdown: string;
  value: number | null;
  status: string;
  source: string;
  region: { code: string; name: string };
  contributedBy: { name: string } | null;
}

interface ExportPage {
  edges: Array<{ node: ExportNode }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The filters of `observations` the download takes, as graph variables (indicators apart: one query each). */
export interface ObservationsExportFilter {
  indicators?: string[];
  level?: number;
  country?: string;
  regions?: string[];
  periods?: number[];
  breakdown?: string;
}

const PARAMETERS = ['indicator', 'level', 'country', 'regions', 'periods', 'breakdown'] as const;
const MAX_LIST = 2_000;
const INDICATOR_CODE = /^[a-z0-9_]{1,100}$/;
const BREAKDOWN = /^[A-Z_]{1,60}$/;
// the bounds of `observations(periods:)`
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** A parameter that cannot be used: answered 400 with `message`. */
class BadParameter extends Error {}

/** The comma-separated items of a list parameter (empty items, from `a,,b` or a trailing comma, refused). */
function listOf(name: string, text: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new BadParameter(`${name} must be a comma-separated list`);
  if (items.length > MAX_LIST) throw new BadParameter(`${name} may list at most ${MAX_LIST} items`);
  return items;
}

/**
 * The query string as the filters of `observations`: `indicator` (one code or several, comma-separated;
 * default every indicator), `level` (0-3), `country` (two letters), `regions` and `periods` (comma-separated),
 * `breakdown`. An unknown or repeated parameter is refused too: a misspelt filter would otherwise export
 * everything. Whether an indicator or breakdown exists is the graph's to say.
 */
export function parseObservationsExportQuery(query: Request['query']): ObservationsExportFilter {
  const filter: ObservationsExportFilter = {};
  for (const [name, raw] of Object.entries(query)) {
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      throw new BadParameter(`unknown parameter "${name}" (known: ${PARAMETERS.join(', ')})`);
    }
    if (typeof raw !== 'string') throw new BadParameter(`${name} must be given once`);
    const text = raw.trim();
    switch (name as (typeof PARAMETERS)[number]) {
      case 'indicator': {
        const codes = listOf(name, text);
        const bad = codes.find((code) => !INDICATOR_CODE.test(code));
        if (bad !== undefined)
          throw new BadParameter(`indicator "${bad.slice(0, 100)}" is not an indicator code`);
        filter.indicators = [...new Set(codes)];
        break;
      }
      case 'level':
        if (!/^[0-3]$/.test(text)) throw new BadParameter('level must be a NUTS level, 0-3');
        filter.level = Number(text);
        break;
      case 'country':
        if (!/^[A-Za-z]{2}$/.test(text)) {
          throw new BadParameter(
            'country must be the two-letter code of a level-0 region, e.g. "FR" or "EL"',
          );
        }
        filter.country = text.toUpperCase();
        break;
      case 'regions': {
        const codes = listOf(name, text).map((code) => code.toUpperCase());
        const bad = codes.find((code) => !NUTS_CODE_PATTERN.test(code));
        if (bad !== undefined) throw new BadParameter(`regions: "${bad.slice(0, 100)}" is not a NUTS code`);
        filter.regions = codes;
        break;
      }
      case 'periods': {
        const years = listOf(name, text).map((year) => (/^\d{4}$/.test(year) ? Number(year) : NaN));
        if (years.some((year) => !(year >= MIN_YEAR && year <= MAX_YEAR))) {
          throw new BadParameter(`periods must be years from ${MIN_YEAR} to ${MAX_YEAR}, comma-separated`);
        }
        filter.periods = [...new Set(years)];
        break;
      }
      case 'breakdown':
        if (!BREAKDOWN.test(text))
          throw new BadParameter('breakdown must be a population group, e.g. FOREIGN_BORN');
        filter.breakdown = text;
        break;
    }
  }
  return filter;
}

/** The graph answered with errors: `userError` when they are about the request (BAD_USER_INPUT), not the graph. */
class GraphError extends Error {
  constructor(
    message: string,
    readonly userError: boolean,
  ) {
    super(message);
  }
}

/** Runs one export operation as ANONYMOUS: its data, or a GraphError. */
async function runAnonymous<T>(
  run: RunExportOperation,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const result = await run({ query, variables }, ANONYMOUS);
  if (result.errors?.length) {
    const userError = result.errors.every((error) => error.extensions?.code === 'BAD_USER_INPUT');
    throw new GraphError(result.errors.map((error) => error.message).join('; '), userError);
  }
  if (!result.data) throw new GraphError('no data', false);
  return result.data as T;
}

/** The `source` column: who publishes the value's dataset and its code (`contribution` for partner values). */
function sourceOf(indicator: ExportIndicator, node: ExportNode): string {
  return node.source === 'contribution'
    ? node.source
    : `${indicator.source.publisher}, dataset ${node.source}`;
}

/** One row of the file; a suppressed value (null) is an empty cell, never a zero. */
function rowOf(indicator: ExportIndicator, node: ExportNode): Record<Column, string | number | null> {
  return {
    indicator: indicator.code,
    indicator_name: indicator.name,
    region_code: node.region.code,
    region_name: node.region.name,
    breakdown: node.breakdown,
    period: node.period,
    value: node.value,
    status: node.status,
    unit: indicator.unit,
    source: sourceOf(indicator, node),
    contributor: node.contributedBy?.name ?? null,
    licence: indicator.source.licence,
  };
}

function plainText(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(`${message}\n`);
}

/**
 * `GET /exports/observations.csv`: every observation the public graph shows, as tidy CSV (RFC 4180, CRLF, one
 * header row), filtered like `observations`. A client of the graph: the indicators, then each indicator's
 * observations page by page (keyset cursors, 500 a page) through the gateway's own executor as an ANONYMOUS
 * caller, so no subgraph rule is bypassed. Only one page is held at a time: each is written through
 * csv-stringify into the response, waiting for the client to take it (backpressure) before the next one is
 * asked for; a client that goes away stops the work. Status and headers go out with the first page: a bad
 * parameter answers 400, a failing graph 502; a graph failing after that cuts the response (no final chunk),
 * so the client sees a broken download rather than a short file.
 */
export function createObservationsExportRouter(run: RunExportOperation, logger?: Logger): Router {
  const router = Router();
  router.get(OBSERVATIONS_CSV_PATH, async (req, res) => {
    let filter: ObservationsExportFilter;
    try {
      filter = parseObservationsExportQuery(req.query);
    } catch (error) {
      if (error instanceof BadParameter) return void plainText(res, 400, error.message);
      throw error;
    }
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const stringifier = stringify({
      header: true,
      columns: [...OBSERVATIONS_CSV_COLUMNS],
      record_delimiter: 'windows',
      // names come from partners: text a spreadsheet would run as a formula gets a leading apostrophe
      escape_formulas: true,
    });
    let streaming: Promise<void> | undefined;
    try {
      const { indicators: all } = await runAnonymous<{ indicators: ExportIndicator[] }>(
        run,
        OBSERVATIONS_EXPORT_INDICATORS_QUERY,
        {},
      );
      const unknown = filter.indicators?.find((code) => !all.some((indicator) => indicator.code === code));
      if (unknown !== undefined) return void plainText(res, 400, `unknown indicator "${unknown}"`);
      const indicators = filter.indicators
        ? all.filter((indicator) => filter.indicators!.includes(indicator.code))
        : all;
      const { indicators: _codes, ...variables } = filter;
      const sendHeaders = () => {
        const links = [...new Set(indicators.map((indicator) => indicator.source.url))];
        res.status(200).set({
          'content-type': 'text/csv; charset=utf-8; header=present',
          'content-disposition': `attachment; filename="${filter.indicators?.length === 1 ? `observations-${filter.indicators[0]}` : 'observations'}.csv"`,
          'cache-control': 'public, max-age=60',
          'x-content-type-options': 'nosniff',
          ...(links.length
            ? { link: links.map((url) => `<${encodeURI(url)}>; rel="describedby"`).join(', ') }
            : {}),
        });
      };
      if (req.method === 'HEAD') {
        // the download's status and headers, without asking the graph for every page it would hold
        sendHeaders();
        return void res.end();
      }
      const start = () => {
        sendHeaders();
        streaming = pipeline(stringifier, res);
        // awaited at the end; when the client goes away first, its rejection is expected and handled here
        streaming.catch(() => undefined);
      };
      for (const indicator of indicators) {
        let after: string | null = null;
        do {
          if (gone.signal.aborted) return;
          const { observations: page }: { observations: ExportPage } = await runAnonymous(
            run,
            OBSERVATIONS_EXPORT_PAGE_QUERY,
            { ...variables, indicator: indicator.code, first: OBSERVATIONS_EXPORT_PAGE_SIZE, after },
          );
          if (!streaming) start();
          for (const { node } of page.edges) {
            // the stringifier holds 16 rows before it asks to wait; the response's own buffer pushes back on it
            if (!stringifier.write(rowOf(indicator, node)))
              await once(stringifier, 'drain', { signal: gone.signal });
          }
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after);
      }
      if (!streaming) start();
      stringifier.end();
      await streaming;
    } catch (error) {
      if (gone.signal.aborted) {
        stringifier.destroy();
        return; // the client went away: nothing to answer
      }
      if (!streaming) {
        if (error instanceof GraphError && error.userError) return void plainText(res, 400, error.message);
        logger?.warn({ err: error }, 'observations export failed before its first row');
        return void plainText(res, 502, 'The observations could not be exported right now.');
      }
      logger?.warn({ err: error }, 'observations export cut short');
      // destroys the response too: the client sees the transfer end without its last chunk
      stringifier.destroy(error instanceof Error ? error : new Error(String(error)));
      await streaming.catch(() => undefined);
    }
  });
  return router;
}
