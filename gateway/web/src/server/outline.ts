/**
 * A region's outline as an SVG path, drawn on the server from its GeoJSON geometry (WGS 84, as the regions
 * subgraph gives it). Equirectangular projection with the longitudes scaled by cos(mean latitude): at the size
 * of a region that keeps shapes recognisable, needs no projection library and no tiles.
 */

type Position = readonly number[];
type Ring = readonly Position[];

/** The rings of a Polygon or MultiPolygon (other geometry types have no outline to draw). */
function ringsOf(geometry: unknown): Ring[] {
  if (typeof geometry !== 'object' || geometry === null) return [];
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) return [];
  const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : [];
  const rings: Ring[] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    for (const ring of polygon) {
      if (!Array.isArray(ring)) continue;
      const points = ring.filter(
        (p): p is Position =>
          Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]) && p.length >= 2,
      );
      if (points.length >= 3) rings.push(points);
    }
  }
  return rings;
}

export interface Outline {
  /** SVG path data in the viewBox `0 0 width height` (numbers only: safe to put into markup). */
  path: string;
  width: number;
  height: number;
}

/** The outline fitted into a box `size` wide (height follows the shape), with `margin` units around it; null without rings. */
export function outlineOf(geometry: unknown, size = 240, margin = 6): Outline | null {
  const rings = ringsOf(geometry);
  if (rings.length === 0) return null;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const ring of rings) {
    for (const [lon = 0, lat = 0] of ring) {
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * xScale, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const inner = size - 2 * margin;
  // a tall region keeps the box square at most: its height is limited like its width
  const scale = Math.min(inner / spanX, inner / spanY);
  const width = Math.round(spanX * scale + 2 * margin);
  const height = Math.round(spanY * scale + 2 * margin);
  const x = (lon: number) => (margin + (lon - minLon) * xScale * scale).toFixed(1);
  const y = (lat: number) => (margin + (maxLat - lat) * scale).toFixed(1);
  const path = rings
    .map((ring) => `M${ring.map(([lon = 0, lat = 0]) => `${x(lon)} ${y(lat)}`).join('L')}Z`)
    .join('');
  return { path, width, height };
}
