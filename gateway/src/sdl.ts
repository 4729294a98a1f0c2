import { createHash } from 'node:crypto';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { Router } from 'express';

/** Where the public API schema is served: a stable URL for partners' code generators and docs. */
export const PUBLIC_SDL_PATH = '/schema.graphql';

/**
 * The API schema clients see, printed from the supergraph the way `npm run generate` writes
 * `schema/api.graphql`: without the join/link machinery and `@inaccessible` parts of federation.
 */
export function publicSdlOf(supergraphSdl: string): string {
  const apiSchema = Supergraph.build(supergraphSdl, { validateSupergraph: false }).apiSchema();
  return `${printSchema(apiSchema).trimEnd()}\n`;
}

/**
 * `GET /schema.graphql`: the public API schema as text, with a strong ETag (a conditional request answers
 * 304). It is the published contract, the same for every caller, so it is served whether or not
 * introspection is on; `PUBLIC_SDL=false` turns it off.
 */
export function createPublicSdlRouter(supergraphSdl: string): Router {
  const sdl = publicSdlOf(supergraphSdl);
  const etag = `"${createHash('sha256').update(sdl).digest('base64url')}"`;
  const router = Router();
  router.get(PUBLIC_SDL_PATH, (req, res) => {
    res.set({
      'content-type': 'text/plain; charset=utf-8',
      etag,
      'cache-control': 'public, max-age=300, must-revalidate',
      // public and credential-free: any site or tool may read it
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    });
    const known = req.headers['if-none-match']?.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (known?.includes(etag) || known?.includes('*')) return void res.status(304).end();
    res.send(sdl);
  });
  return router;
}
