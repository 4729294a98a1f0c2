/**
 * What every widget shares: the hub's address, GraphQL over HTTP, live updates over Server-Sent Events, DOM
 * building and the custom element base class. No dependency: the browser's fetch, EventSource and DOM only.
 */
import { languageOf, type Language, type Texts } from './i18n';

/**
 * The script's own address, read while the script runs (document.currentScript is only set then): the hub
 * that served widget.js is the hub the widgets talk to, whatever page embeds them.
 */
const SCRIPT_SRC =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement
    ? document.currentScript.src
    : '/widget.js';

/** An absolute URL on the hub that served this script, e.g. hubUrl('/graphql'). */
export function hubUrl(path: string): URL {
  return new URL(path, new URL(SCRIPT_SRC, location.href));
}

interface GraphQLResponse<Data> {
  data?: Data;
  errors?: Array<{ message: string }>;
}

/** Runs one operation against the hub's /graphql; rejects on an HTTP error or any GraphQL error. */
export async function graphql<Data>(query: string, variables: Record<string, unknown>): Promise<Data> {
  const response = await fetch(hubUrl('/graphql'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<Data>;
  if (!response.ok || body.errors || !body.data) {
    throw new Error(body.errors?.[0]?.message ?? response.statusText);
  }
  return body.data;
}

/** Waits before reconnecting live updates: the first, doubled after each failed try up to the last. */
export const RECONNECT_FIRST_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;
/** A stream open this long counts as healthy: the next drop waits the shortest time again. */
const HEALTHY_AFTER_MS = 30_000;

/** Exponential backoff with jitter (half to full delay), so that every open page does not come back at once. */
export function reconnectDelay(attempt: number): number {
  const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** attempt);
  return delay / 2 + (Math.random() * delay) / 2;
}

/**
 * Live updates over SSE (/graphql/stream) that last: `onChange` runs for every event, and whenever what the
 * widget shows may have missed one. After a `complete` (a subgraph restarted) or a dropped or refused
 * connection (the hub is being deployed), it reconnects after a backoff with jitter, passing the id of the
 * last event seen (`?lastEventId=`): the hub then replays what was missed, or sends `reset` when it cannot
 * (another process, or too long ago), which refreshes the widget. Reconnecting is done here rather than by
 * EventSource, whose own retries have a fixed delay and stop for good after an HTTP error. Returns the
 * function that ends it all (the element left the page).
 */
export function live(query: string, variables: Record<string, unknown>, onChange: () => void): () => void {
  let source: EventSource | undefined;
  let lastEventId = '';
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let healthyTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const remember = (event: Event) => {
    const id = (event as MessageEvent).lastEventId;
    if (id) lastEventId = id;
  };

  const connect = () => {
    retryTimer = undefined;
    const url = hubUrl('/graphql/stream');
    url.searchParams.set('query', query);
    url.searchParams.set('variables', JSON.stringify(variables));
    if (lastEventId) url.searchParams.set('lastEventId', lastEventId);
    const reconnecting = attempt > 0;
    const current = new EventSource(url.href);
    source = current;
    current.addEventListener('open', () => {
      healthyTimer = setTimeout(() => (attempt = 0), HEALTHY_AFTER_MS);
      // without an id the hub cannot say what was missed: fetch afresh
      if (reconnecting && !lastEventId) onChange();
    });
    current.addEventListener('next', (event) => {
      remember(event);
      onChange();
    });
    current.addEventListener('reset', (event) => {
      remember(event);
      onChange();
    });
    // the end of this subscription, not of the live updates: subscribe again
    current.addEventListener('complete', () => retry(current));
    current.addEventListener('error', () => retry(current));
  };

  const retry = (current: EventSource) => {
    current.close();
    if (stopped || source !== current) return;
    source = undefined;
    clearTimeout(healthyTimer);
    retryTimer = setTimeout(connect, reconnectDelay(attempt));
    attempt += 1;
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearTimeout(healthyTimer);
    source?.close();
    source = undefined;
  };
}

/** A child for `el`: a node, text, or nothing (null, undefined, false), or a list of them. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

function appendChildren(node: ParentNode, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendChildren(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function setAttributes(node: Element, attributes: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
}

/** An HTML element with attributes and children; text always goes in as text nodes, never as markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, unknown> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  appendChildren(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element, as `el`. */
export function svgEl(
  tag: string,
  attributes: Record<string, unknown> = {},
  ...children: Child[]
): SVGElement {
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttributes(node, attributes);
  appendChildren(node, children);
  return node;
}

/** Styles every widget shares (each adds its own). */
export const BASE_STYLE = `
  :host { display: block; font: inherit; color: inherit; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .loading { margin: 0; opacity: .7; }
`;

/** What `data-state` says, for pages and tests that want to know. */
export type WidgetState = 'loading' | 'ready' | 'error';

/**
 * A widget: an open shadow root (the page's styles and the widget's never mix), the language of its
 * context, a load when it is connected or an attribute changes, and, where the widget has one, a live
 * subscription that reloads it. A newer load wins over an older one that answers late.
 *
 * Shadow root: the widget's `<style>`, a content container and an `aria-live` status line that stays in
 * place, so that screen readers announce live updates.
 */
export abstract class HubElement<Data> extends HTMLElement {
  protected language!: Language;
  private generation = 0;
  private closeLive: (() => void) | undefined;
  private restartQueued = false;
  private readonly content: HTMLDivElement;
  private readonly status: HTMLParagraphElement;

  constructor() {
    super();
    this.content = el('div', { class: 'content' });
    this.status = el('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
    this.attachShadow({ mode: 'open' }).append(
      el('style', {}, BASE_STYLE, this.styles()),
      this.content,
      this.status,
    );
  }

  connectedCallback(): void {
    this.queueStart();
  }

  disconnectedCallback(): void {
    this.stopLive();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.queueStart();
  }

  protected get text(): Texts {
    return this.language.text;
  }

  /** The widget's own CSS. */
  protected abstract styles(): string;
  /** Fetches what the widget shows. */
  protected abstract load(): Promise<Data>;
  /** Builds what the widget shows. */
  protected abstract render(data: Data): Child;
  /** The message shown when loading failed. */
  protected abstract failedText(error: unknown): string;
  /** Opens the live subscription that triggers reloads, if the widget has one; returns its closer. */
  protected subscribe(_onChange: () => void): (() => void) | undefined {
    return undefined;
  }
  /** What the status line announces after a live reload. */
  protected updatedText(): string {
    return '';
  }

  /**
   * An upgraded element gets one attributeChangedCallback per attribute, then connectedCallback: one start
   * for all of them, not one request per attribute.
   */
  private queueStart(): void {
    if (this.restartQueued) return;
    this.restartQueued = true;
    queueMicrotask(() => {
      this.restartQueued = false;
      if (this.isConnected) this.start();
    });
  }

  private start(): void {
    this.stopLive();
    this.language = languageOf(this);
    this.show(el('p', { class: 'loading' }, this.text.loading), '', 'loading');
    void this.reload(false);
    try {
      this.closeLive = this.subscribe(() => void this.reload(true));
    } catch {
      this.closeLive = undefined; // no EventSource: the widget still shows, without live updates
    }
  }

  private stopLive(): void {
    this.closeLive?.();
    this.closeLive = undefined;
  }

  private async reload(isUpdate: boolean): Promise<void> {
    const generation = ++this.generation;
    try {
      const data = await this.load();
      if (generation === this.generation) {
        this.show(this.render(data), isUpdate ? this.updatedText() : '', 'ready');
      }
    } catch (error) {
      if (generation === this.generation) {
        this.show(el('p', { role: 'alert' }, this.failedText(error)), '', 'error');
      }
    }
  }

  private show(content: Child, announcement: string, state: WidgetState): void {
    this.content.replaceChildren();
    appendChildren(this.content, [content]);
    this.content.setAttribute('aria-busy', String(state === 'loading'));
    this.status.textContent = announcement;
    this.setAttribute('data-state', state);
  }
}
