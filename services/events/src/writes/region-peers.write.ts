import type { PeerKeyCheck } from '@hub/kit';
import type { EventsContext } from '../loaders';

/**
 * Region codes and organisation ids must be known to the regions subgraph (asked through the kit's peer
 * directory, which caches confirmed keys: no local copy to go stale). One BAD_USER_INPUT naming each unknown key
 * at its path (`input.hostRegions[1]`), with `unknownKeys`; a configured but unreachable peer fails the write
 * (PEER_UNAVAILABLE), nothing is written.
 */
export async function assertKnownToRegions(
  context: EventsContext,
  keys: { regions?: Record<string, string[]>; organisations?: Record<string, string | string[]> },
): Promise<void> {
  const checks: PeerKeyCheck[] = [
    ...Object.entries(keys.regions ?? {}).map(([path, codes]) => ({
      subgraph: 'regions',
      typename: 'Region',
      keyField: 'code',
      keys: codes,
      path,
    })),
    ...Object.entries(keys.organisations ?? {}).map(([path, ids]) => ({
      subgraph: 'regions',
      typename: 'Organisation',
      keyField: 'id',
      keys: ids,
      path,
    })),
  ];
  await context.peers.assertExist(checks);
}
