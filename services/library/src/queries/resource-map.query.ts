import { executeSql, invalidInput, sql } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MAP_CODE_LENGTH, type MapLevel } from '../entities/enums';
import { regionReference } from '../entities/references.type';
import { ResourceMap } from '../entities/resource-connection.type';
import type { BoundingBoxInput, ResourceFilter } from '../inputs/resource-filter.input';
import type { LibraryContext } from '../loaders';
import { resourceWhere } from './resource-filter.query';
import { viewerOf } from './visibility.query';

/** How long a list of region codes the regions subgraph gave is used before asking again (reference data). */
const REGION_LIST_TTL_MS = 60 * 60 * 1000;
const regionLists = new Map<string, { codes: string[]; expires: number }>();

const REGION_CODES = /* GraphQL */ `
  query ($level: Int, $country: ID) {
    regions(level: $level, country: $country, first: 500) {
      edges {
        node {
          code
        }
      }
    }
  }
`;

/** Every region code of a NUTS level (of one country), from the regions subgraph; undefined if it cannot be asked. */
async function regionCodesOf(
  context: LibraryContext,
  level: number,
  country: string | null,
): Promise<string[] | undefined> {
  const key = `${level}/${country ?? ''}`;
  const cached = regionLists.get(key);
  if (cached && cached.expires > Date.now()) return cached.codes;
  const answer = await context.peers.query<{ regions: { edges: Array<{ node: { code: string } }> } }>(
    'regions',
    REGION_CODES,
    { level, country },
  );
  if (!answer) return undefined;
  const codes = answer.data.regions.edges.map((edge) => edge.node.code);
  regionLists.set(key, { codes, expires: Date.now() + REGION_LIST_TTL_MS });
  return codes;
}

/**
 * `resourcesByRegion(filter, level, country)`: resources counted per region of `level` (one statement), with
 * every region of the level from the regions subgraph at 0 where none is counted.
 */
export async function resourcesByRegion(
  context: LibraryContext,
  filter: ResourceFilter | null | undefined,
  level: MapLevel,
  country: string | null,
): Promise<ResourceMap> {
  const length = MAP_CODE_LENGTH[level];
  const { where: filtered } = await resourceWhere(context.em, filter, viewerOf(context.caller));
  const where = country ? sql`${filtered} AND r.country_codes @> ARRAY[${country}]::text[]` : filtered;
  // one row per distinct set of territories (few), split here into the regions of the level they lie in
  const [rows, allCodes] = await Promise.all([
    executeSql<{ codes: string[]; n: string }>(
      context.em,
      sql`SELECT r.territory_codes AS codes, count(*) AS n FROM resource r WHERE ${where} GROUP BY r.territory_codes`,
    ),
    regionCodesOf(context, length - 2, country),
  ]);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const cells = new Set(
      row.codes
        .filter((code) => code.length >= length && (!country || code.startsWith(country)))
        .map((code) => code.slice(0, length)),
    );
    for (const code of cells) counts.set(code, (counts.get(code) ?? 0) + Number(row.n));
  }
  const codes = [...new Set([...(allCodes ?? []), ...counts.keys()])].sort();
  const cells = codes.map((code) => ({ region: regionReference(code), count: counts.get(code) ?? 0 }));
  return Object.assign(new ResourceMap(), {
    cells,
    maxCount: Math.max(0, ...cells.map((cell) => cell.count)),
  });
}

/** Largest `limit` of `resourcePoints`; above it points are always clustered. */
export const MAX_POINTS = 2_000;
/** Grid of clusters when there are more points than the limit: this many columns and rows over the box. */
const CLUSTER_GRID = 16;

type Feature = {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, unknown>;
};

const point = (longitude: number, latitude: number, properties: Record<string, unknown>): Feature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [longitude, latitude] },
  properties,
});

/**
 * `resourcePoints(filter, bbox, limit)`: located resources inside the box as a GeoJSON FeatureCollection — one
 * Point per resource (properties `id`, `title`, `kind`), or, when more than `limit` are inside, one Point per
 * occupied cell of a 16 × 16 grid at the mean position of its resources (properties `cluster: true`, `count`).
 */
export async function resourcePoints(
  em: EntityManager,
  context: Pick<LibraryContext, 'caller'>,
  filter: ResourceFilter | null | undefined,
  bbox: BoundingBoxInput,
  limit: number,
): Promise<Record<string, unknown>> {
  if (bbox.east <= bbox.west) throw invalidInput('bbox.east', 'must be greater than west');
  if (bbox.north <= bbox.south) throw invalidInput('bbox.north', 'must be greater than south');
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_POINTS) {
    throw invalidInput('limit', `must be a whole number from 0 to ${MAX_POINTS}`);
  }
  const { where: filtered } = await resourceWhere(em, filter, viewerOf(context.caller));
  const where = sql`${filtered}
    AND r.longitude BETWEEN ${bbox.west} AND ${bbox.east} AND r.latitude BETWEEN ${bbox.south} AND ${bbox.north}`;
  const rows = await executeSql<{
    id: string;
    title: string;
    kind: string;
    longitude: number;
    latitude: number;
  }>(
    em,
    sql`SELECT r.id, r.title, r.kind, r.longitude, r.latitude FROM resource r WHERE ${where}
        ORDER BY r.id LIMIT ${limit + 1}`,
  );
  let features: Feature[];
  let total = rows.length;
  if (rows.length <= limit) {
    features = rows.map((row) =>
      point(row.longitude, row.latitude, { id: row.id, title: row.title, kind: row.kind }),
    );
  } else {
    const cellWidth = (bbox.east - bbox.west) / CLUSTER_GRID;
    const cellHeight = (bbox.north - bbox.south) / CLUSTER_GRID;
    const clusters = await executeSql<{ n: string; longitude: number; latitude: number }>(
      em,
      sql`SELECT count(*) AS n, avg(r.longitude) AS longitude, avg(r.latitude) AS latitude FROM resource r
          WHERE ${where}
          GROUP BY least(floor((r.longitude - ${bbox.west}) / ${cellWidth}), ${CLUSTER_GRID - 1}),
                   least(floor((r.latitude - ${bbox.south}) / ${cellHeight}), ${CLUSTER_GRID - 1})
          ORDER BY 1 DESC`,
    );
    features = clusters.map((row) =>
      point(Number(row.longitude), Number(row.latitude), { cluster: true, count: Number(row.n) }),
    );
    total = clusters.reduce((sum, row) => sum + Number(row.n), 0);
  }
  return { type: 'FeatureCollection', features, properties: { total, clustered: rows.length > limit } };
}
