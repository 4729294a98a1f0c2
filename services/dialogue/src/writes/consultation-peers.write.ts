import type { PeerKeyCheck } from '@hub/kit';
import type { DialogueContext } from '../loaders';

/** Keys of other subgraphs a consultation names, by the path they came at. */
export interface ConsultationKeys {
  regions?: readonly string[];
  organisations?: Record<string, readonly string[] | string>;
  event?: string | null;
  discussion?: string | null;
}

/**
 * Every key must exist in its owner (regions, events, forum): unknown ones are BAD_USER_INPUT at their path;
 * an unreachable owner is PEER_UNAVAILABLE and nothing is written.
 */
export async function assertConsultationKeysExist(
  context: DialogueContext,
  keys: ConsultationKeys,
): Promise<void> {
  const checks: PeerKeyCheck[] = [];
  if (keys.regions?.length) {
    checks.push({
      subgraph: 'regions',
      typename: 'Region',
      keyField: 'code',
      keys: keys.regions,
      path: 'input.regions',
    });
  }
  for (const [path, ids] of Object.entries(keys.organisations ?? {})) {
    checks.push({
      subgraph: 'regions',
      typename: 'Organisation',
      keyField: 'id',
      keys: ids,
      path,
      what: 'organisation',
    });
  }
  if (keys.event) {
    checks.push({
      subgraph: 'events',
      typename: 'Event',
      keyField: 'id',
      keys: keys.event,
      path: 'input.event',
    });
  }
  if (keys.discussion) {
    checks.push({
      subgraph: 'forum',
      typename: 'Thread',
      keyField: 'id',
      keys: keys.discussion,
      path: 'input.discussion',
      what: 'thread',
    });
  }
  if (checks.length) await context.peers.assertExist(checks);
}
