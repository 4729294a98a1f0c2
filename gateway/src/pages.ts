import { createHash } from 'node:crypto';
import path from 'node:path';
import { ANONYMOUS } from '@hub/kit';
import {
  contentSecurityPolicy,
  pickLanguage,
  REGION_CODE_PATTERN,
  PROFILE_SECTION_VARIABLES,
  REGION_PROFILE_QUERY,
  renderProfileArticle,
  renderProfilePage,
  renderProfileProblemPage,
  type PageLanguage,
  type ProfileRegion,
  type RegionProfileData,
} from '@hub/web';
import { Router, type Request, type Response } from 'express';
import { readBuiltAssets, readViteManifest, sendBuiltAsset, type BuiltAsset } from './built-assets';
import type { RunExportOperation } from './exports';
import { publicBaseUrl } from './public-url';

/** Where the pages' built stylesheets and scripts (@hub/web's dist/pages) are served. */
export const PAGES_ASSETS_PATH = '/assets/pages';

/** The URLs a page loads for one entry of vite.pages.config.mts (`profile`, `dashboard`). */
export interface PageEntry {
  /** The entry's module script, when it is a script. */
  script?: string;
  /** Its stylesheets (a CSS entry is its own stylesheet). */
  styles: string[];
}

/** The built pages' files and entries; empty until @hub/web is built. */
export interface PageAssets {
  entry(name: string): PageEntry;
  file(name: string): BuiltAsset | undefined;
}

function pagesDistDir(): string {
  return path.join(path.dirname(require.resolve('@hub/web/package.json')), 'dist', 'pages');
}

function loadAssets(
  dir: string,
): { entries: Map<string, PageEntry>; files: Map<string, BuiltAsset> } | undefined {
  const manifest = readViteManifest(dir);
  if (!manifest) return undefined;
  const url = (file: string) => `${PAGES_ASSETS_PATH}/${path.posix.basename(file)}`;
  const entries = new Map<string, PageEntry>();
  for (const chunk of Object.values(manifest)) {
    if (!chunk.isEntry || !chunk.name) continue;
    const isStyle = chunk.file.endsWith('.css');
    entries.set(chunk.name, {
      ...(isStyle ? {} : { script: url(chunk.file) }),
      styles: [...(isStyle ? [chunk.file] : []), ...(chunk.css ?? [])].map(url),
    });
  }
  return { entries, files: readBuiltAssets(dir) };
}

/**
 * The build is read on first use and kept (a gateway serves one build); until it exists (a gateway started
 * before `turbo run build` finished) pages go out without their stylesheet rather than failing.
 */
function pageAssets(dir = pagesDistDir()): PageAssets {
  let loaded: ReturnType<typeof loadAssets>;
  const current = () => (loaded ??= loadAssets(dir));
  return {
    entry: (name) => current()?.entries.get(name) ?? { styles: [] },
    file: (name) => current()?.files.get(name),
  };
}

/** Headers of every HTML page: the strict policy (no inline script, nothing from elsewhere), no sniffing. */
export function pageHeaders(nonce?: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy(nonce ? { nonce } : {}),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
}

/** Profiles change when anyone records a value or an event: a minute in shared caches, then revalidated (ETag). */
const PROFILE_CACHE_CONTROL = 'public, max-age=60';

export interface PagesRouterOptions {
  /** Adds further pages (the dashboard) to the same router, with the built assets at hand. */
  extraRoutes?: (router: Router, assets: PageAssets) => void;
  /** Where the built pages are (default: @hub/web's dist/pages). */
  distDir?: string;
  /** The hub's public address, base of the fragment's links (default: from the request, see public-url.ts). */
  publicUrl?: string;
}

/**
 * The hub's server-rendered pages: `GET /regions/<code>` (a region's profile, `?lang=en|fr|de`, else
 * Accept-Language; `?fragment=1` answers the bare `<article>` for the `<hub-profile>` widget), and the built
 * assets under /assets/pages/. Each profile is one fixed operation run as an ANONYMOUS caller through the
 * gateway's own executor, so it shows exactly what the public graph shows.
 */
export function createPagesRouter(run: RunExportOperation, options: PagesRouterOptions = {}): Router {
  const assets = pageAssets(options.distDir);
  const router = Router();

  router.get(`${PAGES_ASSETS_PATH}/:name`, (req, res, next) => {
    const found = assets.file(req.params.name);
    if (!found) return next();
    // the stylesheet travels with the <hub-profile> fragment to partner pages
    sendBuiltAsset(req, res, found, { 'cross-origin-resource-policy': 'cross-origin' });
  });

  router.get('/regions/:code', async (req: Request<{ code: string }>, res: Response, next) => {
    try {
      await sendProfile(req, res, run, assets, options.publicUrl);
    } catch (error) {
      next(error);
    }
  });

  options.extraRoutes?.(router, assets);
  return router;
}

