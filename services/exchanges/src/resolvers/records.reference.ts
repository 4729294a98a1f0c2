import type { Application } from '../entities/application.entity';
import type { Pairing } from '../entities/pairing.entity';
import type { Programme } from '../entities/programme.entity';
import type { ExchangesContext } from '../loaders';
import { visibleApplication, visiblePairing, visibleProgramme } from '../queries/records.query';

// `_entities` of the types this subgraph owns: null for unknown ids and for what the caller may not see
// (drafts, private applications and pairings), exactly as the queries by id.

export function resolveProgrammeReference(
  reference: { id: string },
  context: ExchangesContext,
): Promise<Programme | null> {
  return typeof reference.id === 'string' ? visibleProgramme(reference.id, context) : Promise.resolve(null);
}

export async function resolveApplicationReference(
  reference: { id: string },
  context: ExchangesContext,
): Promise<Application | null> {
  return typeof reference.id === 'string'
    ? ((await visibleApplication(reference.id, context))?.application ?? null)
    : null;
}

export function resolvePairingReference(
  reference: { id: string },
  context: ExchangesContext,
): Promise<Pairing | null> {
  return typeof reference.id === 'string' ? visiblePairing(reference.id, context) : Promise.resolve(null);
}
