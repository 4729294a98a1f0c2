import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS, startFixtureHub, type FixtureHub } from './fixtures/hub';

/** Browsers navigating to a URL send this. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

interface Tag {
  name: string;
  attributes: Record<string, string>;
  /** Text up to the closing tag, for <script>. */
  content: string;
}

/** A small HTML tag scanner: enough for the one page the gateway writes. */
function parseTags(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(/<([a-z]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/gi)) {
    const [, name = '', attributeText = ''] = match;
    const attributes: Record<string, string> = {};
    for (const attribute of attributeText.matchAll(/([a-z-]+)(?:="([^"]*)")?/gi)) {
      attributes[attribute[1] ?? ''] = attribute[2] ?? '';
    }
    const end = name.toLowerCase() === 'script' ? html.indexOf('</script>', match.index) : -1;
    const content = end >= 0 ? html.slice(match.index + match[0].length, end) : '';
    tags.push({ name: name.toLowerCase(), attributes, content });
  }
  return tags;
}

function assetUrls(tags: Tag[]): string[] {
  return [
    ...tags
      .filter((tag) => tag.name === 'script' && tag.attributes.src)
      .map((tag) => tag.attributes.src ?? ''),
    ...tags
      .filter((tag) => tag.name === 'link' && tag.attributes.rel === 'stylesheet')
      .map((tag) => tag.attributes.href ?? ''),
  ];
}

function playgroundConfig(tags: Tag[]): {
  endpoint: string;
  tabs: Array<{ query: string; variables?: string }>;
} {
  const block = tags.find((tag) => tag.name === 'script' && tag.attributes.id === 'playground-config');
  expect(block?.attributes.type).toBe('application/json');
  return JSON.parse(block?.content ?? '') as never;
}

let hub: FixtureHub;

beforeAll(async () => {
  hub = await startFixtureHub();
});

afterAll(async () => {
  await hub?.stop();
});

describe.each([
  ['GET /playground', '/playground'],
  ['GET /graphql from a browser', '/graphql'],
])('%s', (_label, path) => {
  it('serves the page with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${hub.origin}${path}`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/https?:/);
  });

  it('names no external URL anywhere, and every script and stylesheet is the gateway’s own', async () => {
    const html = await (await fetch(`${hub.origin}${path}`, { headers: { accept: BROWSER_ACCEPT } })).text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('//');
    const tags = parseTags(html);
    const urls = assetUrls(tags);
    expect(urls).toHaveLength(6);
    for (const url of urls) expect(url).toMatch(/^\/playground\/assets\/[\w.-]+\?v=[\w-]+$/);
    for (const tag of tags.filter((candidate) => candidate.name === 'script')) {
      // every script is either a served file or a JSON data block: nothing inline runs
      if (!tag.attributes.src) expect(tag.attributes.type).toBe('application/json');
    }
  });

  it('preloads the example operations as tabs', async () => {
    const html = await (await fetch(`${hub.origin}${path}`, { headers: { accept: BROWSER_ACCEPT } })).text();
    const config = playgroundConfig(parseTags(html));
    expect(config.endpoint).toBe('/graphql');
    expect(config.tabs).toEqual(
      EXAMPLE_OPERATIONS.map(({ query, variables }) => ({ query, ...(variables ? { variables } : {}) })),
    );
  });
});

describe('assets', () => {
  it('serves every referenced asset with its content type and cache headers', async () => {
    const html = await (await fetch(`${hub.origin}/playground`)).text();
    const urls = assetUrls(parseTags(html));
    const expectedTypes: Record<string, string> = {
      '.js': 'text/javascript; charset=utf-8',
      '.css': 'text/css; charset=utf-8',
    };
    for (const url of urls) {
      const response = await fetch(`${hub.origin}${url}`);
      expect(response.status, url).toBe(200);
      const extension = url.slice(url.lastIndexOf('.'), url.indexOf('?'));
      expect(response.headers.get('content-type'), url).toBe(expectedTypes[extension]);
      expect(response.headers.get('cache-control'), url).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect((await response.text()).length, url).toBeGreaterThan(50);
    }
  });

  it('serves React 18, ReactDOM and GraphiQL 3.9 UMD builds and the bootstrap that starts them', async () => {
    const text = (name: string) =>
      fetch(`${hub.origin}/playground/assets/${name}`).then((response) => response.text());
    expect(await text('react.production.min.js')).toContain('18.3.1');
    expect(await text('graphiql.min.js')).toContain('globalThis:e||self).GraphiQL=');
    const bootstrap = await text('playground.js');
    expect(bootstrap).toContain("document.getElementById('playground-config')");
    expect(bootstrap).toContain('isHeadersEditorEnabled: true');
  });

  it('revalidates an asset requested without its version', async () => {
    const response = await fetch(`${hub.origin}/playground/assets/playground.css`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${hub.origin}/playground/assets/playground.css`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 for anything else under /playground/assets', async () => {
    expect((await fetch(`${hub.origin}/playground/assets/secret.env`)).status).toBe(404);
    expect((await fetch(`${hub.origin}/playground/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('API requests on GET /graphql', () => {
  it('still reach Apollo when the client accepts JSON', async () => {
    const url = `${hub.gateway.url}?query=${encodeURIComponent('{ greetings { id } }')}`;
    const response = await fetch(url, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ data: { greetings: [{ id: '1' }, { id: '2' }] } });
  });

  it('reach Apollo when the client sends no Accept header', async () => {
    const url = `${hub.gateway.url}?query=${encodeURIComponent('{ greetings { id } }')}`;
    const response = await fetch(url, { headers: { accept: '', 'apollo-require-preflight': '1' } });
    expect(response.headers.get('content-type')).toContain('application/json');
  });
});

describe('without the playground', () => {
  it('serves no page and leaves GET /graphql to Apollo', async () => {
    const other = await startFixtureHub({ playground: false });
    try {
      expect((await fetch(`${other.origin}/playground`)).status).toBe(404);
      expect((await fetch(`${other.origin}/playground/assets/graphiql.min.js`)).status).toBe(404);
      const response = await fetch(other.gateway.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.headers.get('content-type')).not.toContain('text/html');
    } finally {
      await other.stop();
    }
  });
});
