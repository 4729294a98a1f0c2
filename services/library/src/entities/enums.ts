import { registerEnumType } from 'type-graphql';

// `Strand`, `PolicyArea` and `TargetGroup` come from the kit (shared with other subgraphs); the rest is the
// library's.

export enum ResourceKind {
  GOOD_PRACTICE = 'GOOD_PRACTICE',
  TRAINING_MATERIAL = 'TRAINING_MATERIAL',
  STUDY = 'STUDY',
  TOOLKIT = 'TOOLKIT',
  REPORT = 'REPORT',
  DATASET = 'DATASET',
}

registerEnumType(ResourceKind, {
  name: 'ResourceKind',
  description: 'What a library resource is.',
  valuesConfig: {
    GOOD_PRACTICE: {
      description:
        'A good practice of a city or region (as the Cities and Regions for Integration initiative collects them).',
    },
    TRAINING_MATERIAL: { description: 'Online or printed training material (capacity building).' },
    STUDY: { description: 'A study, e.g. one the CoR commissioned.' },
    TOOLKIT: { description: 'A toolkit or guide for practitioners.' },
    REPORT: { description: 'A report, e.g. of a workshop, study visit or roundtable.' },
    DATASET: { description: 'A dataset, with its own licence.' },
  },
});

export enum ResourceStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(ResourceStatus, {
  name: 'ResourceStatus',
  description:
    'Where a resource is in its life: DRAFT → PUBLISHED (by an editor of the publisher) → ARCHIVED (by a moderator or admin of the publisher). Any other move is a CONFLICT carrying `extensions.currentStatus`.',
  valuesConfig: {
    DRAFT: {
      description:
        'Being prepared: visible only to members of the publisher and hub admins (lists, counts, `_entities` and subscriptions alike).',
    },
    PUBLISHED: { description: 'Public: listed, searchable and on the map.' },
    ARCHIVED: {
      description: 'Withdrawn from lists and the map by default, still readable by id and when asked for.',
    },
  },
});

export enum ResourceOrder {
  RELEVANCE = 'RELEVANCE',
  PUBLISHED_ON_DESC = 'PUBLISHED_ON_DESC',
  PUBLISHED_ON_ASC = 'PUBLISHED_ON_ASC',
}

registerEnumType(ResourceOrder, {
  name: 'ResourceOrder',
  description: 'Order of a resource list; ties are broken by id, so cursors stay stable.',
  valuesConfig: {
    RELEVANCE: {
      description:
        'Best match of `filter.query` first (text rank plus name similarity); without a query the same as PUBLISHED_ON_DESC. The default.',
    },
    PUBLISHED_ON_DESC: { description: 'Latest publication date first.' },
    PUBLISHED_ON_ASC: { description: 'Earliest publication date first.' },
  },
});

export enum MapLevel {
  COUNTRY = 'COUNTRY',
  NUTS1 = 'NUTS1',
  NUTS2 = 'NUTS2',
}

registerEnumType(MapLevel, {
  name: 'MapLevel',
  description:
    'A NUTS level of a resource map. A resource counts in every region at that level that is one of its territories or contains one; a resource about a whole country counts in no region below it.',
  valuesConfig: {
    COUNTRY: { description: 'NUTS level 0: countries (code of 2 letters, e.g. "EL").' },
    NUTS1: { description: 'NUTS level 1 (code of 3 characters, e.g. "EL4").' },
    NUTS2: { description: 'NUTS level 2 (code of 4 characters, e.g. "EL43").' },
  },
});

/** Length of a NUTS code at each map level. */
export const MAP_CODE_LENGTH: Record<MapLevel, number> = {
  [MapLevel.COUNTRY]: 2,
  [MapLevel.NUTS1]: 3,
  [MapLevel.NUTS2]: 4,
};
