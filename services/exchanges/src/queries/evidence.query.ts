import type { PolicyArea } from '@hub/kit';
import type { ExchangesContext } from '../loaders';

/** Indicators read for suggestions (codes of the indicators subgraph's Eurostat catalogue). */
export const EMPLOYMENT_GAP = { indicator: 'employment_gap_20_64', breakdown: 'NATIVE_MINUS_FOREIGN_BORN' };
export const FOREIGN_BORN_SHARE = { indicator: 'population_share_15_64', breakdown: 'FOREIGN_BORN' };

export interface IndicatorValue {
  value: number;
  period: number;
  /** The region the value is of: the territory itself, or the NUTS 2 region it lies in. */
  region: string;
}

export interface RegionEvidence {
  gap: IndicatorValue | null;
  share: IndicatorValue | null;
  /** [longitude, latitude] of the centroid of its geometry (or its NUTS 2 region's), null when none. */
  centroid: [number, number] | null;
}

export interface Evidence {
  /** By territory code; a territory missing here had no answer because the peer is not configured. */
  regions: Map<string, RegionEvidence>;
  /** Severity (1-5) per policy area reported for the mentee's territory in the dialogue subgraph. */
  needs: Map<PolicyArea, number>;
}

/** The territory and, for a NUTS 3 one, the NUTS 2 region it lies in (whose figures stand in for it). */
function withNuts2(code: string): string[] {
  return code.length > 4 ? [code, code.slice(0, 4)] : [code];
}

interface Observation {
  value: number | null;
  period: number;
}

type IndicatorEntity = { gap: Observation | null; share: Observation | null };

/**
 * Values per region code kept for `ttlMs` per running subgraph (keyed by its peer directory): `fetch` is asked
 * once for all the codes not known (or expired); undefined when the peer is not configured.
 */
function regionCache<T>(ttlMs: number) {
  const byPeers = new WeakMap<object, Map<string, { value: T | null; expires: number }>>();
  return async (
    context: ExchangesContext,
    codes: string[],
    fetch: (missing: string[]) => Promise<Map<string, T> | undefined>,
  ): Promise<Map<string, T | null> | undefined> => {
    let cache = byPeers.get(context.peers);
    if (!cache) byPeers.set(context.peers, (cache = new Map()));
    const now = Date.now();
    const missing = codes.filter((code) => (cache.get(code)?.expires ?? 0) <= now);
    if (missing.length) {
      const fetched = await fetch(missing);
      if (!fetched) return undefined;
      for (const code of missing) cache.set(code, { value: fetched.get(code) ?? null, expires: now + ttlMs });
    }
    return new Map(codes.map((code) => [code, cache.get(code)?.value ?? null]));
  };
}

/**
 * Indicator values change with an import or a contribution: kept for a minute, so a ranking over thousands of
 * candidates does not ask the indicators subgraph for ~250 regions on every request.
 */
const indicatorCache = regionCache<IndicatorEntity>(60 * 1000);
/** Centroids of region geometries: reference data that changes with a NUTS revision, kept for an hour. */
const centroidCache = regionCache<[number, number]>(60 * 60 * 1000);

/** One `_entities` request to indicators for the regions not cached: both indicators' latest values. */
function indicatorValues(context: ExchangesContext, codes: string[]) {
  return indicatorCache(context, codes, async (missing) => {
    const answer = await context.peers.query<{
      _entities: Array<(IndicatorEntity & { code: string }) | null>;
    }>(
      'indicators',
      /* GraphQL */ `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code
        gap: latest(indicator: "${EMPLOYMENT_GAP.indicator}", breakdown: ${EMPLOYMENT_GAP.breakdown}) { value period }
        share: latest(indicator: "${FOREIGN_BORN_SHARE.indicator}", breakdown: ${FOREIGN_BORN_SHARE.breakdown}) { value period }
      } } }`,
      { r: missing.map((code) => ({ __typename: 'Region', code })) },
    );
    return (
      answer && new Map(answer.data._entities.flatMap((entity) => (entity ? [[entity.code, entity]] : [])))
    );
  });
}

