/**
 *   <hub-events region="FRH0" limit="5" period="upcoming|past|all" lang="fr"></hub-events>
 *
 * The events hosted in a region or any region within it, live. With nothing upcoming (e.g. a new hub, whose
 * seeded events are all past) the widget says so and lists the latest past events under their own heading,
 * rather than showing an empty box.
 */
import { el, graphql, HubElement, live, type Child } from './hub';

const EVENTS_QUERY = `query HubWidgetEvents($filter: EventFilter, $first: Int, $orderBy: EventOrder) {
    events(filter: $filter, first: $first, orderBy: $orderBy) {
      edges { node { id title startsAt endsAt timeZone allDay status format
        venue { city } hostRegions { name } } }
    }
  }`;
const EVENTS_LIVE = `subscription HubWidgetEventsLive($region: ID) {
    eventChanged(region: $region) { change event { id } }
  }`;

interface EventNode {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  allDay: boolean;
  status: string;
  format: 'IN_PERSON' | 'ONLINE' | 'HYBRID';
  venue: { city: string | null } | null;
  hostRegions: Array<{ name: string }>;
}

interface EventsResponse {
  events: { edges: Array<{ node: EventNode }> };
}

type Period = 'upcoming' | 'past' | 'all';

interface EventsData {
  period: Period;
  events: EventNode[];
  /** Set when `upcoming` was asked for and found nothing: the latest past events instead. */
  pastInstead?: EventNode[];
}

const STYLE = `
  section { border: 1px solid currentColor; border-radius: .4em; padding: .75em 1em; }
  section + section { margin-top: .5em; }
  h2 { font-size: 1.1em; margin: 0 0 .5em; }
  ul { list-style: none; margin: 0; padding: 0; }
  li { padding: .5em 0; border-top: 1px solid rgba(127, 127, 127, .35); }
  li:first-child { border-top: 0; }
  h3 { font-size: 1em; margin: 0; }
  p { margin: .2em 0 0; }
  .empty { margin: 0; }
  .status { font-weight: bold; }
`;

export class HubEvents extends HubElement<EventsData> {
  static get observedAttributes(): string[] {
    return ['region', 'limit', 'period', 'lang'];
  }

  private get period(): Period {
    const period = this.getAttribute('period');
    return period === 'past' || period === 'all' ? period : 'upcoming';
  }

  private get region(): string | undefined {
    return this.getAttribute('region') || undefined;
  }

  protected styles(): string {
    return STYLE;
  }

  private async fetchEvents(period: Period): Promise<EventNode[]> {
    const limit = Math.min(Math.max(parseInt(this.getAttribute('limit') || '5', 10) || 5, 1), 50);
    const data = await graphql<EventsResponse>(EVENTS_QUERY, {
      filter: {
        region: this.region,
        upcoming: period === 'upcoming' ? true : period === 'past' ? false : undefined,
      },
      first: limit,
      orderBy: period === 'upcoming' ? 'STARTS_AT_ASC' : 'STARTS_AT_DESC',
    });
    return data.events.edges.map(({ node }) => node);
  }

  protected async load(): Promise<EventsData> {
    const period = this.period;
    const events = await this.fetchEvents(period);
    if (period === 'upcoming' && events.length === 0) {
      return { period, events, pastInstead: await this.fetchEvents('past') };
    }
    return { period, events };
  }

  protected override subscribe(onChange: () => void): () => void {
    return live(EVENTS_LIVE, { region: this.region }, onChange);
  }

  protected failedText(): string {
    return this.text.failed;
  }

  protected override updatedText(): string {
    return this.text.updated;
  }

  protected render(data: EventsData): Child {
    if (data.pastInstead) {
      return [
        el(
          'section',
          { 'aria-labelledby': 'hub-events-title' },
          el('h2', { id: 'hub-events-title' }, this.text.upcoming),
          el('p', { class: 'empty' }, this.text.noneUpcoming),
        ),
        data.pastInstead.length
          ? el(
              'section',
              { 'aria-labelledby': 'hub-events-past-title', class: 'past' },
              el('h2', { id: 'hub-events-past-title' }, this.text.past),
              el(
                'ul',
                {},
                data.pastInstead.map((event) => this.item(event)),
              ),
            )
          : null,
      ];
    }
    return el(
      'section',
      { 'aria-labelledby': 'hub-events-title' },
      el('h2', { id: 'hub-events-title' }, this.text[data.period]),
      data.events.length
        ? el(
            'ul',
            {},
            data.events.map((event) => this.item(event)),
          )
        : el('p', { class: 'empty' }, this.text.none),
    );
  }

  private item(event: EventNode): HTMLLIElement {
    const format = new Intl.DateTimeFormat(this.language.locale, {
      dateStyle: 'medium',
      ...(event.allDay ? {} : { timeStyle: 'short' }),
      timeZone: event.timeZone,
    });
    // Region names in the national language when the page is in that country's language would need a
    // language table per country; the Latin-script name is understood everywhere.
    const place = [
      event.venue?.city,
      event.hostRegions.map((region) => region.name).join(', '),
      event.format === 'ONLINE' ? this.text.online : event.format === 'HYBRID' ? this.text.hybrid : null,
    ].filter(Boolean);
    return el(
      'li',
      { 'data-event-id': event.id },
      el('h3', {}, event.title),
      el(
        'p',
        {},
        el('time', { datetime: event.startsAt }, format.format(new Date(event.startsAt))),
        event.allDay ? ` (${this.text.allDay})` : '',
        place.length ? ` · ${place.join(' · ')}` : '',
      ),
      event.status === 'CANCELLED' ? el('p', { class: 'status' }, this.text.cancelled) : null,
    );
  }
}
