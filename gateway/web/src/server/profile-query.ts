/**
 * The variable of REGION_PROFILE_QUERY that leaves out the sections one subgraph serves. The region itself,
 * its names, outline and hierarchy come from `regions`: without it there is no page.
 */
export const PROFILE_SECTION_VARIABLES: Readonly<Record<string, string>> = {
  indicators: 'withIndicators',
  events: 'withEvents',
  forum: 'withForum',
  dialogue: 'withDialogue',
  library: 'withLibrary',
  exchanges: 'withExchanges',
};

/**
 * The one (persisted) operation behind a region's profile page: the gateway runs it as an anonymous caller, so
 * the page shows exactly what the public graph shows. Lists are short (the page links on where there is more);
 * `totalCount` says how many there are in all. Every section a subgraph other than `regions` serves can be left
 * out (`PROFILE_SECTION_VARIABLES`): the lists are non-null fields, so a subgraph that does not answer nulls the
 * whole region, and the page is asked again without that subgraph's sections.
 */
export const REGION_PROFILE_QUERY = /* GraphQL */ `
  query RegionProfilePage(
    $code: ID!
    $lang: Language!
    $withIndicators: Boolean! = true
    $withEvents: Boolean! = true
    $withForum: Boolean! = true
    $withDialogue: Boolean! = true
    $withLibrary: Boolean! = true
    $withExchanges: Boolean! = true
  ) {
    region(code: $code) {
      code
      name
      nationalName
      level
      isEu
      isExtraRegio
      geometry
      ancestors {
        code
        name
        level
      }
      children {
        code
        name
        nationalName
      }
      indicatorValues @include(if: $withIndicators) {
        period
        breakdown
        value
        status
        indicator {
          code
          name(lang: $lang)
          description(lang: $lang)
          unitLabel(lang: $lang)
          breakdownLabels(lang: $lang) {
            breakdown
            label
          }
          source {
            publisher
            datasetCode
            datasetLabel
            url
            licence
          }
        }
        context {
          countryRank
          countryRegionCount
          country {
            label(lang: $lang)
            regionCount
            median
            min
            max
          }
          eu {
            label(lang: $lang)
            regionCount
            median
            min
            max
          }
        }
      }
      upcomingEvents: events(
        first: 5
        filter: { upcoming: true, statuses: [PUBLISHED, CANCELLED] }
        orderBy: STARTS_AT_ASC
      ) @include(if: $withEvents) {
        totalCount
        edges {
          node {
            ...ProfileEvent
          }
        }
      }
      recentEvents: events(
        first: 5
        filter: { upcoming: false, statuses: [PUBLISHED, CANCELLED] }
        orderBy: STARTS_AT_DESC
      ) @include(if: $withEvents) {
        totalCount
        edges {
          node {
            ...ProfileEvent
          }
        }
      }
      threads(first: 5, filter: { statuses: [OPEN] }) @include(if: $withForum) {
        totalCount
        edges {
          node {
            id
            title
            postCount
            lastActivityAt
          }
        }
      }
      consultations(first: 5) @include(if: $withDialogue) {
        totalCount
        edges {
          node {
            id
            title
            status
            closesAt
          }
        }
      }
      needs @include(if: $withDialogue) {
        policyArea
        suppressed
        severity
        responseCount
      }
      resources(first: 5, orderBy: PUBLISHED_ON_DESC) @include(if: $withLibrary) {
        totalCount
        edges {
          node {
            id
            title
            kind
            publishedOn
            link
          }
        }
      }
      pairings(first: 5) @include(if: $withExchanges) {
        totalCount
        edges {
          node {
            id
            status
            programme {
              title
            }
            mentor {
              territory {
                code
                name
              }
              organisation {
                name
              }
            }
            mentee {
              territory {
                code
                name
              }
              organisation {
                name
              }
            }
          }
        }
      }
    }
  }

  fragment ProfileEvent on Event {
    id
    title
    kind
    status
    startsAt
    endsAt
    timeZone
    allDay
    sourceUrl
    registrationUrl
  }
`;

export interface ProfileRegionRef {
  code: string;
  name: string;
  nationalName?: string;
  level?: number;
}

export interface ProfileContextScope {
  label?: string | null;
  regionCount: number;
  median?: number | null;
  min?: number | null;
  max?: number | null;
}

export interface ProfileObservation {
  period: number;
  breakdown: string;
  value: number | null;
  status: string;
  indicator: {
    code: string;
    name: string;
    description?: string | null;
    unitLabel?: string | null;
    breakdownLabels?: Array<{ breakdown: string; label: string }> | null;
    source: { publisher: string; datasetCode: string; datasetLabel: string; url: string; licence: string };
  };
  context?: {
    countryRank?: number | null;
    countryRegionCount?: number | null;
    country?: ProfileContextScope | null;
    eu?: ProfileContextScope | null;
  } | null;
}

export interface ProfileEvent {
  id: string;
  title: string;
  kind: string;
  status: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  allDay: boolean;
  sourceUrl?: string | null;
  registrationUrl?: string | null;
}

interface Connection<T> {
  totalCount: number;
  edges: Array<{ node: T }>;
}

export interface ProfileRegion {
  code: string;
  name: string;
  nationalName: string;
  level: number;
  isEu: boolean;
  isExtraRegio: boolean;
  geometry?: unknown;
  ancestors: ProfileRegionRef[];
  children: ProfileRegionRef[];
  /** Absent (like the other sections) when its subgraph did not answer. */
  indicatorValues?: ProfileObservation[];
  upcomingEvents?: Connection<ProfileEvent> | null;
  recentEvents?: Connection<ProfileEvent> | null;
  threads?: Connection<{ id: string; title: string; postCount: number; lastActivityAt: string }> | null;
  consultations?: Connection<{ id: string; title: string; status: string; closesAt: string }> | null;
  needs?: Array<{
    policyArea: string;
    suppressed: boolean;
    severity?: number | null;
    responseCount?: number | null;
  }> | null;
  resources?: Connection<{
    id: string;
    title: string;
    kind: string;
    publishedOn: string;
    link?: string | null;
  }> | null;
  pairings?: Connection<{
    id: string;
    status: string;
    programme: { title: string };
    mentor: { territory: { code: string; name: string }; organisation: { name: string } };
    mentee: { territory: { code: string; name: string }; organisation: { name: string } };
  }> | null;
}

export interface RegionProfileData {
  region?: ProfileRegion | null;
}
