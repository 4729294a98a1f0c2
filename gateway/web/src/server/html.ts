import { randomBytes } from 'node:crypto';

/**
 * Markup that is already safe to put into a page: built by the `html` tag (which escapes every interpolated
 * string) or wrapped on purpose with `trustedHtml`. Anything else interpolated into `html` is escaped.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into `html`: nothing renders for null, undefined and false; arrays are joined. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes by default: `html\`<p title="${title}">${text}</p>\`` escapes `title` and
 * `text`; nested `html` results (and arrays of them) go in as they are.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks markup as safe without escaping: only for strings the code itself built (e.g. a number-only SVG path). */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A fresh nonce for one response's `<style>`/`<script>` elements (128 random bits). */
export function createNonce(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The pages' policy: everything from the hub's own origin, no inline script, no eval, no frames of other sites.
 * `nonce` allows the page's own inline `<style>` element (and nothing else inline); images may be data: URLs
 * (a map exported as PNG). `connectSelf` lets the page's scripts call the hub's own endpoints.
 */
export function contentSecurityPolicy(options: { nonce?: string } = {}): string {
  const nonce = options.nonce ? ` 'nonce-${options.nonce}'` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${nonce}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** The languages the pages are written in (Eurostat publishes its labels in these three). */
export const PAGE_LANGUAGES = ['en', 'fr', 'de'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/**
 * The page's language: `?lang=` when it names one of ours, else the first of ours in `Accept-Language`
 * (by its q-values), else English.
 */
export function pickLanguage(query: unknown, acceptLanguage: string | undefined): PageLanguage {
  if (typeof query === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(query.toLowerCase())) {
    return query.toLowerCase() as PageLanguage;
  }
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return {
        primary: tag.trim().toLowerCase().split('-')[0] ?? '',
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { primary } of ranked) {
    if ((PAGE_LANGUAGES as readonly string[]).includes(primary)) return primary as PageLanguage;
  }
  return 'en';
}

export interface PageOptions {
  /** BCP 47 tag of the page's language (`<html lang>`). */
  lang: string;
  /** The document title (escaped). */
  title: string;
  /** Everything inside `<body>` after the skip link: header, nav, main, footer. */
  body: SafeHtml;
  /** Stylesheet URLs (same origin). */
  styles?: readonly string[];
  /** Module script URLs (same origin; never inline). */
  scripts?: readonly string[];
  /** Inline CSS, emitted in one `<style nonce>` element; needs `nonce` (the CSP allows it by nonce only). */
  inlineStyle?: string;
  /** This response's nonce, also passed to `contentSecurityPolicy`. */
  nonce?: string;
  /** `<meta name="description">`. */
  description?: string;
  /** The skip link's text (in the page's language); it targets `#main`. */
  skipLinkText?: string;
  /** Alternate language versions: `<link rel="alternate" hreflang>`. */
  alternates?: ReadonlyArray<{ lang: string; href: string }>;
}

/** The HTML document around a page's body: language, viewport, title, stylesheets, module scripts, skip link. */
export function page(options: PageOptions): string {
  const style =
    options.inlineStyle && options.nonce
      ? html`<style nonce="${options.nonce}">
          ${trustedHtml(options.inlineStyle.replace(/<\//g, '<\\/'))}
        </style>`
      : null;
  return html`<!doctype html>
    <html lang="${options.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${options.title}</title>
        ${options.description ? html`<meta name="description" content="${options.description}" />` : null}
        <link rel="icon" href="data:," />
        ${(options.alternates ?? []).map((alt) => html`<link rel="alternate" hreflang="${alt.lang}" href="${alt.href}" /> `)}
        ${(options.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}" /> `)} ${style}
        ${(options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script> `)}
      </head>
      <body>
        <a class="skip-link" href="#main">${options.skipLinkText ?? 'Skip to content'}</a>
        ${options.body}
      </body>
    </html> `.value;
}
