import { executeSql, groupInKeyOrder, oneInKeyOrder, sql, sqlList } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Region } from '../entities/region.entity';

/** A region by its code (null when none has it): `region`, `parent`, `country`, `ancestors`, `_entities`. */
export function regionByCodeLoader(em: EntityManager) {
  return new DataLoader<string, Region | null>(async (codes) =>
    oneInKeyOrder(codes, await em.find(Region, { code: { $in: [...codes] } }), (region) => region.code),
  );
}

/** The regions one level below each code, ordered by code. */
export function childrenByParentCodeLoader(em: EntityManager) {
  return new DataLoader<string, Region[]>(async (codes) =>
    groupInKeyOrder(
      codes,
      await em.find(Region, { parentCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
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
