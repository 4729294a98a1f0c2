import type { Seed } from '@hub/kit';
import { Membership } from '../entities/membership.entity';
import { OrganisationKind, RegionClassification } from '../entities/enums';
import { Organisation } from '../entities/organisation.entity';
import { Region } from '../entities/region.entity';
import { loadMembershipSeed, loadOrganisationSeedRows, loadRegionSeedRows } from './reference.data';

/** Rows per INSERT: keeps each statement far below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 400;

function chunks<T>(rows: T[]): T[][] {
  return Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, index) =>
    rows.slice(index * CHUNK, (index + 1) * CHUNK),
  );
}

/**
 * First-start seed of the reference data copied from the project's shared data folder (see data/README.md):
 * NUTS 2024 regions with 2021 geometry and typologies where unchanged, partner organisations, and the CPMR
 * memberships that public sources name (a partial list).
 */
export const referenceDataSeed: Seed = {
  name: 'regions-reference-data-2024-v1',
  async run(em, logger) {
    const regions = loadRegionSeedRows();
    // Parents before children, so the parent foreign key is always satisfied within the chunked insert.
    regions.sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
    for (const chunk of chunks(regions)) {
      await em.insertMany(
        Region,
        chunk.map((row) => ({
          code: row.code,
          level: row.level,
          name: row.name,
          nationalName: row.nationalName,
          countryCode: row.countryCode,
          parentCode: row.parentCode,
          isExtraRegio: row.isExtraRegio,
          isEu: row.isEu,
          classification: row.classification as RegionClassification,
          mountainType: row.mountainType,
          urbanRuralType: row.urbanRuralType,
          coastalType: row.coastalType,
          geometry: row.geometry as Record<string, unknown> | null,
          searchText: row.searchText,
        })),
      );
    }
    const organisations = loadOrganisationSeedRows();
    await em.insertMany(
      Organisation,
      organisations.map((row) => ({ ...row, kind: row.kind as OrganisationKind })),
    );
    const memberships = loadMembershipSeed(new Set(regions.map((region) => region.code)));
    for (const chunk of chunks(memberships.rows)) {
      await em.insertMany(Membership, chunk);
    }
    logger.info(
      {
        regions: regions.length,
        organisations: organisations.length,
        memberships: memberships.rows.length,
        skippedCpmrRows: memberships.skipped.length,
      },
      'seeded reference data',
    );
  },
};
