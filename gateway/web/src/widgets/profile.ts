/**
 *   <hub-profile region="FRH0" lang="fr"></hub-profile>
 *
 * A region's profile, as the hub renders it at /regions/{code}: the widget fetches the page's fragment (one
 * `<article>`, no script: `?fragment=1`) from the hub that served this script, in the widget's language, and
 * shows it in its shadow root with its own styles. The fragment is the hub's own escaped markup; it still goes
 * through an inert parser and loses anything active (scripts, frames, event handler attributes), and its links
 * are made absolute so that they lead to the hub, not to the embedding site.
 */
import { el, HubElement, hubUrl, type Child } from './hub';

/** A NUTS code (country, then up to three characters per level), checked before it goes into a URL. */
const NUTS_CODE = /^[A-Z]{2}[A-Z0-9]{0,3}$/;

/** Elements that can run code or load other documents; a profile has none. */
const ACTIVE_ELEMENTS = 'script, iframe, frame, object, embed, link, meta, base, form';
/** Attributes holding a URL, made absolute on the hub's origin. */
const URL_ATTRIBUTES = ['href', 'src', 'xlink:href'];

class NotFoundError extends Error {}

/**
 * The widget's own look for the fragment's semantic markup (headings, definition lists, tables with captions,
 * the outline map): it inherits the page's font and colours, like the other widgets, and keeps the page's
 * stylesheet out (the shadow root).
 */
const STYLE = `
  article { line-height: 1.4; }
  h1 { font-size: 1.4em; margin: 0 0 .4em; }
  h1 .code { font-weight: normal; opacity: .75; }
  h2 { font-size: 1.15em; margin: 1.2em 0 .4em; }
  h3 { font-size: 1em; margin: .8em 0 .3em; }
  p, ul, ol { margin: .3em 0; }
  .names { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: 0 0 .5em; }
  .names dt { font-weight: bold; }
  .names dd { margin: 0; }
  .overview { display: flex; flex-wrap: wrap; gap: 1em 2em; }
  .overview > section { flex: 1 1 16em; }
  .outline { margin: 0; }
  .outline svg { display: block; max-width: 100%; height: auto; }
  .outline path { fill: #cfe0f2; stroke: #0b4f8a; stroke-width: 1.2; stroke-linejoin: round; }
  table { border-collapse: collapse; width: 100%; margin: .5em 0; }
  caption { text-align: start; font-weight: bold; padding: .3em 0; }
  th, td { text-align: start; padding: .25em .5em; border-bottom: 1px solid rgba(127, 127, 127, .35); vertical-align: top; }
  td.value { text-align: end; font-variant-numeric: tabular-nums; }
  figcaption, .note, .source, .more, .attribution, .empty { font-size: .85em; opacity: .8; }
  a { color: inherit; }
`;

/** The fragment's markup as inert nodes, without active content, URLs pointing at the hub. */
function toNodes(markup: string): Node[] {
  const parsed = new DOMParser().parseFromString(markup, 'text/html');
  for (const node of parsed.body.querySelectorAll(ACTIVE_ELEMENTS)) node.remove();
  for (const node of parsed.body.querySelectorAll('*')) {
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) {
        node.removeAttribute(attribute.name);
      } else if (URL_ATTRIBUTES.includes(name) && !attribute.value.startsWith('#')) {
        const url = hubUrl(attribute.value);
        if (url.protocol === 'http:' || url.protocol === 'https:')
          node.setAttribute(attribute.name, url.href);
        else node.removeAttribute(attribute.name);
      }
    }
  }
  return [...parsed.body.childNodes].map((node) => document.importNode(node, true));
}

export class HubProfile extends HubElement<Node[]> {
  static get observedAttributes(): string[] {
    return ['region', 'lang'];
  }

  protected styles(): string {
    return STYLE;
  }

  protected failedText(error: unknown): string {
    return error instanceof NotFoundError ? this.text.profileNotFound : this.text.profileFailed;
  }

  protected async load(): Promise<Node[]> {
    const region = (this.getAttribute('region') ?? '').trim().toUpperCase();
    if (!NUTS_CODE.test(region)) throw new NotFoundError(region);
    const url = hubUrl(`/regions/${encodeURIComponent(region)}`);
    url.searchParams.set('lang', this.language.ui);
    url.searchParams.set('fragment', '1');
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    if (response.status === 404) throw new NotFoundError(region);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return toNodes(await response.text());
  }

  protected render(nodes: Node[]): Child {
    return nodes.length ? nodes : el('p', { role: 'alert' }, this.text.profileFailed);
  }
}
