import { Kind, parse } from 'graphql';

/** A query parameter the feeds refuse: answered 400 with `message` as plain text. */
export class FeedParameterError extends Error {}

/** How one query parameter of a feed is read. */
interface ParameterSpec {
  /** The filter field it fills. */
  field: string;
  /** `enum`: values of the named GraphQL enum (repeatable, or comma-separated), sent as a list. */
  enumType?: string;
  /** Enum values a feed never shows (e.g. DRAFT). */
  excluded?: string[];
  /** Otherwise values matching this pattern: one, sent as is, or with `list` several, sent as a list. */
  pattern?: RegExp;
  list?: boolean;
  /** What the value should look like, for the 400 message. */
  expected?: string;
}

/** NUTS codes: a country ("FR", "EL") and 1-3 more letters or digits ("FRH0", "FRH03"). */
const NUTS_CODE = /^[A-Z]{2}[A-Z0-9]{0,3}$/;
/** Organisation ids are short slugs, e.g. "cor", "cpmr-north-sea-commission". */
const ORGANISATION_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

const REGION: ParameterSpec = {
  field: 'region',
  pattern: NUTS_CODE,
  expected: 'a NUTS code such as "FR" or "FRH0"',
};
const ORGANISATION: ParameterSpec = {
  field: 'organisation',
  pattern: ORGANISATION_ID,
  expected: 'an organisation id such as "cor"',
};

/** The query parameters of each feed and the filter field each one fills. */
export const FEED_PARAMETERS = {
  events: {
    region: REGION,
    organisation: ORGANISATION,
    strand: { field: 'strands', enumType: 'Strand' },
    kind: { field: 'kinds', enumType: 'EventKind' },
  },
  library: {
    region: REGION,
    organisation: { ...ORGANISATION, field: 'publisher' },
    kind: { field: 'kinds', enumType: 'ResourceKind' },
    language: {
      field: 'languages',
      pattern: /^[a-z]{2}$/,
      list: true,
      expected: 'an ISO 639-1 code such as "fr"',
    },
  },
  consultations: {
    region: REGION,
    organisation: ORGANISATION,
    status: { field: 'statuses', enumType: 'ConsultationStatus', excluded: ['DRAFT'] },
  },
} satisfies Record<string, Record<string, ParameterSpec>>;

export type FeedName = keyof typeof FEED_PARAMETERS;

/** Every enum of the supergraph with its values, so that the feeds accept exactly what the graph does. */
export function enumValuesOf(supergraphSdl: string): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
    enums.set(
      definition.name.value,
      (definition.values ?? []).map((value) => value.name.value),
    );
  }
  return enums;
}

/**
 * The filter a feed's request asks for. Unknown parameters, repeated single values and values the graph would
 * not accept are refused with a `FeedParameterError`, so a typo (`?regoin=FR`) never quietly widens a feed.
 */
export function feedFilter(
  feed: FeedName,
  query: Record<string, unknown>,
  enums: Map<string, string[]>,
): Record<string, string | string[]> {
  const specs: Record<string, ParameterSpec> = FEED_PARAMETERS[feed];
  const filter: Record<string, string | string[]> = {};
  for (const [name, raw] of Object.entries(query)) {
    const spec = specs[name];
    if (!spec) {
      throw new FeedParameterError(
        `Unknown parameter "${name}": this feed takes ${Object.keys(specs).join(', ')}.`,
      );
    }
    const values = (Array.isArray(raw) ? raw : [raw]).flatMap((value) =>
      typeof value === 'string' ? value.split(',').map((part) => part.trim()) : [''],
    );
    if (spec.enumType) {
      const allowed = (enums.get(spec.enumType) ?? []).filter((value) => !spec.excluded?.includes(value));
      for (const value of values) {
        if (!allowed.includes(value)) {
          throw new FeedParameterError(
            `Unknown ${name} "${value.slice(0, 50)}": one of ${allowed.join(', ')}.`,
          );
        }
      }
      filter[spec.field] = [...new Set(values)];
      continue;
    }
    if (!spec.list && values.length > 1) throw new FeedParameterError(`Give "${name}" once.`);
    for (const value of values) {
      if (!spec.pattern?.test(value)) {
        throw new FeedParameterError(`Invalid ${name} "${value.slice(0, 50)}": ${spec.expected}.`);
      }
    }
    filter[spec.field] = spec.list ? [...new Set(values)] : values[0]!;
  }
  return filter;
}
