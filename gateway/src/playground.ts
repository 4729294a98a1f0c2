import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import type { ExampleOperation } from './examples';

export const PLAYGROUND_PATH = '/playground';
export const PLAYGROUND_ASSETS_PATH = '/playground/assets';

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** A package's own file; graphiql, react and react-dom `exports` hide their UMD files from require.resolve. */
function packageFile(packageName: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file);
}

/** Every file the page loads, in load order for scripts; all served from memory by the gateway itself. */
const ASSET_FILES: ReadonlyArray<{ name: string; file: string; contentType: string }> = [
  { name: 'graphiql.min.css', file: packageFile('graphiql', 'graphiql.min.css'), contentType: CSS },
  { name: 'playground.css', file: path.join(__dirname, 'playground', 'playground.css'), contentType: CSS },
  {
    name: 'react.production.min.js',
    file: packageFile('react', 'umd/react.production.min.js'),
    contentType: JAVASCRIPT,
  },
  {
    name: 'react-dom.production.min.js',
    file: packageFile('react-dom', 'umd/react-dom.production.min.js'),
    contentType: JAVASCRIPT,
  },
  { name: 'graphiql.min.js', file: packageFile('graphiql', 'graphiql.min.js'), contentType: JAVASCRIPT },
  {
    name: 'playground.js',
    file: path.join(__dirname, 'playground', 'playground.js'),
    contentType: JAVASCRIPT,
  },
];

interface LoadedAsset {
  name: string;
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
  /** Content hash: the `?v=` of the page's URLs and the ETag. */
  version: string;
}

function loadAssets(): Map<string, LoadedAsset> {
  return new Map(
    ASSET_FILES.map(({ name, file, contentType }) => {
      const body = readFileSync(file);
      const version = createHash('sha256').update(body).digest('base64url').slice(0, 16);
      return [name, { name, contentType, body, gzipped: gzipSync(body), version }];
    }),
  );
}

function assetUrl(asset: LoadedAsset): string {
  return `${PLAYGROUND_ASSETS_PATH}/${asset.name}?v=${asset.version}`;
}

/** JSON that is safe inside a <script type="application/json"> block (no `</script>`, no `<!--`). */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The page's policy: only the gateway's own files, no inline script at all, inline styles only through the
 * per-response nonce (GraphiQL's dialogs add one <style> element), fonts and images as data: URLs (the
 * GraphiQL stylesheet embeds its fonts that way), requests only to the gateway.
 */
function contentSecurityPolicy(styleNonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface PlaygroundPageOptions {
  /** Path of the GraphQL endpoint GraphiQL calls (same origin). */
  endpoint: string;
  exampleOperations: ExampleOperation[];
}

/** The self-hosted GraphiQL playground: one HTML page and its assets, nothing from any other host. */
export function createPlayground(options: PlaygroundPageOptions): {
  router: Router;
  sendPage(req: Request, res: Response): void;
} {
  const assets = loadAssets();
  const asset = (name: string): LoadedAsset => {
    const found = assets.get(name);
    if (!found) throw new Error(`Unknown playground asset ${name}`);
    return found;
  };
  const tabs = options.exampleOperations.map(({ query, variables }) => ({
    query,
    ...(variables ? { variables } : {}),
  }));
  const examplesVersion = createHash('sha256').update(JSON.stringify(tabs)).digest('base64url').slice(0, 16);
  const stylesheets = ['graphiql.min.css', 'playground.css'].map(asset);
  const scripts = [
    'react.production.min.js',
    'react-dom.production.min.js',
    'graphiql.min.js',
    'playground.js',
  ].map(asset);

  const renderPage = (styleNonce: string): string =>
    [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="referrer" content="no-referrer">',
      '<title>Integration Partnership Hub · GraphQL playground</title>',
      '<link rel="icon" href="data:,">',
      ...stylesheets.map((sheet) => `<link rel="stylesheet" href="${assetUrl(sheet)}">`),
      '</head>',
      '<body>',
      '<div id="graphiql">Loading the playground…</div>',
      `<script type="application/json" id="playground-config">${jsonForHtml({
        endpoint: options.endpoint,
        tabs,
        examplesVersion,
        styleNonce,
      })}</script>`,
      ...scripts.map((script) => `<script src="${assetUrl(script)}"></script>`),
      '</body>',
      '</html>',
      '',
    ].join('\n');

  const sendPage = (_req: Request, res: Response): void => {
    const styleNonce = randomBytes(16).toString('base64url');
    res
      .status(200)
      .set({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': contentSecurityPolicy(styleNonce),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        vary: 'Accept',
      })
      .send(renderPage(styleNonce));
  };

  const router = Router();
  router.get(PLAYGROUND_PATH, sendPage);
  router.get(`${PLAYGROUND_ASSETS_PATH}/:name`, (req, res, next) => {
    const found = assets.get(req.params.name);
    if (!found) return next();
    const etag = `"${found.version}"`;
    res.set({
      'content-type': found.contentType,
      // A URL with the current ?v= never changes; without it, revalidate with the ETag.
      'cache-control': req.query.v === found.version ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
    });
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
    if (gzip) res.set('content-encoding', 'gzip');
    res.send(gzip ? found.gzipped : found.body);
  });
  return { router, sendPage };
}

/** True for a browser navigation (Accept prefers HTML over the GraphQL response types). */
export function prefersHtml(req: Request): boolean {
  return (
    req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) ===
    'text/html'
  );
}
