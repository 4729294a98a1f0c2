import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** Feeds change when records do; readers and proxies may keep one this long before asking again. */
export const FEED_MAX_AGE_SECONDS = 300;

/** The content types of the feed formats. */
export const FEED_CONTENT_TYPES = {
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
} as const;

export type FeedFormat = keyof typeof FEED_CONTENT_TYPES;

/** Public, credential-less data: any page may read a feed and its validators. */
export const FEED_CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Last-Modified',
} as const;

/** A strong validator: the SHA-256 of the exact body (the same bytes always get the same tag). */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/**
 * Whether the client's copy is current (RFC 9110 §13.1): `If-None-Match` decides when present (weak comparison,
 * as the RFC asks for it), else `If-Modified-Since` against `lastModified` at the one-second resolution of HTTP
 * dates.
 */
export function isNotModified(req: Request, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === '*' || tag === etag);
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined || lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/**
 * Sends a rendered feed with its validators, caching and CORS headers; 304 without a body when the client's
 * copy is current. `lastModified` is the newest version time of the feed's records (none for an empty feed).
 */
export function sendFeed(
  req: Request,
  res: Response,
  format: FeedFormat,
  body: string,
  lastModified: Date | null,
): void {
  const etag = strongEtag(body);
  res.set({
    ...FEED_CORS_HEADERS,
    etag,
    ...(lastModified ? { 'last-modified': lastModified.toUTCString() } : {}),
    'cache-control': `public, max-age=${FEED_MAX_AGE_SECONDS}`,
    'x-content-type-options': 'nosniff',
  });
  if (isNotModified(req, etag, lastModified)) return void res.status(304).end();
  res.status(200).set('content-type', FEED_CONTENT_TYPES[format]).send(body);
}

/** A short plain-text answer (400, 404, 502), readable by any page like the feeds themselves. */
export function sendPlainText(res: Response, status: number, message: string): void {
  res
    .status(status)
    .set({
      ...FEED_CORS_HEADERS,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      // the message quotes the request's value
      'x-content-type-options': 'nosniff',
    })
    .send(`${message}\n`);
}
