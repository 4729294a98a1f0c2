import { applyPatch, assertVersion, performWrite } from '@hub/kit';
import type { __Entity__ } from '../entities/__entity-kebab__.entity';
import type { Update__Entity__Input } from '../inputs/update-__entity-kebab__.input';
import type { __Name__Context } from '../loaders';
import { assertRegionExists, load__Entity__, writable__Entity__ } from './__entity-kebab__-store.write';

/** Changes a __entity_words__ from the version the client last read (a stale version is a CONFLICT). */
export async function update__Entity__(
  context: __Name__Context,
  input: Update__Entity__Input,
): Promise<__Entity__> {
  const { id, version, ...patch } = input;
  const found = await writable__Entity__(id, context);
  assertVersion(found, version, '__Entity__');
  if (patch.region !== undefined && patch.region !== found.regionCode) {
    await assertRegionExists(context, patch.region, 'input.region');
  }
  return performWrite(
    context,
    { entity: '__Entity__', action: 'update', input },
    async (em) => {
      const current = await load__Entity__(em, found.id);
      assertVersion(current, version, '__Entity__');
      const changedFields = applyPatch(current, {
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.region !== undefined ? { regionCode: patch.region } : {}),
      });
      return { entityId: current.id, changedFields };
    },
    load__Entity__,
  );
}
