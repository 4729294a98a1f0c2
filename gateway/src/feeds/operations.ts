/**
 * The fixed (persisted) operations behind the public feeds. Each runs as ANONYMOUS through the gateway's own
 * executor, so a feed shows exactly what the public graph shows: no draft, nothing a subgraph's rules hide.
 * Only the filter variables come from the request, and only after `params.ts` has checked them.
 */

/** The most entries a feed carries (one page of the graph; feed readers keep their own history). */
export const FEED_LIMIT = 200;

/** Events that ended within this many months before today are still in the events feeds. */
export const EVENTS_LOOKBACK_MONTHS = 12;

const ORGANISATION = /* GraphQL */ `
  id
  name
  websiteUrl
`;

/**
 * Published and cancelled events still running on or after `from` (`EVENTS_LOOKBACK_MONTHS` before today),
 * most recently changed first: a feed reader then sees a cancellation as a fresh entry.
 */
export const EVENTS_FEED_QUERY = /* GraphQL */ `
  query EventsFeed($first: Int!, $filter: EventFilter!) {
    events(first: $first, filter: $filter, orderBy: UPDATED_AT_DESC) {
      edges {
        node {
          id
          title
          summary
          descriptionHtml
          kind
          strand
          startsAt
          endsAt
          timeZone
          allDay
          format
          onlineUrl
          status
          cancellationReason
          registrationUrl
          sourceUrl
          languages
          version
          createdAt
          updatedAt
          venue {
            name
            address
            city
            isoCountryCode
          }
          hostRegions {
            code
            name
          }
          organisers {
            ${ORGANISATION}
          }
        }
      }
    }
  }
`;

/** Published library resources, latest publication first. */
export const LIBRARY_FEED_QUERY = /* GraphQL */ `
  query LibraryFeed($first: Int!, $filter: ResourceFilter!) {
    resources(first: $first, filter: $filter, orderBy: PUBLISHED_ON_DESC) {
      edges {
        node {
          id
          kind
          language
          title
          summary
          bodyHtml
          authors
          publishedOn
          link
          licence
          strand
          publishedAt
          createdAt
          updatedAt
          publisher {
            ${ORGANISATION}
          }
          territories {
            code
            name
          }
        }
      }
    }
  }
`;

/** Consultations an anonymous caller sees (every non-draft), latest closing date first. */
export const CONSULTATIONS_FEED_QUERY = /* GraphQL */ `
  query ConsultationsFeed($first: Int!, $filter: ConsultationFilter!) {
    consultations(first: $first, filter: $filter, orderBy: CLOSES_AT_DESC) {
      edges {
        node {
          id
          title
          summary
          descriptionHtml
          strand
          languages
          opensAt
          closesAt
          status
          needsAssessment
          openedAt
          resultsPublishedAt
          createdAt
          updatedAt
          organiser {
            ${ORGANISATION}
          }
          regions {
            code
            name
          }
        }
      }
    }
  }
`;

export interface FeedOrganisation {
  id: string;
  name: string;
  websiteUrl?: string | null;
}

export interface FeedRegion {
  code: string;
  name: string;
}

export interface FeedEvent {
  id: string;
  title: string;
  summary: string;
  descriptionHtml: string;
  kind: string;
  strand?: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  allDay: boolean;
  format?: string | null;
  onlineUrl?: string | null;
  status: 'PUBLISHED' | 'CANCELLED' | 'DRAFT';
  cancellationReason?: string | null;
  registrationUrl?: string | null;
  sourceUrl?: string | null;
  languages: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  venue?: {
    name?: string | null;
    address?: string | null;
    city?: string | null;
    isoCountryCode?: string | null;
  } | null;
  hostRegions: FeedRegion[];
  organisers: FeedOrganisation[];
}

export interface FeedResource {
  id: string;
  kind: string;
  language: string;
  title: string;
  summary: string;
  bodyHtml: string;
  authors: string[];
  publishedOn: string;
  link?: string | null;
  licence?: string | null;
  strand?: string | null;
  publishedAt?: string | null;
  createdAt: string;
  updatedAt: string;
  publisher: FeedOrganisation;
  territories: FeedRegion[];
}

export interface FeedConsultation {
  id: string;
  title: string;
  summary: string;
  descriptionHtml: string;
  strand?: string | null;
  languages: string[];
  opensAt: string;
  closesAt: string;
  status: string;
  needsAssessment: boolean;
  openedAt?: string | null;
  resultsPublishedAt?: string | null;
  createdAt: string;
  updatedAt: string;
  organiser: FeedOrganisation;
  regions: FeedRegion[];
}

/** The nodes of a connection in an operation's data, e.g. `nodesOf(data, 'events')`. */
export function nodesOf<T>(data: Record<string, unknown> | null | undefined, field: string): T[] {
  const connection = data?.[field] as { edges?: Array<{ node: T }> } | undefined;
  return (connection?.edges ?? []).map((edge) => edge.node);
}
