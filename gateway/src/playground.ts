import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import { readBuiltAssets, readViteManifest, sendBuiltAsset, type BuiltAsset } from './built-assets';
import type { ExampleOperation } from './examples';

export const PLAYGROUND_PATH = '/playground';
export const PLAYGROUND_ASSETS_PATH = '/playground/assets';

/** The built playground (@hub/playground's dist/): its files by name and what the page loads. */
interface PlaygroundBuild {
  assets: Map<string, BuiltAsset>;
  /** File names (in assets/) of the entry script, its static imports and its stylesheets. */
  entry: { script: string; preloads: string[]; stylesheets: string[] };
}

/** @hub/playground's Vite output (built before the gateway: `turbo run build`). */
function playgroundDistDir(): string {
  return path.join(path.dirname(require.resolve('@hub/playground/package.json')), 'dist');
}

function loadBuild(dir: string): PlaygroundBuild {
  const manifest = readViteManifest(dir);
  if (!manifest) {
    throw new Error(
      `The playground is not built (no Vite manifest in ${dir}): run \`npx turbo run build --filter=@hub/gateway...\`, ` +
        'or turn the playground off (PLAYGROUND=false).',
    );
  }
  const entryChunk = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entryChunk) throw new Error(`The playground's Vite manifest in ${dir} names no entry script.`);
  const fileName = (file: string) => path.posix.basename(file);
  const assets = readBuiltAssets(dir);
  const entry = {
    script: fileName(entryChunk.file),
    preloads: (entryChunk.imports ?? []).flatMap((key) => {
      const file = manifest[key]?.file;
      return file ? [fileName(file)] : [];
    }),
    stylesheets: (entryChunk.css ?? []).map(fileName),
  };
  for (const name of [entry.script, ...entry.preloads, ...entry.stylesheets]) {
    if (!assets.has(name)) throw new Error(`The playground build lacks ${name}; build it again.`);
  }
  return { assets, entry };
}

/** Read once per process (gateways in one test process share it). */
let build: PlaygroundBuild | undefined;
function playgroundBuild(): PlaygroundBuild {
  build ??= loadBuild(playgroundDistDir());
  return build;
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
 * The page's policy: nothing from another origin, no inline script, no eval. What each allowance is for:
 * - `worker-src 'self'`: Monaco's editor, JSON and GraphQL workers, files next to the page's script;
 * - `style-src-elem 'self' 'nonce-…'`: the bundled stylesheets, and the `<style>` elements Monaco (its theme,
 *   i.e. the syntax colours, and decorations) and Radix's dialogs create at run time, which the page's
 *   script stamps with this response's nonce;
 * - `style-src-attr 'unsafe-inline'`: Monaco renders the editor's lines as HTML with `style="top:…"`
 *   attributes (without it every line sits at the top); style attributes cannot load anything;
 * - `style-src` repeats both for browsers without the CSP 3 `-elem`/`-attr` split;
 * - `font-src 'self' data:`: GraphiQL's Roboto and Fira Code come embedded as data: URLs in its stylesheet,
 *   Monaco's icon font is a file; `img-src 'self' data:`: small data: images in GraphiQL's styles;
 * - `connect-src 'self'`: POST /graphql and the graphql-ws socket on the same host.
 */
function contentSecurityPolicy(styleNonce?: string): string {
  const nonce = styleNonce ? ` 'nonce-${styleNonce}'` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    `style-src 'self' 'unsafe-inline'`,
    `style-src-elem 'self'${nonce}`,
    "style-src-attr 'unsafe-inline'",
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

/**
 * The self-hosted playground (GraphiQL 5, built by @hub/playground): one HTML page written here and the
 * build's files under /playground/assets/, nothing from any other host.
 */
export function createPlayground(options: PlaygroundPageOptions): {
  router: Router;
  sendPage(req: Request, res: Response): void;
} {
  const { assets, entry } = playgroundBuild();
  const tabs = options.exampleOperations.map(({ query, variables }) => ({
    query,
    ...(variables ? { variables } : {}),
  }));
  const examplesVersion = createHash('sha256').update(JSON.stringify(tabs)).digest('base64url').slice(0, 16);
  const assetUrl = (name: string) => `${PLAYGROUND_ASSETS_PATH}/${name}`;

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
      ...entry.stylesheets.map((sheet) => `<link rel="stylesheet" href="${assetUrl(sheet)}">`),
      ...entry.preloads.map((chunk) => `<link rel="modulepreload" href="${assetUrl(chunk)}">`),
      `<script type="module" src="${assetUrl(entry.script)}"></script>`,
      '</head>',
      '<body>',
      '<div id="graphiql">Loading the playground…</div>',
      `<script type="application/json" id="playground-config">${jsonForHtml({
        endpoint: options.endpoint,
        tabs,
        examplesVersion,
        styleNonce,
      })}</script>`,
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
        // always revalidated: it names the current build's files and carries a fresh nonce
        'cache-control': 'no-cache',
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
    // Monaco's workers run under the policy of their own script's response, not the page's
    sendBuiltAsset(req, res, found, { 'content-security-policy': contentSecurityPolicy() });
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
