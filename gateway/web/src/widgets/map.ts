/**
 *   <hub-map country="AT"></hub-map>                                  library resources per NUTS 2 region
 *   <hub-map country="AT" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN"></hub-map>
 *
 * NUTS 2 regions are drawn as SVG from the regions subgraph's geometry (GeoJSON, WGS 84; no tiles, no CDN), each
 * coloured by the library's resource count or by the latest value of an indicator, with a legend, keyboard
 * focus on every region (its name and value are announced), a table of the same figures for screen readers, and
 * the located practices (`resourcePoints`) as dots (clusters sized by count).
 */
import { el, graphql, HubElement, svgEl, type Child } from './hub';

const WIDTH = 600;
/** Sequential palette (light → dark), colour-blind safe; grey for regions without a value. */
const PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const NO_DATA = '#d9d9d9';

const MAP_QUERY = `query HubWidgetMap($country: ID, $byIndicator: Boolean!, $indicator: ID!, $breakdown: Breakdown, $lang: Language) {
    regions(level: 2, country: $country, first: 500) {
      edges { node { code name geometry latest(indicator: $indicator, breakdown: $breakdown) @include(if: $byIndicator) { value period } } }
    }
    indicator(code: $indicator) @include(if: $byIndicator) { name(lang: $lang) unit }
    resourcesByRegion(level: NUTS2, country: $country) @skip(if: $byIndicator) { cells { region { code } count } }
  }`;
const POINTS_QUERY = `query HubWidgetMapPoints($bbox: BoundingBoxInput!) {
    resourcePoints(bbox: $bbox, limit: 200)
  }`;

type Position = [number, number];
type Geometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: string; coordinates: unknown };

interface MapRegion {
  code: string;
  name: string;
  geometry: Geometry | null;
  latest?: { value: number | null; period: string } | null;
}

interface MapResponse {
  regions: { edges: Array<{ node: MapRegion }> };
  indicator?: { name: string; unit: string } | null;
  resourcesByRegion?: { cells: Array<{ region: { code: string }; count: number }> };
}

interface PointFeature {
  geometry: { coordinates: Position };
  properties?: { cluster?: boolean; count?: number; title?: string } | null;
}

interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

interface Projection {
  bbox: BoundingBox;
  height: number;
  point(position: Position): [string, string];
}

interface MapData {
  title: string;
  regions: MapRegion[];
  values: Array<number | null>;
  projection: Projection;
  points: PointFeature[];
}

/** Every ring of a GeoJSON Polygon or MultiPolygon geometry. */
function ringsOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates as Position[][];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Position[][][]).flat();
  return [];
}

