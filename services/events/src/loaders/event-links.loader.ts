import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { linkedKeys, type EventLink } from '../queries/event-links.query';

/** `Event.hostRegions` (region codes) or `Event.organisers` (organisation ids) per event. */
export function eventLinksLoader(em: EntityManager, link: EventLink) {
  return new DataLoader<string, string[]>((eventIds) => linkedKeys(em, eventIds, link));
}
