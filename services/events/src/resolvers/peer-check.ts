import { badUserInput } from '@hub/kit';
import type { EventsContext } from './types';

let warnedNoRegionsPeer = false;

export interface KeysToCheck {
  /** Region codes by the argument that carries them, e.g. `{ 'input.hostRegions': ['BE10'] }`. */
  regions: Record<string, string[]>;
  /** Organisation ids by argument, e.g. `{ 'input.organisers': ['cpmr'] }`. */
  organisations: Record<string, string[]>;
}

/**
 * Rejects region codes and organisation ids the regions subgraph does not know, naming the argument and the
 * unknown keys (`extensions.unknownKeys`). Asks through `context.peers`, which caches confirmed keys, so
 * there is no local copy to go stale. Without a configured regions peer only the format checks apply (warned
 * once per process); a configured but unreachable peer fails the write.
 */
export async function assertKnownToRegions(context: EventsContext, keys: KeysToCheck): Promise<void> {
  const checks = [
    ...Object.entries(keys.regions).map(([argument, codes]) => ({
      argument,
      typename: 'Region',
      field: 'code',
      codes,
    })),
    ...Object.entries(keys.organisations).map(([argument, codes]) => ({
      argument,
      typename: 'Organisation',
      field: 'id',
      codes,
    })),
  ].filter((check) => check.codes.length > 0);
  const answers = await Promise.all(
    checks.map((check) => context.peers.unknownKeys('regions', check.typename, check.field, check.codes)),
  );
  if (answers.some((answer) => answer === undefined)) {
    if (!warnedNoRegionsPeer) {
      warnedNoRegionsPeer = true;
      context.logger.warn(
        'no regions subgraph configured (REGIONS_SUBGRAPH_URL): region codes and organisation ids are checked for format only',
      );
    }
    return;
  }
  checks.forEach((check, index) => {
    const unknown = answers[index] ?? [];
    if (unknown.length) {
      const what = check.typename === 'Region' ? 'region codes' : 'organisation ids';
      throw badUserInput(
        `"${check.argument}": the regions subgraph knows no ${what} ${unknown.map((k) => `"${k}"`).join(', ')}.`,
        check.argument,
        { unknownKeys: unknown },
      );
    }
  });
}
