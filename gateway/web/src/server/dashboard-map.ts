/**
 * The dashboard's map as data: SVG path strings of NUTS 2 regions projected from their GeoJSON geometry (WGS 84),
 * and the quantile classes of the values. Pure functions, so the page, the JSON route and the tests share them.
 */

/** A GeoJSON position: longitude, latitude (degrees). */
type Position = readonly number[];

/**
 * Code prefixes of regions far from the mainland, drawn as small insets at their own scale: the EU's outermost
 * regions (Canarias, the French overseas regions, Açores, Madeira) and Svalbard with Jan Mayen (which would
 * otherwise stretch the map up to 81° N).
 */
export const OUTERMOST_PREFIXES = ['ES7', 'FRY', 'PT2', 'PT3', 'NO0B'] as const;

export function isOutermost(code: string): boolean {
  return OUTERMOST_PREFIXES.some((prefix) => code.startsWith(prefix));
}

/** Width of the map's viewBox; its height follows from the mainland's extent. */
export const MAP_WIDTH = 1000;
/** Side of one outermost region's square inset, in viewBox units. */
export const INSET_SIZE = 72;
const INSET_GAP = 8;

/**
 * Sequential, colour-blind-safe palette (ColorBrewer YlGnBu, 5 classes), light (low) to dark (high). With fewer
 * distinct classes (many equal values) the classes take evenly spread colours of the same scale.
 */
export const PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
/** Fill of regions without a value: a hatch pattern (defined in the SVG) over light grey. */
export const NO_DATA_FILL = 'url(#no-data)';

/** Every outer and inner ring of a GeoJSON Polygon or MultiPolygon (anything else draws nothing). */
export function ringsOf(geometry: unknown): Position[][] {
  if (!geometry || typeof geometry !== 'object') return [];
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) return [];
  if (type === 'Polygon') return coordinates as Position[][];
  if (type === 'MultiPolygon') return (coordinates as Position[][][]).flat();
  return [];
}

interface Bounds {
  west: number;
  east: number;
  south: number;
  north: number;
}

function boundsOf(geometries: readonly unknown[]): Bounds | null {
  let bounds: Bounds | null = null;
  for (const geometry of geometries) {
    for (const ring of ringsOf(geometry)) {
      for (const [lon, lat] of ring) {
        if (typeof lon !== 'number' || typeof lat !== 'number') continue;
        bounds ??= { west: lon, east: lon, south: lat, north: lat };
        bounds.west = Math.min(bounds.west, lon);
        bounds.east = Math.max(bounds.east, lon);
        bounds.south = Math.min(bounds.south, lat);
        bounds.north = Math.max(bounds.north, lat);
      }
    }
  }
  return bounds;
}

/**
 * Equirectangular projection of `bounds` into a box at (`left`, `top`) `width` wide (or fitted into
 * `width` × `maxHeight`), longitudes scaled by the cosine of the middle latitude so shapes keep their proportions
 * (about cos 50° for the mainland).
 */
function projection(bounds: Bounds, left: number, top: number, width: number, maxHeight = Infinity) {
  const scaleX = Math.cos((((bounds.south + bounds.north) / 2) * Math.PI) / 180);
  const spanX = Math.max((bounds.east - bounds.west) * scaleX, 1e-6);
  const spanY = Math.max(bounds.north - bounds.south, 1e-6);
  const scale = Math.min(width / spanX, maxHeight / spanY);
  // centred in its box (insets are square, the shapes are not)
  const offsetX = left + (width - spanX * scale) / 2;
  const offsetY = top + (Number.isFinite(maxHeight) ? (maxHeight - spanY * scale) / 2 : 0);
  return {
    height: spanY * scale,
    // one decimal of a viewBox unit (≈ 0.01° on the mainland map) keeps the page small and loses nothing visible
    point: ([lon = 0, lat = 0]: Position) =>
      `${round1(offsetX + (lon - bounds.west) * scaleX * scale)},${round1(offsetY + (bounds.north - lat) * scale)}`,
  };
}

