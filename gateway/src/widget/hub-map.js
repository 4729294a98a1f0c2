/*
 * Integration Partnership Hub: the <hub-map> widget, served in the same script as <hub-events> (widget.js).
 *
 *   <hub-map country="AT"></hub-map>                                  library resources per NUTS 2 region
 *   <hub-map country="AT" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN"></hub-map>
 *
 * NUTS 2 regions are drawn as SVG from the regions subgraph's geometry (GeoJSON, WGS 84; no tiles, no CDN), each
 * coloured by the library's resource count or by the latest value of an indicator, with a legend, keyboard
 * focus on every region (its name and value are announced), a table of the same figures for screen readers, and
 * the located practices (`resourcePoints`) as dots (clusters sized by count). Everything shown is built with
 * DOM methods and textContent, never HTML from the data.
 */
/* global window, document, location, URL, fetch, HTMLElement, customElements */
(() => {
  'use strict';
  if (typeof window === 'undefined' || !window.customElements || window.customElements.get('hub-map')) return;

  const scriptUrl = new URL(
    document.currentScript ? document.currentScript.src : '/widget.js',
    location.href,
  );
  const ENDPOINT = new URL('/graphql', scriptUrl).href;
  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 600;
  /** Sequential palette (light → dark), colour-blind safe; grey for regions without a value. */
  const PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
  const NO_DATA = '#d9d9d9';

  const TEXT = {
    en: {
      resources: 'Library resources per region',
      noData: 'no data',
      region: 'Region',
      value: 'Value',
      points: 'located practices',
      failed: 'The map could not be loaded.',
      table: 'Figures of the map',
    },
    fr: {
      resources: 'Ressources de la bibliothèque par région',
      noData: 'pas de donnée',
      region: 'Région',
      value: 'Valeur',
      points: 'pratiques localisées',
      failed: 'Impossible de charger la carte.',
      table: 'Chiffres de la carte',
    },
    de: {
      resources: 'Ressourcen der Bibliothek je Region',
      noData: 'keine Daten',
      region: 'Region',
      value: 'Wert',
      points: 'verortete Praktiken',
      failed: 'Die Karte konnte nicht geladen werden.',
      table: 'Zahlen der Karte',
    },
  };

  const MAP_QUERY = `query HubWidgetMap($country: ID, $byIndicator: Boolean!, $indicator: ID!, $breakdown: Breakdown) {
    regions(level: 2, country: $country, first: 500) {
      edges { node { code name geometry latest(indicator: $indicator, breakdown: $breakdown) @include(if: $byIndicator) { value period } } }
    }
    indicator(code: $indicator) @include(if: $byIndicator) { name unit }
    resourcesByRegion(level: NUTS2, country: $country) @skip(if: $byIndicator) { cells { region { code } count } }
  }`;
  const POINTS_QUERY = `query HubWidgetMapPoints($bbox: BoundingBoxInput!) {
    resourcePoints(bbox: $bbox, limit: 200)
  }`;

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

  /** An element (HTML, or SVG with `ns`), attributes set, children appended as nodes or text. */
  function make(tag, attributes, children, ns) {
    const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
    for (const child of [].concat(children || [])) {
      if (child !== undefined && child !== null && child !== false) {
        node.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }
  const svg = (tag, attributes, children) => make(tag, attributes, children, SVG);

  /** Every ring of a GeoJSON Polygon or MultiPolygon geometry. */
  function ringsOf(geometry) {
    if (!geometry) return [];
    if (geometry.type === 'Polygon') return geometry.coordinates;
    if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
    return [];
  }

  /** An equirectangular projection fitted to the regions' bounds (longitudes scaled by the mean latitude). */
  function projectionFor(regions) {
    let west = 180;
    let east = -180;
    let south = 90;
    let north = -90;
    for (const region of regions) {
      for (const ring of ringsOf(region.geometry)) {
        for (const [lon, lat] of ring) {
          west = Math.min(west, lon);
          east = Math.max(east, lon);
          south = Math.min(south, lat);
          north = Math.max(north, lat);
        }
      }
    }
    const scaleX = Math.cos((((south + north) / 2) * Math.PI) / 180);
    const scale = WIDTH / Math.max((east - west) * scaleX, 1e-6);
    const height = Math.max(Math.round((north - south) * scale), 1);
    return {
      bbox: { west, south, east, north },
      height,
      point: ([lon, lat]) => [((lon - west) * scaleX * scale).toFixed(1), ((north - lat) * scale).toFixed(1)],
    };
  }

  /** Five classes of equal width between 0 (or the smallest value) and the largest. */
  function classesOf(values) {
    const known = values.filter((value) => value !== null && value !== undefined);
    const min = known.length ? Math.min(0, ...known) : 0;
    const max = known.length ? Math.max(...known) : 0;
    const step = (max - min) / PALETTE.length || 1;
    const classOf = (value) =>
      value === null || value === undefined
        ? -1
        : Math.min(Math.floor((value - min) / step), PALETTE.length - 1);
    const bounds = PALETTE.map((_, index) => [min + index * step, min + (index + 1) * step]);
    return { classOf, bounds };
  }

  class HubMap extends HTMLElement {
    static get observedAttributes() {
      return ['country', 'indicator', 'breakdown'];
    }
    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this.generation = 0;
    }
    connectedCallback() {
      this.load();
    }
    attributeChangedCallback() {
      if (this.isConnected) this.load();
    }
    get text() {
      const tagged = this.closest('[lang]');
      const lang = (
        (tagged && tagged.getAttribute('lang')) ||
        document.documentElement.lang ||
        'en'
      ).toLowerCase();
      this.locale = lang;
      return TEXT[lang.slice(0, 2)] || TEXT.en;
    }
    async load() {
      const generation = ++this.generation;
      const text = this.text;
      const indicator = this.getAttribute('indicator');
      try {
        const data = await graphql(MAP_QUERY, {
          country: this.getAttribute('country') || undefined,
          byIndicator: Boolean(indicator),
          indicator: indicator || '',
          breakdown: this.getAttribute('breakdown') || undefined,
        });
        const regions = data.regions.edges.map((edge) => edge.node).filter((region) => region.geometry);
        const projection = projectionFor(regions);
        const points = regions.length
          ? (await graphql(POINTS_QUERY, { bbox: projection.bbox })).resourcePoints.features
          : [];
        if (generation !== this.generation) return;
        const counts = new Map(
          ((data.resourcesByRegion && data.resourcesByRegion.cells) || []).map((cell) => [
            cell.region.code,
            cell.count,
          ]),
        );
        const values = regions.map((region) =>
          indicator ? (region.latest ? region.latest.value : null) : (counts.get(region.code) ?? 0),
        );
        const title = indicator && data.indicator ? data.indicator.name : text.resources;
        this.render(text, title, regions, values, projection, points);
        this.setAttribute('data-state', 'ready');
      } catch {
        if (generation !== this.generation) return;
        this.shadowRoot.replaceChildren(make('style', {}, STYLE), make('p', { role: 'alert' }, text.failed));
        this.setAttribute('data-state', 'error');
      }
    }
    render(text, title, regions, values, projection, points) {
      const format = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 });
      const show = (value) => (value === null || value === undefined ? text.noData : format.format(value));
      const { classOf, bounds } = classesOf(values);
      const status = make('p', { class: 'focus', 'aria-live': 'polite' }, '\u00a0');
      const shapes = regions.map((region, index) => {
        const d = ringsOf(region.geometry)
          .map((ring) => `M${ring.map((position) => projection.point(position).join(',')).join('L')}Z`)
          .join('');
        const label = `${region.name} (${region.code}): ${show(values[index])}`;
        const colour = classOf(values[index]) < 0 ? NO_DATA : PALETTE[classOf(values[index])];
        const path = svg(
          'path',
          { d, fill: colour, tabindex: 0, role: 'img', 'aria-label': label, 'data-code': region.code },
          [svg('title', {}, label)],
        );
        const announce = () => (status.textContent = label);
        path.addEventListener('focus', announce);
        path.addEventListener('mouseenter', announce);
        return path;
      });
      const dots = points.map((feature) => {
        const [x, y] = projection.point(feature.geometry.coordinates);
        const properties = feature.properties || {};
        const radius = properties.cluster ? Math.min(4 + Math.sqrt(properties.count) * 2, 14) : 3.5;
        return svg('circle', { cx: x, cy: y, r: radius, class: 'point' }, [
          svg('title', {}, properties.cluster ? `${properties.count} ${text.points}` : properties.title),
        ]);
      });
      const map = svg(
        'svg',
        { viewBox: `0 0 ${WIDTH} ${projection.height}`, role: 'group', 'aria-label': title, class: 'map' },
        [svg('g', { class: 'regions' }, shapes), svg('g', { class: 'points', 'aria-hidden': 'true' }, dots)],
      );
      const legend = make(
        'ul',
        { class: 'legend', 'aria-hidden': 'true' },
        bounds
          .map(([from, to], index) =>
            make('li', {}, [
              make('span', { class: 'swatch', style: `background:${PALETTE[index]}` }),
              `${format.format(from)}–${format.format(to)}`,
            ]),
          )
          .concat(
            make('li', {}, [make('span', { class: 'swatch', style: `background:${NO_DATA}` }), text.noData]),
          ),
      );
      const table = make('table', { class: 'sr-only' }, [
        make('caption', {}, `${text.table}: ${title}`),
        make(
          'thead',
          {},
          make('tr', {}, [
            make('th', { scope: 'col' }, text.region),
            make('th', { scope: 'col' }, text.value),
          ]),
        ),
        make(
          'tbody',
          {},
          regions.map((region, index) =>
            make('tr', {}, [
              make('th', { scope: 'row' }, `${region.name} (${region.code})`),
              make('td', {}, show(values[index])),
            ]),
          ),
        ),
      ]);
      this.shadowRoot.replaceChildren(
        make('style', {}, STYLE),
        make('figure', {}, [make('figcaption', {}, title), map, legend, status, table]),
      );
    }
  }

  const STYLE = `
    :host { display: block; font: inherit; color: inherit; max-width: ${WIDTH}px; }
    figure { margin: 0; }
    figcaption { font-weight: bold; margin-bottom: .5em; }
    .map { width: 100%; height: auto; display: block; }
    path { stroke: #ffffff; stroke-width: .8; }
    path:focus { outline: none; stroke: #000000; stroke-width: 2.5; }
    .point { fill: #d94801; stroke: #ffffff; stroke-width: 1; }
    .legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25em 1em; padding: 0; margin: .5em 0 0; font-size: .85em; }
    .swatch { display: inline-block; width: 1em; height: 1em; margin-right: .3em; vertical-align: -.15em; border: 1px solid #999999; }
    .focus { margin: .3em 0 0; min-height: 1.2em; font-size: .9em; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  customElements.define('hub-map', HubMap);
})();
