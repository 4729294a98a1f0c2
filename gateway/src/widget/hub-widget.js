/*
 * Integration Partnership Hub: embeddable live widgets. One tag on any page, no framework:
 *
 *   <script src="https://<hub>/widget.js" defer></script>
 *   <hub-events region="FRH0" limit="5"></hub-events>
 *   <hub-indicator region="AT13" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN"></hub-indicator>
 *
 * Data comes from the gateway that served this script (GraphQL over HTTP), live updates over Server-Sent
 * Events (the browser's own EventSource). The page's origin must be among the gateway's allowed origins
 * (CORS_ORIGINS). Each element renders into its own shadow root, so page styles and the widget's never mix.
 * Everything shown is built with textContent, never HTML from the data.
 */
/* global window, document, location, URL, fetch, EventSource, Node, HTMLElement, customElements */
(() => {
  'use strict';
  if (typeof window === 'undefined' || !window.customElements || window.customElements.get('hub-events'))
    return;

  const scriptUrl = new URL(
    document.currentScript ? document.currentScript.src : '/widget.js',
    location.href,
  );
  const ENDPOINT = new URL('/graphql', scriptUrl).href;
  const STREAM = new URL('/graphql/stream', scriptUrl).href;

  /** Interface text per language; the data itself (titles, names) is shown as the hub has it. */
  const TEXT = {
    en: {
      upcoming: 'Upcoming events',
      past: 'Past events',
      all: 'Events',
      none: 'No events to show.',
      loading: 'Loading…',
      failed: 'The events could not be loaded.',
      updated: 'The list was updated.',
      cancelled: 'Cancelled',
      online: 'Online',
      hybrid: 'In person and online',
      allDay: 'all day',
      indicatorFailed: 'The figure could not be loaded.',
      noValue: 'No value published',
      source: 'Source',
    },
    fr: {
      upcoming: 'Événements à venir',
      past: 'Événements passés',
      all: 'Événements',
      none: 'Aucun événement.',
      loading: 'Chargement…',
      failed: 'Impossible de charger les événements.',
      updated: 'La liste a été mise à jour.',
      cancelled: 'Annulé',
      online: 'En ligne',
      hybrid: 'Sur place et en ligne',
      allDay: 'toute la journée',
      indicatorFailed: 'Impossible de charger le chiffre.',
      noValue: 'Aucune valeur publiée',
      source: 'Source',
    },
    de: {
      upcoming: 'Kommende Veranstaltungen',
      past: 'Vergangene Veranstaltungen',
      all: 'Veranstaltungen',
      none: 'Keine Veranstaltungen.',
      loading: 'Wird geladen…',
      failed: 'Die Veranstaltungen konnten nicht geladen werden.',
      updated: 'Die Liste wurde aktualisiert.',
      cancelled: 'Abgesagt',
      online: 'Online',
      hybrid: 'Vor Ort und online',
      allDay: 'ganztägig',
      indicatorFailed: 'Der Wert konnte nicht geladen werden.',
      noValue: 'Kein Wert veröffentlicht',
      source: 'Quelle',
    },
  };

  /** The language of the element's context (nearest lang attribute, then the page), as a key of TEXT. */
  function languageOf(element) {
    const tagged = element.closest('[lang]');
    const lang = (
      (tagged && tagged.getAttribute('lang')) ||
      document.documentElement.lang ||
      'en'
    ).toLowerCase();
    return { full: lang, text: TEXT[lang.slice(0, 2)] ? lang.slice(0, 2) : 'en' };
  }

  async function graphql(query, variables) {
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (!response.ok || body.errors)
      throw new Error((body.errors && body.errors[0].message) || response.statusText);
    return body.data;
  }

  /** Opens a subscription over SSE; returns the function that closes it. */
  function live(query, variables, onMessage) {
    const url = new URL(STREAM);
    url.searchParams.set('query', query);
    url.searchParams.set('variables', JSON.stringify(variables));
    const source = new EventSource(url.href);
    source.addEventListener('next', (message) => onMessage(JSON.parse(message.data)));
    // `complete` ends the subscription for good: without close() EventSource would reconnect.
    source.addEventListener('complete', () => source.close());
    return () => source.close();
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child !== undefined && child !== null && child !== false) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  const STYLE = `
    :host { display: block; font: inherit; color: inherit; }
    section { border: 1px solid currentColor; border-radius: .4em; padding: .75em 1em; }
    h2 { font-size: 1.1em; margin: 0 0 .5em; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: .5em 0; border-top: 1px solid rgba(127, 127, 127, .35); }
    li:first-child { border-top: 0; }
    h3 { font-size: 1em; margin: 0; }
    p { margin: .2em 0 0; }
    .status { font-weight: bold; }
    .value { font-size: 1.6em; font-weight: bold; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  /** Shared plumbing of both elements: shadow root, language, loading with live reloads. */
  class HubElement extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this.generation = 0;
    }
    connectedCallback() {
      this.start();
    }
    disconnectedCallback() {
      this.stopLive();
    }
    attributeChangedCallback() {
      if (this.isConnected) this.start();
    }
    start() {
      this.stopLive();
      this.language = languageOf(this);
      this.text = TEXT[this.language.text];
      this.reload(false);
      try {
        this.closeLive = this.subscribe(() => this.reload(true));
      } catch {
        this.closeLive = undefined; // no EventSource: the list still shows, without live updates
      }
    }
    stopLive() {
      if (this.closeLive) this.closeLive();
      this.closeLive = undefined;
    }
    /** Loads and renders; a newer load wins over an older one that answers late. */
    async reload(isUpdate) {
      const generation = ++this.generation;
      try {
        const data = await this.load();
        if (generation === this.generation) {
          this.show(this.render(data), isUpdate ? this.text.updated : '', 'ready');
        }
      } catch {
        if (generation === this.generation)
          this.show(el('p', { role: 'alert' }, this.failedText()), '', 'error');
      }
    }
    show(content, announcement, state) {
      const status = el('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' }, announcement);
      this.shadowRoot.replaceChildren(el('style', {}, STYLE), content, status);
      // For pages and tests that want to know: "ready" or "error".
      this.setAttribute('data-state', state);
    }
  }

  const EVENTS_QUERY = `query HubWidgetEvents($filter: EventFilter, $first: Int, $orderBy: EventOrder) {
    events(filter: $filter, first: $first, orderBy: $orderBy) {
      edges { node { id title startsAt endsAt timeZone allDay status format
        venue { city } hostRegions { name } } }
    }
  }`;
  const EVENTS_LIVE = `subscription HubWidgetEventsLive($region: ID) {
    eventChanged(region: $region) { change event { id } }
  }`;

  class HubEvents extends HubElement {
    static get observedAttributes() {
      return ['region', 'limit', 'period'];
    }
    get period() {
      const period = this.getAttribute('period');
      return period === 'past' || period === 'all' ? period : 'upcoming';
    }
    load() {
      const region = this.getAttribute('region') || undefined;
      const limit = Math.min(Math.max(parseInt(this.getAttribute('limit') || '5', 10) || 5, 1), 50);
      const period = this.period;
      const filter = {
        region,
        upcoming: period === 'upcoming' ? true : period === 'past' ? false : undefined,
      };
      return graphql(EVENTS_QUERY, {
        filter,
        first: limit,
        orderBy: period === 'upcoming' ? 'STARTS_AT_ASC' : 'STARTS_AT_DESC',
      });
    }
    subscribe(onChange) {
      return live(EVENTS_LIVE, { region: this.getAttribute('region') || undefined }, onChange);
    }
    failedText() {
      return this.text.failed;
    }
    render(data) {
      const heading = this.text[this.period];
      const items = data.events.edges.map(({ node }) => this.item(node));
      return el(
        'section',
        { 'aria-labelledby': 'hub-events-title' },
        el('h2', { id: 'hub-events-title' }, heading),
        items.length ? el('ul', {}, items) : el('p', {}, this.text.none),
      );
    }
    item(event) {
      const format = new Intl.DateTimeFormat(this.language.full, {
        dateStyle: 'medium',
        ...(event.allDay ? {} : { timeStyle: 'short' }),
        timeZone: event.timeZone,
      });
      // Region names in the national language when the page is in that country's language would need a
      // language table per country; the Latin-script name is understood everywhere.
      const place = [
        event.venue && event.venue.city,
        event.hostRegions.map((region) => region.name).join(', '),
        event.format === 'ONLINE' ? this.text.online : event.format === 'HYBRID' ? this.text.hybrid : null,
      ].filter(Boolean);
      return el(
        'li',
        { 'data-event-id': event.id },
        el('h3', {}, event.title),
        el(
          'p',
          {},
          el('time', { datetime: event.startsAt }, format.format(new Date(event.startsAt))),
          event.allDay ? ` (${this.text.allDay})` : '',
          place.length ? ` · ${place.join(' · ')}` : '',
        ),
        event.status === 'CANCELLED' ? el('p', { class: 'status' }, this.text.cancelled) : null,
      );
    }
  }

  const INDICATOR_QUERY = `query HubWidgetIndicator($region: ID!, $indicator: ID!, $breakdown: Breakdown) {
    region(code: $region) { name latest(indicator: $indicator, breakdown: $breakdown) { value period status source } }
    indicator(code: $indicator) { name unit source { publisher } }
  }`;
  const INDICATOR_LIVE = `subscription HubWidgetIndicatorLive($indicators: [ID!], $regions: [ID!]) {
    observationRecorded(indicators: $indicators, regions: $regions) { id }
  }`;
  const UNIT_SUFFIX = {
    PERCENT: ' %',
    PERCENTAGE_POINTS: ' pp',
    THOUSAND_PERSONS: ' k',
    PER_1000_INHABITANTS: ' ‰',
  };

  class HubIndicator extends HubElement {
    static get observedAttributes() {
      return ['region', 'indicator', 'breakdown'];
    }
    load() {
      return graphql(INDICATOR_QUERY, {
        region: this.getAttribute('region'),
        indicator: this.getAttribute('indicator'),
        breakdown: this.getAttribute('breakdown') || undefined,
      });
    }
    subscribe(onChange) {
      return live(
        INDICATOR_LIVE,
        { indicators: [this.getAttribute('indicator')], regions: [this.getAttribute('region')] },
        onChange,
      );
    }
    failedText() {
      return this.text.indicatorFailed;
    }
    render(data) {
      const observation = data.region && data.region.latest;
      const number =
        observation && observation.value !== null
          ? new Intl.NumberFormat(this.language.full, { maximumFractionDigits: 1 }).format(
              observation.value,
            ) + (UNIT_SUFFIX[data.indicator.unit] || '')
          : this.text.noValue;
      return el(
        'section',
        { 'aria-labelledby': 'hub-indicator-title' },
        el(
          'h2',
          { id: 'hub-indicator-title' },
          `${data.indicator.name} · ${data.region ? data.region.name : ''}`,
        ),
        el('p', { class: 'value' }, number, observation ? el('span', {}, ` (${observation.period})`) : null),
        el('p', {}, `${this.text.source}: ${data.indicator.source.publisher}`),
      );
    }
  }

  customElements.define('hub-events', HubEvents);
  customElements.define('hub-indicator', HubIndicator);
})();
