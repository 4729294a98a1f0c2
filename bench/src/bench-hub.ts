import { issueClientToken } from '@hub/gateway';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, type RunningHub } from '@hub/local';

// What the benchmarks that start a hub of their own (dialogue.ts, exchanges.ts) share.

/** Sends one operation to the hub's gateway (as `token` when given); throws on any GraphQL error. */
export async function graphql<T>(
  hub: RunningHub,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

/** A one-hour token of an editor of the CoR for a hub started with `jwtSecret`. */
export function corEditorToken(jwtSecret: string): Promise<string> {
  return issueClientToken({
    secret: jwtSecret,
    issuer: LOCAL_TOKEN_ISSUER,
    audience: LOCAL_TOKEN_AUDIENCE,
    subject: 'bench-cor-editor',
    name: 'Bench editor of the CoR',
    organisationId: 'cor',
    roles: ['editor'],
    ttlSeconds: 3600,
  });
}
