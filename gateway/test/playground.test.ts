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
      .filter(
        (tag) => tag.name === 'link' && ['stylesheet', 'modulepreload'].includes(tag.attributes.rel ?? ''),
      )
      .map((tag) => tag.attributes.href ?? ''),
  ];
}

function playgroundConfig(tags: Tag[]): {
  endpoint: string;
  tabs: Array<{ query: string; variables?: string }>;
  styleNonce: string;
} {
  const block = tags.find((tag) => tag.name === 'script' && tag.attributes.id === 'playground-config');
  expect(block?.attributes.type).toBe('application/json');
  return JSON.parse(block?.content ?? '') as never;
}

/** The policy as directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
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
  it('serves the page with a strict Content-Security-Policy and no caching', async () => {
    const response = await fetch(`${hub.origin}${path}`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toMatch(/https?:|\*|blob:/);
    const byName = directives(policy);
    expect(byName.get('default-src')).toEqual(["'self'"]);
    expect(byName.get('script-src')).toEqual(["'self'"]);
    expect(byName.get('worker-src')).toEqual(["'self'"]);
    expect(byName.get('connect-src')).toEqual(["'self'"]);
    expect(byName.get('object-src')).toEqual(["'none'"]);
    // <style> elements only with this response's nonce; inline style attributes for Monaco's lines
    const { styleNonce } = playgroundConfig(parseTags(await response.text()));
    expect(styleNonce).toMatch(/^[\w-]{22}$/);
    expect(byName.get('style-src-elem')).toEqual(["'self'", `'nonce-${styleNonce}'`]);
    expect(byName.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  });

  it('gives every response its own style nonce', async () => {
    const nonces = await Promise.all(
      [1, 2].map(async () => {
        const html = await (
          await fetch(`${hub.origin}${path}`, { headers: { accept: BROWSER_ACCEPT } })
        ).text();
        return playgroundConfig(parseTags(html)).styleNonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('names no external URL anywhere, and every script and stylesheet is the gateway’s own', async () => {
    const html = await (await fetch(`${hub.origin}${path}`, { headers: { accept: BROWSER_ACCEPT } })).text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('//');
    const tags = parseTags(html);
    const scripts = tags.filter((tag) => tag.name === 'script' && tag.attributes.src);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.attributes.type).toBe('module');
    const urls = assetUrls(tags);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) expect(url).toMatch(/^\/playground\/assets\/[\w.-]+-[\w-]{8,}\.(js|css)$/);
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
  const text = (url: string) => fetch(`${hub.origin}${url}`).then((response) => response.text());
  const pageAssets = async () => assetUrls(parseTags(await text('/playground')));

  it('serves every referenced asset with its content type and cache headers', async () => {
    const expectedTypes: Record<string, string> = {
      '.js': 'text/javascript; charset=utf-8',
      '.css': 'text/css; charset=utf-8',
    };
    for (const url of await pageAssets()) {
      const response = await fetch(`${hub.origin}${url}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(expectedTypes[url.slice(url.lastIndexOf('.'))]);
      expect(response.headers.get('cache-control'), url).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect((await response.text()).length, url).toBeGreaterThan(50);
    }
  });

  it('serves GraphiQL 5 with React 19 and Monaco’s three workers, all from the gateway', async () => {
    const urls = await pageAssets();
    const entry = urls.find((url) => url.endsWith('.js') && url.includes('/main-')) ?? '';
    const script = await text(entry);
    expect(script).toContain('19.3.1'); // React's version string
    expect(script).toContain('GraphiQL Explorer');
    expect(script).toContain('hub:playground:token');
    for (const worker of ['editor.worker', 'json.worker', 'graphql.worker']) {
      const name = new RegExp(`${worker.replace('.', '\\.')}-[\\w-]{8,}\\.js`).exec(script)?.[0];
      expect(name, worker).toBeDefined();
      const response = await fetch(`${hub.origin}/playground/assets/${name}`);
      expect(response.status, worker).toBe(200);
      // a worker runs under the policy of its own script's response
      expect(response.headers.get('content-security-policy'), worker).toContain("script-src 'self'");
    }
    const stylesheets = await Promise.all(urls.filter((url) => url.endsWith('.css')).map(text));
    expect(stylesheets.join('\n')).not.toMatch(/url\((['"]?)(https?:)?\/\//);
  });

  it('sends gzip when asked and revalidates with the ETag', async () => {
    const [url = ''] = await pageAssets();
    const plain = await fetch(`${hub.origin}${url}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const gzipped = await fetch(`${hub.origin}${url}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toBe(await plain.text());
    const etag = plain.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${hub.origin}${url}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for anything else under /playground/assets', async () => {
    expect((await fetch(`${hub.origin}/playground/assets/secret.env`)).status).toBe(404);
    expect((await fetch(`${hub.origin}/playground/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${hub.origin}/playground/assets/..%2F.vite%2Fmanifest.json`)).status).toBe(404);
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
      const [asset = ''] = assetUrls(parseTags(await (await fetch(`${hub.origin}/playground`)).text()));
      expect((await fetch(`${other.origin}${asset}`)).status).toBe(404);
      const response = await fetch(other.gateway.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.headers.get('content-type')).not.toContain('text/html');
    } finally {
      await other.stop();
    }
  });
});