/** One `_entities` request to regions for the geometries not cached. */
function regionCentroids(context: ExchangesContext, codes: string[]) {
  return centroidCache(context, codes, async (missing) => {
    const answer = await context.peers.query<{ _entities: Array<{ geometry: Geometry | null } | null> }>(
      'regions',
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Region {
              geometry
            }
          }
        }
      `,
      { r: missing.map((code) => ({ __typename: 'Region', code })) },
    );
    if (!answer) return undefined;
    return new Map(
      missing.flatMap((code, index) => {
        const geometry = answer.data._entities[index]?.geometry;
        const centroid = geometry ? centroidOf(geometry) : null;
        return centroid ? [[code, centroid]] : [];
      }),
    );
  });
}

/** The severities of need reported for the mentee's territory (dialogue's `Region.needs`). */
async function reportedNeeds(context: ExchangesContext, territory: string): Promise<Map<PolicyArea, number>> {
  const answer = await context.peers.query<{
    _entities: Array<{
      needs: Array<{ policyArea: PolicyArea; severity: number | null; suppressed: boolean }>;
    } | null>;
  }>(
    'dialogue',
    /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Region {
            needs {
              policyArea
              severity
              suppressed
            }
          }
        }
      }
    `,
    { r: [{ __typename: 'Region', code: territory }] },
  );
  const needs = answer?.data._entities[0]?.needs ?? [];
  return new Map(
    needs.flatMap((need) =>
      !need.suppressed && need.severity !== null ? [[need.policyArea, need.severity]] : [],
    ),
  );
}

/**
 * The evidence for ranking mentors of `menteeTerritory` among `territories`: at most one request per peer
 * (indicators, regions, dialogue), run in parallel, whatever the number of candidates. Indicator values are kept
 * in memory for a minute and centroids for an hour; nothing is stored in the database.
 */
export async function gatherEvidence(
  context: ExchangesContext,
  menteeTerritory: string,
  territories: string[],
): Promise<Evidence> {
  const codes = [...new Set([menteeTerritory, ...territories].flatMap(withNuts2))];
  const [values, places, needs] = await Promise.all([
    indicatorValues(context, codes),
    regionCentroids(context, codes),
    reportedNeeds(context, menteeTerritory),
  ]);
  const pick = (code: string, of: (entity: IndicatorEntity) => Observation | null) => {
    for (const region of withNuts2(code)) {
      const entity = values?.get(region);
      const observation = entity ? of(entity) : null;
      if (observation && observation.value !== null)
        return { value: observation.value, period: observation.period, region };
    }
    return null;
  };
  const regions = new Map<string, RegionEvidence>();
  for (const code of new Set([menteeTerritory, ...territories])) {
    regions.set(code, {
      gap: pick(code, (entity) => entity.gap),
      share: pick(code, (entity) => entity.share),
      centroid:
        withNuts2(code)
          .map((region) => places?.get(region) ?? null)
          .find(Boolean) ?? null,
    });
  }
  return { regions, needs };
}

type Position = [number, number];
type Geometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: string; coordinates?: unknown };

/** The area-weighted centroid of the outer ring of the largest polygon (islands do not pull it into the sea). */
export function centroidOf(geometry: Geometry): [number, number] | null {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as Position[][]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as Position[][][])
        : [];
  let best: { area: number; centroid: [number, number] } | null = null;
  for (const polygon of polygons) {
    const ring = polygon[0];
    if (!ring || ring.length < 3) continue;
    let twiceArea = 0;
    let x = 0;
    let y = 0;
    for (let i = 0; i < ring.length - 1; i += 1) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      const cross = x0 * y1 - x1 * y0;
      twiceArea += cross;
      x += (x0 + x1) * cross;
      y += (y0 + y1) * cross;
    }
    const area = Math.abs(twiceArea / 2);
    if (twiceArea !== 0 && (!best || area > best.area)) {
      best = { area, centroid: [x / (3 * twiceArea), y / (3 * twiceArea)] };
    }
  }
  return best?.centroid ?? null;
}

/** Great-circle distance in kilometres between two [longitude, latitude] points. */
export function distanceKm([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}
