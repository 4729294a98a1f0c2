/**
 * The caller's token: a fixed string, or a function the client calls before every request and on every
 * (re)connection of a live subscription, so it can hand out a fresh token when the old one expires
 * (`undefined`: anonymous).
 */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

export async function readToken(source: TokenSource | undefined): Promise<string | undefined> {
  const token = typeof source === 'function' ? await source() : source;
  return token ? token : undefined;
}

export function authorizationHeader(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
