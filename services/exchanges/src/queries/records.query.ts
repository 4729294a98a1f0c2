import type { Application } from '../entities/application.entity';
import type { Pairing } from '../entities/pairing.entity';
import type { Programme } from '../entities/programme.entity';
import type { ExchangesContext } from '../loaders';
import { canSeeApplication, canSeePairing, canSeeProgramme, viewerOf } from './visibility.query';

/** A programme by id if the caller may see it (null otherwise: a draft's existence is not revealed). */
export async function visibleProgramme(id: string, context: ExchangesContext): Promise<Programme | null> {
  const programme = await context.loaders.programmeById.load(id);
  return programme && canSeeProgramme(viewerOf(context.caller), programme) ? programme : null;
}

/** An application by id if the caller may see it, with its programme. */
export async function visibleApplication(
  id: string,
  context: ExchangesContext,
): Promise<{ application: Application; programme: Programme } | null> {
  const application = await context.loaders.applicationById.load(id);
  if (!application) return null;
  const programme = await context.loaders.programmeById.load(application.programmeId);
  if (!programme || !canSeeApplication(viewerOf(context.caller), application, programme.organiser))
    return null;
  return { application, programme };
}

/** A pairing by id if the caller may see it. */
export async function visiblePairing(id: string, context: ExchangesContext): Promise<Pairing | null> {
  const pairing = await context.loaders.pairingById.load(id);
  return pairing && canSeePairing(viewerOf(context.caller), pairing) ? pairing : null;
}
