/**
 * The partner's token: pasted once, kept in sessionStorage (gone when the browser session ends, never in
 * localStorage), sent as `Authorization: Bearer …` over HTTP and as graphql-ws `connectionParams`.
 */
export const TOKEN_STORAGE_KEY = 'hub:playground:token';

export function readStoredToken(storage: Storage | undefined): string {
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return ''; // storage disabled
  }
}

export function storeToken(storage: Storage | undefined, token: string): void {
  try {
    if (token) storage?.setItem(TOKEN_STORAGE_KEY, token);
    else storage?.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // storage disabled: the token lives as long as the page
  }
}

/** The bare token from what was pasted: `Bearer …`, a whole `Authorization: Bearer …` line, quotes, blanks. */
export function normaliseToken(pasted: string): string {
  return pasted
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/^authorization\s*:\s*/i, '')
    .replace(/^bearer\s+/i, '')
    .trim();
}

export interface TokenSummary {
  /** Who the token names, for display only (the gateway verifies the signature, not the page). */
  label: string;
  /** Expiry instant in ms, when the token has `exp`. */
  expiresAt?: number;
}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) =>
    c.charCodeAt(0),
  );
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Reads a JWT's claims for the status line; undefined when it is not a JWT. */
export function summariseToken(token: string): TokenSummary | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = decodeSegment(payload) as Record<string, unknown>;
    const parts = [claims.name, claims.org ?? claims.organisation, claims.sub].filter(
      (part): part is string => typeof part === 'string' && part.length > 0,
    );
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((role) => typeof role === 'string') : [];
    const label = [parts[0] ?? 'token', ...parts.slice(1, 2), roles.length ? roles.join(', ') : undefined]
      .filter(Boolean)
      .join(' · ');
    return typeof claims.exp === 'number' ? { label, expiresAt: claims.exp * 1000 } : { label };
  } catch {
    return undefined;
  }
}
