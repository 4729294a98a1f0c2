import type { Thread } from '../entities/thread.entity';
import type { ForumContext } from '../loaders';

/** `_entities` lookup of a Thread by its key (batched; a malformed id is simply not found). */
export function resolveThreadReference(
  reference: { id: string },
  context: ForumContext,
): Promise<Thread | null> {
  return context.loaders.threadById.load(reference.id);
}
