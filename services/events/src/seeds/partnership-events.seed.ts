import { normaliseSearchText, type Seed } from '@hub/kit';
import { EventStatus } from '../entities/enums';
import { Event } from '../entities/event.entity';
import { replaceHostRegions, replaceOrganisers } from '../writes/event-store.write';
import { zonedInstant } from '../inputs/time-zones.input';
import { PARTNERSHIP_EVENTS, SEED_ORGANISATION, type PartnershipEventSeed } from './partnership-events.data';

/** The instants of a seed's schedule: published local times, or whole days (00:00 first day → 24:00 last). */
export function seedInstants(seed: PartnershipEventSeed): { startsAt: Date; endsAt: Date; allDay: boolean } {
  if ('days' in seed.schedule) {
    const [first, last] = seed.schedule.days;
    const dayAfterLast = new Date(`${last}T00:00:00Z`);
    dayAfterLast.setUTCDate(dayAfterLast.getUTCDate() + 1);
    return {
      startsAt: zonedInstant(first, seed.timeZone),
      endsAt: zonedInstant(dayAfterLast.toISOString().slice(0, 10), seed.timeZone),
      allDay: true,
    };
  }
  return {
    startsAt: zonedInstant(seed.schedule.from, seed.timeZone),
    endsAt: zonedInstant(seed.schedule.until, seed.timeZone),
    allDay: false,
  };
}

/** First start: the documented milestones (see `partnership-events.data.ts`), published, created by the CoR. */
export const partnershipEventsSeed: Seed = {
  name: 'events-partnership-milestones-v1',
  async run(em, logger) {
    for (const seed of PARTNERSHIP_EVENTS) {
      em.create(Event, {
        id: seed.id,
        title: seed.title,
        summary: seed.summary,
        description: seed.description,
        kind: seed.kind,
        strand: seed.strand,
        policyAreas: seed.policyAreas,
        ...seedInstants(seed),
        timeZone: seed.timeZone,
        format: seed.format,
        venueCity: seed.venue?.city ?? null,
        venueCountry: seed.venue?.country ?? null,
        status: EventStatus.PUBLISHED,
        sourceUrl: seed.sourceUrl,
        createdBy: SEED_ORGANISATION,
        searchText: normaliseSearchText([seed.title, seed.summary, seed.description].join(' ')),
      });
    }
    await em.flush();
    for (const seed of PARTNERSHIP_EVENTS) {
      await replaceHostRegions(em, seed.id, seed.hostRegions);
      // documented partnership events: their organisers are on record as organising them
      await replaceOrganisers(em, seed.id, seed.organisers, () => true);
    }
    logger.info({ events: PARTNERSHIP_EVENTS.length }, 'seeded documented partnership events');
  },
};
