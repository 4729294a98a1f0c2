import { executeSql, groupInKeyOrder, oneInKeyOrder, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Region } from '../entities/region.entity';
import { regionsByCodes, regionsByParentCodes } from '../queries/regions.query';

// Plain rows, not managed entities: regions are read-only reference data here, and hydrating hundreds of
// entities per request (children of 100 regions: ~1,100) cost more than the SQL. Typed as Region for the
// resolvers, like the rows of `regions(...)`; `geometry` has its own loader.

/** A region by its code (null when none has it): `region`, `parent`, `country`, `ancestors`, `_entities`. */
export function regionByCodeLoader(em: EntityManager) {
  return new DataLoader<string, Region | null>(async (codes) =>
    oneInKeyOrder(codes, (await regionsByCodes(em, codes)) as Region[], (region) => region.code),
  );
}

/** The regions one level below each code, ordered by code. */
export function childrenByParentCodeLoader(em: EntityManager) {
  return new DataLoader<string, Region[]>(async (codes) =>
    groupInKeyOrder(
      codes,
      (await regionsByParentCodes(em, codes)) as Region[],
      (region) => region.parentCode ?? '',
    ),
  );
}

/** The (large, lazily loaded) GeoJSON geometry of each code: read only when a client selects it. */
export function geometryByCodeLoader(em: EntityManager) {
  return new DataLoader<string, Record<string, unknown> | null>(async (codes) => {
    const rows = await executeSql<{ code: string; geometry: Record<string, unknown> | null }>(
      em,
      sql`SELECT code, geometry FROM region WHERE code IN (${sqlList(codes)})`,
    );
    return oneInKeyOrder(codes, rows, (row) => row.code).map((row) => row?.geometry ?? null);
  });
}
