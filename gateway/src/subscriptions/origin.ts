import type { IncomingHttpHeaders } from 'node:http';

function firstValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.split(',')[0]?.trim() || undefined;
}

/**
 * Whether a browser page may open a subscription (WebSocket upgrade or SSE stream). Browsers always send
 * `Origin` there and never let a page forge it, but they do not apply CORS to WebSockets: without this check
 * any site could drive a visitor's socket. Allowed: requests without `Origin` (not a browser), the gateway's
 * own pages (the playground: `Origin` names the host the request was sent to, `Host` or, behind a proxy,
 * `X-Forwarded-Host`), and the origins in `corsOrigins` ('*' for any). With `corsOrigins` unset only the
 * gateway's own origin passes, as over HTTP, where a cross-origin page then cannot read responses either.
 */
export function isOriginAllowed(
  headers: IncomingHttpHeaders,
  corsOrigins: readonly string[] | undefined,
): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (corsOrigins?.includes('*') || corsOrigins?.includes(origin)) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host; // `Origin: null` (sandboxed frames, file:) is refused here
  } catch {
    return false;
  }
  return [headers.host, firstValue(headers['x-forwarded-host'])].some((host) => host === originHost);
}