async function sendProfile(
  req: Request<{ code: string }>,
  res: Response,
  run: RunExportOperation,
  assets: PageAssets,
  publicUrl: string | undefined,
): Promise<void> {
  const code = String(req.params.code ?? '');
  const langQuery = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  const lang: PageLanguage = pickLanguage(langQuery, req.headers['accept-language']);
  const langInLinks = langQuery !== undefined && langQuery.toLowerCase() === lang;
  const fragment = req.query.fragment === '1' || req.query.fragment === 'true';
  const styles = assets.entry('profile').styles;
  const pageOptions = { lang, langInLinks, styles };
  res.vary('Accept-Language');

  const problem = (status: number, kind: 'notFound' | 'badCode' | 'unavailable') => {
    if (fragment) {
      const text = { notFound: 'No such region', badCode: 'Not a region code', unavailable: 'Unavailable' };
      return void res.status(status).type('text/plain; charset=utf-8').send(`${text[kind]}: "${code}".\n`);
    }
    res
      .status(status)
      .set({ ...pageHeaders(), 'cache-control': status === 404 ? 'public, max-age=60' : 'no-store' })
      .send(renderProfileProblemPage(kind, code, pageOptions));
  };

  if (!REGION_CODE_PATTERN.test(code)) {
    // "frh0" is FRH0 written in lower case: send the reader to the page's one address
    if (REGION_CODE_PATTERN.test(code.toUpperCase())) {
      const query = new URL(req.originalUrl, 'http://hub.invalid').search;
      return void res.redirect(301, `/regions/${code.toUpperCase()}${query}`);
    }
    return problem(400, 'badCode');
  }

  const { region, codes, leftOut } = await runProfile(run, code, lang);
  if (!region) {
    // a region the graph does not know is a 404; a failure of the graph itself is not the reader's fault
    if (codes.length === 0 || codes.every((c) => c === 'NOT_FOUND' || c === 'BAD_USER_INPUT')) {
      return problem(404, 'notFound');
    }
    return problem(502, 'unavailable');
  }

  // a page without some sections (their subgraph did not answer) is sent but kept by no cache
  const common = { 'cache-control': leftOut.length > 0 ? 'no-store' : PROFILE_CACHE_CONTROL };
  if (fragment) {
    const article = renderProfileArticle(region, {
      lang,
      langInLinks,
      baseUrl: publicBaseUrl(req, publicUrl),
    });
    res.set({
      ...common,
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'cross-origin',
    });
    return sendWithEtag(req, res, article.value);
  }
  res.set({ ...pageHeaders(), ...common });
  sendWithEtag(req, res, renderProfilePage(region, pageOptions));
}

/**
 * Runs the profile's operation. Its lists are non-null fields, so a subgraph that does not answer nulls the
 * whole region; when the errors name only subgraphs whose sections can be left out (not `regions`), it runs
 * again without those sections, which the page then marks unavailable (`leftOut`: the subgraphs left out).
 */
async function runProfile(
  run: RunExportOperation,
  code: string,
  lang: PageLanguage,
): Promise<{ region?: ProfileRegion | null; codes: unknown[]; leftOut: string[] }> {
  const variables: Record<string, unknown> = { code, lang: lang.toUpperCase() };
  const leftOut: string[] = [];
  for (;;) {
    const result = await run({ query: REGION_PROFILE_QUERY, variables }, ANONYMOUS);
    const region = (result.data as RegionProfileData | null | undefined)?.region;
    const errors = result.errors ?? [];
    const codes = errors.map((error) => error.extensions?.code);
    if (region) return { region, codes, leftOut };
    const unavailable = errors.map((error) =>
      error.extensions?.code === 'SUBGRAPH_UNAVAILABLE' ? String(error.extensions.subgraph ?? '') : undefined,
    );
    const optional = [...new Set(unavailable)].filter(
      (subgraph): subgraph is string =>
        subgraph !== undefined &&
        PROFILE_SECTION_VARIABLES[subgraph] !== undefined &&
        !leftOut.includes(subgraph),
    );
    // another failure, or one that leaving sections out cannot help (regions, or nothing new to leave out)
    if (
      optional.length === 0 ||
      unavailable.some(
        (subgraph) => subgraph !== undefined && !optional.includes(subgraph) && !leftOut.includes(subgraph),
      )
    ) {
      return { region, codes, leftOut };
    }
    for (const subgraph of optional) {
      variables[PROFILE_SECTION_VARIABLES[subgraph]!] = false;
      leftOut.push(subgraph);
    }
  }
}

/**
 * Sends a rendered page with a strong ETag (hash of its bytes: the page has no per-response nonce, so the same
 * data renders the same bytes), or 304 when the client's `If-None-Match` names it. Hashing a page costs far less
 * than sending it again.
 */
function sendWithEtag(req: Request, res: Response, body: string): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  res.set('etag', etag);
  const known = req.headers['if-none-match']?.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (known?.includes(etag) || known?.includes('*')) return void res.status(304).end();
  res.status(200).send(body);
}
