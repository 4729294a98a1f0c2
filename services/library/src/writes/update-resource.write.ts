import { applyPatch, assertVersion, performWrite } from '@hub/kit';
import type { Resource } from '../entities/resource.entity';
import type { UpdateResourceInput } from '../inputs/update-resource.input';
import type { LibraryContext } from '../loaders';
import { assertRegionExists, loadResource, writableResource } from './resource-store.write';

/** Changes a resource from the version the client last read (a stale version is a CONFLICT). */
export async function updateResource(context: LibraryContext, input: UpdateResourceInput): Promise<Resource> {
  const { id, version, ...patch } = input;
  const found = await writableResource(id, context);
  assertVersion(found, version, 'Resource');
  if (patch.region !== undefined && patch.region !== found.regionCode) {
    await assertRegionExists(context, patch.region, 'input.region');
  }
  return performWrite(
    context,
    { entity: 'Resource', action: 'update', input },
    async (em) => {
      const current = await loadResource(em, found.id);
      assertVersion(current, version, 'Resource');
      const changedFields = applyPatch(current, {
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.region !== undefined ? { regionCode: patch.region } : {}),
      });
      return { entityId: current.id, changedFields };
    },
    loadResource,
  );
}