function round1(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** An SVG path (`M…L…Z` per ring, even-odd holes) of a geometry under a projection; empty when nothing to draw. */
function pathOf(geometry: unknown, point: (position: Position) => string): string {
  return ringsOf(geometry)
    .filter((ring) => ring.length > 0)
    .map((ring) => `M${ring.map(point).join('L')}Z`)
    .join('');
}

export interface MapShape {
  code: string;
  /** SVG path data in viewBox units (numbers and M/L/Z only). */
  d: string;
  /** Set for an outermost region: its inset's frame. */
  inset?: { x: number; y: number; size: number };
}

export interface MapLayout {
  width: number;
  height: number;
  /** Top of the insets' block (for its caption). */
  insetsTop: number;
  shapes: MapShape[];
  /** Regions that have no geometry in the graph (listed in the table, not drawn). */
  withoutOutline: string[];
}

/**
 * Lays out the map: mainland regions fitted to `MAP_WIDTH` by their common extent (Iceland to Cyprus and Turkey,
 * Malta to the North Cape), the far regions (`OUTERMOST_PREFIXES`) as square insets of their own scale in two
 * columns at the bottom left, where the map has open sea.
 */
export function layoutMap(regions: ReadonlyArray<{ code: string; geometry: unknown }>): MapLayout {
  const drawable = regions.filter((region) => ringsOf(region.geometry).length > 0);
  const withoutOutline = regions.filter((region) => !drawable.includes(region)).map(({ code }) => code);
  const mainland = drawable.filter((region) => !isOutermost(region.code));
  const outermost = drawable.filter((region) => isOutermost(region.code));
  const bounds = boundsOf(mainland.map((region) => region.geometry));
  if (!bounds) return { width: MAP_WIDTH, height: MAP_WIDTH / 2, insetsTop: 0, shapes: [], withoutOutline };
  const main = projection(bounds, 0, 0, MAP_WIDTH);
  const height = Math.ceil(main.height);
  const shapes: MapShape[] = mainland.map((region) => ({
    code: region.code,
    d: pathOf(region.geometry, main.point),
  }));
  // two columns at the bottom left: open Atlantic west of Ireland and Portugal, below Iceland
  const rows = Math.ceil(outermost.length / 2);
  outermost.forEach((region, index) => {
    const regionBounds = boundsOf([region.geometry]);
    if (!regionBounds) return;
    const x = INSET_GAP + (index % 2) * (INSET_SIZE + INSET_GAP);
    const y = height - (rows - Math.floor(index / 2)) * (INSET_SIZE + INSET_GAP);
    const inner = INSET_SIZE - 8;
    const inset = projection(regionBounds, x + 4, y + 4, inner, inner);
    shapes.push({
      code: region.code,
      d: pathOf(region.geometry, inset.point),
      inset: { x, y, size: INSET_SIZE },
    });
  });
  return {
    width: MAP_WIDTH,
    height,
    insetsTop: height - rows * (INSET_SIZE + INSET_GAP),
    shapes,
    withoutOutline,
  };
}

export interface ValueClass {
  /** Position in the palette. */
  colour: string;
  /** Smallest and largest value in the class (the legend shows this range). */
  min: number;
  max: number;
  count: number;
}

export interface Classification {
  classes: ValueClass[];
  /** Index into `classes` of a value; -1 for no value. */
  classOf(value: number | null | undefined): number;
}

/**
 * Up to five quantile classes: the breaks are the values at the 20th, 40th, 60th and 80th percentile (nearest
 * rank), a value belongs to the first class whose break is above it, so equal values always share a class and
 * every class holds at least one value; each class is labelled with the smallest and largest value it holds.
 */
export function classify(
  values: ReadonlyArray<number | null | undefined>,
  wanted = PALETTE.length,
): Classification {
  const known = values.filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value),
  );
  const sorted = [...known].sort((a, b) => a - b);
  const breaks: number[] = [];
  for (let k = 1; k < wanted; k++) {
    const candidate = sorted[Math.ceil((k * sorted.length) / wanted)];
    if (candidate !== undefined && candidate > (breaks.at(-1) ?? -Infinity) && candidate > sorted[0]!) {
      breaks.push(candidate);
    }
  }
  const rawClassOf = (value: number) => breaks.filter((limit) => value >= limit).length;
  const count = sorted.length === 0 ? 0 : breaks.length + 1;
  const colours = spreadColours(count);
  const classes: ValueClass[] = colours.map((colour) => ({
    colour,
    min: Infinity,
    max: -Infinity,
    count: 0,
  }));
  for (const value of sorted) {
    const entry = classes[rawClassOf(value)]!;
    entry.min = Math.min(entry.min, value);
    entry.max = Math.max(entry.max, value);
    entry.count += 1;
  }
  return {
    classes,
    classOf: (value) =>
      typeof value === 'number' && Number.isFinite(value) && count > 0 ? rawClassOf(value) : -1,
  };
}

/** `count` colours of the palette, evenly spread from its light to its dark end. */
function spreadColours(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [PALETTE[2]];
  return Array.from(
    { length: count },
    (_, index) => PALETTE[Math.round((index * (PALETTE.length - 1)) / (count - 1))]!,
  );
}
