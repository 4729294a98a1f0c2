import { ANONYMOUS } from '@hub/kit';
import { Router, type Request, type Response } from 'express';
import type { RunExportOperation } from '../exports';
import { publicBaseUrl } from '../public-url';
import { FEED_CORS_HEADERS, sendFeed, sendPlainText, type FeedFormat } from './http';
import {
  CONSULTATIONS_FEED_QUERY,
  EVENTS_FEED_QUERY,
  EVENTS_LOOKBACK_MONTHS,
  FEED_LIMIT,
  LIBRARY_FEED_QUERY,
  nodesOf,
  type FeedConsultation,
  type FeedEvent,
  type FeedResource,
} from './operations';
import { enumValuesOf, feedFilter, FeedParameterError, type FeedName } from './params';
import {
  atomFeed,
  consultationEntries,
  eventEntries,
  eventsCalendar,
  feedMeta,
  jsonFeed,
  resourceEntries,
  type FeedContext,
  type FeedEntry,
  type FeedMeta,
} from './render';

export { FEED_LIMIT, EVENTS_LOOKBACK_MONTHS } from './operations';
export { FEED_PARAMETERS } from './params';

/** Where the feeds are served: `/feeds/<feed>.<format>`. */
export const FEEDS_PATH = '/feeds';

/** The start of the events window: midnight UTC, `EVENTS_LOOKBACK_MONTHS` before today (stable all day). */
export function eventsWindowStart(now: Date = new Date()): Date {
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - EVENTS_LOOKBACK_MONTHS, now.getUTCDate()),
  );
}

/** One feed: its operation, the filter it always adds, and how its nodes become entries. */
interface FeedDefinition {
  formats: FeedFormat[];
  query: string;
  /** The connection field of the operation's data. */
  field: string;
  title: string;
  description: string;
  fixedFilter(): Record<string, unknown>;
  render(context: FeedContext, format: FeedFormat, nodes: unknown[]): { body: string; meta: FeedMeta };
}

function atomOrJson(context: FeedContext, format: FeedFormat, meta: FeedMeta, entries: FeedEntry[]): string {
  return format === 'atom' ? atomFeed(context, meta, entries) : jsonFeed(context, meta, entries);
}

const FEEDS: Record<FeedName, FeedDefinition> = {
  events: {
    formats: ['atom', 'json', 'ics'],
    query: EVENTS_FEED_QUERY,
    field: 'events',
    title: 'Events of the Partnership on the integration of migrants',
    description: `Published and cancelled events ending ${EVENTS_LOOKBACK_MONTHS} months ago or later, most recently changed first (at most ${FEED_LIMIT}).`,
    // drafts are never asked for, and an anonymous caller could not see them anyway
    fixedFilter: () => ({
      statuses: ['PUBLISHED', 'CANCELLED'],
      from: eventsWindowStart().toISOString(),
    }),
    render(context, format, nodes) {
      const events = nodes as FeedEvent[];
      const entries = eventEntries(context, events);
      const meta = feedMeta(this.title, this.description, entries);
      const body =
        format === 'ics' ? eventsCalendar(context, meta, events) : atomOrJson(context, format, meta, entries);
      return { body, meta };
    },
  },
  library: {
    formats: ['atom', 'json'],
    query: LIBRARY_FEED_QUERY,
    field: 'resources',
    title: 'Library of the Partnership on the integration of migrants',
    description: `Published resources (good practices, studies, toolkits …), latest publication first (at most ${FEED_LIMIT}).`,
    fixedFilter: () => ({ statuses: ['PUBLISHED'] }),
    render(context, format, nodes) {
      const entries = resourceEntries(context, nodes as FeedResource[]);
      const meta = feedMeta(this.title, this.description, entries);
      return { body: atomOrJson(context, format, meta, entries), meta };
    },
  },
  consultations: {
    formats: ['atom', 'json'],
    query: CONSULTATIONS_FEED_QUERY,
    field: 'consultations',
    title: 'Consultations of the Partnership on the integration of migrants',
    description: `Open and closed consultations and those with published results, latest closing date first (at most ${FEED_LIMIT}).`,
    fixedFilter: () => ({}),
    render(context, format, nodes) {
      const entries = consultationEntries(context, nodes as FeedConsultation[]);
      const meta = feedMeta(this.title, this.description, entries);
      return { body: atomOrJson(context, format, meta, entries), meta };
    },
  },
};

function feedContext(
  req: Request,
  feed: FeedName,
  filter: Record<string, unknown>,
  publicUrl: string | undefined,
): FeedContext {
  const hub = publicBaseUrl(req, publicUrl);
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  const formats = Object.fromEntries(
    FEEDS[feed].formats.map((format) => [format, `${hub}${FEEDS_PATH}/${feed}.${format}${query}`]),
  );
  return {
    hub,
    self: `${hub}${req.originalUrl}`,
    formats,
    ...(typeof filter.region === 'string' ? { region: filter.region } : {}),
  };
}

/**
 * The public feeds: `GET /feeds/events.{atom,json,ics}`, `/feeds/library.{atom,json}` and
 * `/feeds/consultations.{atom,json}`, filtered by query parameters (see `FEED_PARAMETERS`). Each is one fixed
 * operation run as ANONYMOUS, so a feed shows exactly what the public graph shows (never a draft), rendered with
 * a feed library; conditional GET, caching and CORS in `http.ts`. 400 for a bad parameter (or one the graph
 * refuses), 502 when the graph answers with another error.
 */
export function createFeedsRouter(
  run: RunExportOperation,
  supergraphSdl: string,
  options: { publicUrl?: string } = {},
): Router {
  const enums = enumValuesOf(supergraphSdl);
  const router = Router();
  for (const [name, definition] of Object.entries(FEEDS) as Array<[FeedName, FeedDefinition]>) {
    for (const format of definition.formats) {
      const path = `${FEEDS_PATH}/${name}.${format}`;
      // a page that revalidates with If-None-Match itself sends a preflight first
      router.options(path, (_req: Request, res: Response) => {
        res
          .status(204)
          .set({
            ...FEED_CORS_HEADERS,
            'access-control-allow-methods': 'GET, HEAD, OPTIONS',
            'access-control-allow-headers': 'if-none-match, if-modified-since',
            'access-control-max-age': '600',
          })
          .end();
      });
      router.get(path, async (req, res, next) => {
        try {
          let filter: Record<string, unknown>;
          try {
            filter = feedFilter(name, req.query as Record<string, unknown>, enums);
          } catch (error) {
            if (error instanceof FeedParameterError) return void sendPlainText(res, 400, error.message);
            throw error;
          }
          const result = await run(
            {
              query: definition.query,
              variables: { first: FEED_LIMIT, filter: { ...filter, ...definition.fixedFilter() } },
            },
            ANONYMOUS,
          );
          const errors = result.errors ?? [];
          if (errors.length > 0) {
            // the subgraphs' own checks (e.g. a region code that does not exist) are the client's to fix
            if (errors.every((error) => error.extensions?.code === 'BAD_USER_INPUT')) {
              return void sendPlainText(res, 400, errors.map((error) => error.message).join('\n'));
            }
            return void sendPlainText(res, 502, 'The feed could not be built right now.');
          }
          const nodes = nodesOf<unknown>(result.data, definition.field);
          const { body, meta } = definition.render(
            feedContext(req, name, filter, options.publicUrl),
            format,
            nodes,
          );
          sendFeed(req, res, format, body, meta.updated);
        } catch (error) {
          next(error);
        }
      });
    }
  }
  return router;
}
