import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown for event descriptions and forum posts. Raw HTML in the source is not interpreted (`html: false`
 * escapes it), and what markdown-it renders still goes through sanitize-html with an allow-list, so a bug in
 * either library alone does not let a script, an event handler or a `javascript:` URL through.
 */
const markdown = new MarkdownIt('default', { html: false, linkify: true, typographer: false });

const SANITISE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    's',
    'del',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], ol: ['start'], th: ['style'], td: ['style'] },
  // markdown-it writes table alignment as `style="text-align:…"`; nothing else survives in a style.
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links leave the hub: no referrer, no window.opener.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }),
  },
};
SANITISE_OPTIONS.allowedAttributes = { ...SANITISE_OPTIONS.allowedAttributes, a: ['href', 'title', 'rel'] };

/** Renders user-written Markdown to HTML that is safe to insert into a page (see `SANITISE_OPTIONS`). */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITISE_OPTIONS).trim();
}
