import { applyPatch, assertVersion, performWrite } from '@hub/kit';
import type { Programme } from '../entities/programme.entity';
import type { UpdateProgrammeInput } from '../inputs/update-programme.input';
import type { ExchangesContext } from '../loaders';
import { assertRegionExists, loadProgramme, writableProgramme } from './programme-store.write';

/** Changes a programme from the version the client last read (a stale version is a CONFLICT). */
export async function updateProgramme(
  context: ExchangesContext,
  input: UpdateProgrammeInput,
): Promise<Programme> {
  const { id, version, ...patch } = input;
  const found = await writableProgramme(id, context);
  assertVersion(found, version, 'Programme');
  if (patch.region !== undefined && patch.region !== found.regionCode) {
    await assertRegionExists(context, patch.region, 'input.region');
  }
  return performWrite(
    context,
    { entity: 'Programme', action: 'update', input },
    async (em) => {
      const current = await loadProgramme(em, found.id);
      assertVersion(current, version, 'Programme');
      const changedFields = applyPatch(current, {
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.region !== undefined ? { regionCode: patch.region } : {}),
      });
      return { entityId: current.id, changedFields };
    },
    loadProgramme,
  );
}