/** An equirectangular projection fitted to the regions' bounds (longitudes scaled by the mean latitude). */
function projectionFor(regions: MapRegion[]): Projection {
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
function classesOf(values: Array<number | null>) {
  const known = values.filter((value): value is number => value !== null && value !== undefined);
  const min = known.length ? Math.min(0, ...known) : 0;
  const max = known.length ? Math.max(...known) : 0;
  const step = (max - min) / PALETTE.length || 1;
  const classOf = (value: number | null): number =>
    value === null || value === undefined
      ? -1
      : Math.min(Math.floor((value - min) / step), PALETTE.length - 1);
  const bounds = PALETTE.map((_, index) => [min + index * step, min + (index + 1) * step] as const);
  return { classOf, bounds };
}

const STYLE = `
  :host { max-width: ${WIDTH}px; }
  figure { margin: 0; }
  figcaption { font-weight: bold; margin-bottom: .5em; }
  .map { width: 100%; height: auto; display: block; }
  path { stroke: #ffffff; stroke-width: .8; }
  path:focus { outline: none; stroke: #000000; stroke-width: 2.5; }
  .point { fill: #d94801; stroke: #ffffff; stroke-width: 1; }
  .legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25em 1em; padding: 0; margin: .5em 0 0; font-size: .85em; }
  .swatch { display: inline-block; width: 1em; height: 1em; margin-right: .3em; vertical-align: -.15em; border: 1px solid #999999; }
  .focus { margin: .3em 0 0; min-height: 1.2em; font-size: .9em; }
`;

export class HubMap extends HubElement<MapData> {
  static get observedAttributes(): string[] {
    return ['country', 'indicator', 'breakdown', 'lang'];
  }

  protected styles(): string {
    return STYLE;
  }

  protected failedText(): string {
    return this.text.mapFailed;
  }

  protected async load(): Promise<MapData> {
    const indicator = this.getAttribute('indicator');
    const data = await graphql<MapResponse>(MAP_QUERY, {
      country: this.getAttribute('country') || undefined,
      byIndicator: Boolean(indicator),
      indicator: indicator || '',
      breakdown: this.getAttribute('breakdown') || undefined,
      lang: this.language.graph,
    });
    const regions = data.regions.edges.map((edge) => edge.node).filter((region) => region.geometry);
    const projection = projectionFor(regions);
    const points = regions.length
      ? (
          await graphql<{ resourcePoints: { features: PointFeature[] } }>(POINTS_QUERY, {
            bbox: projection.bbox,
          })
        ).resourcePoints.features
      : [];
    const counts = new Map(
      (data.resourcesByRegion?.cells ?? []).map((cell) => [cell.region.code, cell.count]),
    );
    const values = regions.map((region) =>
      indicator ? (region.latest?.value ?? null) : (counts.get(region.code) ?? 0),
    );
    const title = indicator && data.indicator ? data.indicator.name : this.text.resources;
    return { title, regions, values, projection, points };
  }

  protected render({ title, regions, values, projection, points }: MapData): Child {
    const text = this.text;
    const format = new Intl.NumberFormat(this.language.locale, { maximumFractionDigits: 1 });
    const show = (value: number | null | undefined) =>
      value === null || value === undefined ? text.noData : format.format(value);
    const { classOf, bounds } = classesOf(values);
    const status = el('p', { class: 'focus', 'aria-live': 'polite' }, '\u00a0');
    const shapes = regions.map((region, index) => {
      const value = values[index] ?? null;
      const d = ringsOf(region.geometry)
        .map((ring) => `M${ring.map((position) => projection.point(position).join(',')).join('L')}Z`)
        .join('');
      const label = `${region.name} (${region.code}): ${show(value)}`;
      const colour = classOf(value) < 0 ? NO_DATA : PALETTE[classOf(value)];
      const path = svgEl(
        'path',
        { d, fill: colour, tabindex: 0, role: 'img', 'aria-label': label, 'data-code': region.code },
        svgEl('title', {}, label),
      );
      const announce = () => (status.textContent = label);
      path.addEventListener('focus', announce);
      path.addEventListener('mouseenter', announce);
      return path;
    });
    const dots = points.map((feature) => {
      const [x, y] = projection.point(feature.geometry.coordinates);
      const properties = feature.properties ?? {};
      const radius = properties.cluster ? Math.min(4 + Math.sqrt(properties.count ?? 0) * 2, 14) : 3.5;
      return svgEl(
        'circle',
        { cx: x, cy: y, r: radius, class: 'point' },
        svgEl('title', {}, properties.cluster ? `${properties.count} ${text.points}` : properties.title),
      );
    });
    const map = svgEl(
      'svg',
      { viewBox: `0 0 ${WIDTH} ${projection.height}`, role: 'group', 'aria-label': title, class: 'map' },
      svgEl('g', { class: 'regions' }, shapes),
      svgEl('g', { class: 'points', 'aria-hidden': 'true' }, dots),
    );
    const legend = el(
      'ul',
      { class: 'legend', 'aria-hidden': 'true' },
      bounds.map(([from, to], index) =>
        el(
          'li',
          {},
          el('span', { class: 'swatch', style: `background:${PALETTE[index]}` }),
          `${format.format(from)}–${format.format(to)}`,
        ),
      ),
      el('li', {}, el('span', { class: 'swatch', style: `background:${NO_DATA}` }), text.noData),
    );
    const table = el(
      'table',
      { class: 'sr-only' },
      el('caption', {}, `${text.table}: ${title}`),
      el(
        'thead',
        {},
        el('tr', {}, el('th', { scope: 'col' }, text.region), el('th', { scope: 'col' }, text.value)),
      ),
      el(
        'tbody',
        {},
        regions.map((region, index) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, `${region.name} (${region.code})`),
            el('td', {}, show(values[index])),
          ),
        ),
      ),
    );
    return el('figure', {}, el('figcaption', {}, title), map, legend, status, table);
  }
}
