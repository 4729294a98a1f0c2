import type { Seed } from '@hub/kit';
import { OrganisationKind } from '../entities/enums';
import { Organisation } from '../entities/organisation.entity';
import { loadForumOfForefrontRegionsSeedRow } from './reference.data';

/**
 * The Forum of forefront regions as an organisation (issue 13), without members: no stored source lists them
 * (admins add them with `addMembership`). A seed of its own, so a database seeded before it gets it once too.
 */
export const forumOfForefrontRegionsSeed: Seed = {
  name: 'regions-forum-of-forefront-regions-v1',
  async run(em, logger) {
    const row = loadForumOfForefrontRegionsSeedRow();
    if (await em.findOne(Organisation, { id: row.id })) return;
    await em.insertMany(Organisation, [{ ...row, kind: row.kind as OrganisationKind }]);
    logger.info({ organisation: row.id }, 'seeded the Forum of forefront regions');
  },
};
