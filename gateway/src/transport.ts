import { STATUS_CODES } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, type Dispatcher } from 'undici';

/**
 * How the gateway reaches its subgraphs: undici with pooled keep-alive connections and timeouts. Without
 * them (@apollo/gateway's default fetcher) a subgraph that stops answering holds every request that needs it
 * for as long as the client waits, and each request may open a new connection.
 */
export interface SubgraphTransportSettings {
  /** Longest wait for a TCP connection to a subgraph. */
  connectTimeoutMs: number;
  /** Longest a subgraph may take to answer one request (headers and body); then the fetch fails. */
  requestTimeoutMs: number;
  /** How long an idle connection is kept for the next request (below the subgraphs' own 5 s). */
  keepAliveTimeoutMs: number;
  /** Most connections open to one subgraph at once; further requests queue for one. */
  connectionsPerSubgraph: number;
}

export const DEFAULT_SUBGRAPH_TRANSPORT: Readonly<SubgraphTransportSettings> = {
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 4_000,
  connectionsPerSubgraph: 64,
};

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherRequestInit = Parameters<Fetcher>[1];

/**
 * A subgraph's answer, read whole before the gateway sees it: what @apollo/gateway's data sources use of a
 * fetch `Response` (status, headers, `json()`/`text()`, `clone()`), without WHATWG streams. undici's `fetch`
 * builds a web stream, a `Request`, a `Response` and an abort signal per call; at a dozen fetches per
 * dashboard request that showed as a tenth of the gateway's CPU time and much of its garbage.
 */
class SubgraphAnswer implements FetcherResponse {
  readonly redirected = false;
  readonly bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  /** The answer's text as it came (see `dataOnlyAnswerText`). */
  get bodyText(): string {
    return this.body;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): SubgraphAnswer {
    return this; // immutable: its body can be read any number of times
  }
}

/**
 * The text of a subgraph's answer when it held `data` alone and starts with it: `{"data":{…}}` (a newline after
 * it, as Apollo Server writes it, or not). `response` is what a data source's `process` answered: the parsed
 * body's keys beside `http`, the fetch's answer. That text is `{ data }` serialised; the single-fetch lane sends
 * it instead of serialising `data` again. Undefined for anything else (errors, extensions, another answer).
 */
export function dataOnlyAnswerText(response: object): string | undefined {
  const { http } = response as { http?: unknown };
  if (!(http instanceof SubgraphAnswer) || !http.bodyText.startsWith('{"data":{')) return undefined;
  for (const key in response)
    if (Object.hasOwn(response, key) && key !== 'data' && key !== 'http') return undefined;
  return http.bodyText;
}

function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

/** One pool of connections per subgraph origin, shared by all requests; `close()` ends them. */
export function createSubgraphTransport(settings: SubgraphTransportSettings): {
  fetcher: Fetcher;
  close(): Promise<void>;
} {
  const agent = new Agent({
    connect: { timeout: settings.connectTimeoutMs },
    headersTimeout: settings.requestTimeoutMs,
    bodyTimeout: settings.requestTimeoutMs,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    connections: settings.connectionsPerSubgraph,
  });
  // a handful of subgraph URLs, each parsed once
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      targets.set(url, target);
    }
    return target;
  };
  const fetcher = (async (url: string, init?: FetcherRequestInit) => {
    const { origin, path } = targetOf(url);
    // the whole exchange (connection, headers and body) within requestTimeoutMs; one timer, cleared after
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), settings.requestTimeoutMs);
    try {
      const response = await agent.request({
        origin,
        path,
        method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: init?.headers ?? {},
        body: init?.body ?? null,
        signal: controller.signal,
      });
      const body = await response.body.text();
      return new SubgraphAnswer(url, response.statusCode, headersOf(response.headers), body);
    } finally {
      clearTimeout(timer);
    }
  }) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}

/**
 * Headers of a client's request the gateway sends on to every subgraph fetch it causes: only what changes how
 * a subgraph words its answer (`accept-language`: the language of labels). Identity headers never go on (see
 * `isIdentityHeader`); the response cache keys on the language these headers choose (`labelLanguageOf`).
 */
export const FORWARDED_CLIENT_HEADERS = ['accept-language'] as const;

/** The languages subgraphs label data in (the indicators subgraph's `Language`), lower-case. */
export const LABEL_LANGUAGES = ['en', 'fr', 'de'] as const;

/** What the gateway reads of a client's request headers (Apollo's `HeaderMap`, or Express's headers). */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/**
 * Copies {@link FORWARDED_CLIENT_HEADERS} from the client's request (absent for the gateway's own operations,
 * whose documents name their language) to a subgraph fetch. `options`: what `willSendRequest` receives.
 */
export function forwardClientHeaders(
  options: { incomingRequestContext?: { request: { http?: { headers: HeaderReader } } } } | object,
  outgoing: { set(name: string, value: string): void },
): void {
  const incoming =
    'incomingRequestContext' in options ? options.incomingRequestContext?.request.http?.headers : undefined;
  if (!incoming) return;
  for (const name of FORWARDED_CLIENT_HEADERS) {
    const value = incoming.get(name);
    // a bounded length: a header is sent on to every fetch of the request
    if (value && value.length <= 256) outgoing.set(name, value);
  }
}
