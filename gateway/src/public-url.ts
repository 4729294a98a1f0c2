import type { Request } from 'express';

/**
 * The base of the hub's absolute links (feeds, the embeddable profile): the configured public address when
 * there is one (`PUBLIC_URL`), else the address the client used (scheme and Host, behind a trusted proxy its
 * X-Forwarded-* headers, see TRUST_PROXY).
 */
export function publicBaseUrl(req: Request, publicUrl?: string): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
