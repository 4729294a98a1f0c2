import {
  fieldErrorsOf,
  ORGANISATION_ID_PATTERN,
  parseCalendarDate,
  PolicyArea,
  Strand,
  TargetGroup,
  type FieldError,
} from '@hub/kit';
import { validate } from 'class-validator';
import { ResourceKind, ResourceStatus } from '../entities/enums';
import { CreateResourceInput, GeoPointInput, ResourceLanguageVersionInput } from '../inputs/resource.input';
import { resourceColumns, resourceFieldErrors, unique } from './resource-fields.write';

/**
 * One row of an import file, as read: JSON objects as they are; CSV cells as text, lists separated by `;`,
 * `versions` a JSON array, `longitude`/`latitude` numbers.
 */
export type ImportRow = Record<string, unknown>;

/** A valid row, ready to merge: its columns in the database's names. */
export interface ImportRecord {
  import_key: string;
  organisation_id: string;
  status: ResourceStatus;
  kind: string;
  language: string;
  title: string;
  summary: string;
  body: string;
  versions: unknown[];
  authors: string[];
  published_on: string;
  link: string | null;
  licence: string | null;
  strand: string | null;
  policy_areas: string[];
  target_groups: string[];
  territory_codes: string[];
  longitude: number | null;
  latitude: number | null;
}

export interface RowProblem {
  /** 1-based row number of the data (the header of a CSV file not counted). */
  row: number;
  key: string | null;
  errors: FieldError[];
}

const list = (value: unknown): string[] | null => {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);
};
const text = (value: unknown): string | null =>
  value === undefined || value === null || value === '' ? null : String(value);
const number = (value: unknown): number | null => (text(value) === null ? null : Number(value));

function enumErrors(path: string, values: readonly unknown[], allowed: object): FieldError[] {
  const known = new Set(Object.values(allowed));
  const unknown = values.filter((value) => !known.has(value));
  return unknown.length ? [{ path, messages: [`unknown value(s): ${unknown.join(', ')}`] }] : [];
}

/**
 * Checks one row with the same rules as `createResource` (the input class's decorators, enums, dates, versions)
 * plus what an import needs (`key`, `publisher`, `status`); returns its record or its problems.
 */
export async function checkImportRow(
  raw: ImportRow,
): Promise<{ record?: ImportRecord; errors: FieldError[] }> {
  let versions: unknown = raw.versions;
  const errors: FieldError[] = [];
  if (typeof versions === 'string' && versions.trim()) {
    try {
      versions = JSON.parse(versions);
    } catch {
      errors.push({ path: 'versions', messages: ['must be a JSON array of language versions'] });
      versions = [];
    }
  }
  const longitude = number(raw.longitude);
  const latitude = number(raw.latitude);
  const input = Object.assign(new CreateResourceInput(), {
    idempotencyKey: 'import',
    kind: text(raw.kind),
    language: text(raw.language),
    title: text(raw.title),
    summary: text(raw.summary),
    body: text(raw.body),
    publishedOn: text(raw.publishedOn),
    territories: list(raw.territories) ?? [],
    authors: list(raw.authors),
    link: text(raw.link),
    licence: text(raw.licence),
    strand: text(raw.strand),
    policyAreas: list(raw.policyAreas),
    targetGroups: list(raw.targetGroups),
    location:
      longitude === null && latitude === null
        ? null
        : Object.assign(new GeoPointInput(), { longitude, latitude }),
    versions: Array.isArray(versions)
      ? versions.map((version) => Object.assign(new ResourceLanguageVersionInput(), version))
      : null,
  }) as CreateResourceInput;
  const key = text(raw.key);
  const publisher = text(raw.publisher);
  const status = text(raw.status) ?? ResourceStatus.PUBLISHED;
  if (!key || key.length > 200)
    errors.push({ path: 'key', messages: ['must be 1-200 characters, unique per publisher'] });
  if (!publisher || !ORGANISATION_ID_PATTERN.test(publisher)) {
    errors.push({ path: 'publisher', messages: ['must be an organisation id such as "cpmr"'] });
  }
  if (status !== ResourceStatus.PUBLISHED && status !== ResourceStatus.DRAFT) {
    errors.push({ path: 'status', messages: ['must be PUBLISHED (the default) or DRAFT'] });
  }
  for (const required of ['kind', 'language', 'title', 'summary', 'publishedOn'] as const) {
    if (input[required] === null) errors.push({ path: required, messages: ['is required'] });
  }
  if (input.location && (!Number.isFinite(longitude) || !Number.isFinite(latitude))) {
    errors.push({ path: 'location', messages: ['give both longitude and latitude, as numbers'] });
  }
  if (input.publishedOn && !parseCalendarDate(input.publishedOn)) {
    errors.push({ path: 'publishedOn', messages: ['must be a real date as YYYY-MM-DD'] });
  }
  errors.push(
    ...enumErrors('kind', input.kind ? [input.kind] : [], ResourceKind),
    ...enumErrors('strand', input.strand ? [input.strand] : [], Strand),
    ...enumErrors('policyAreas', input.policyAreas ?? [], PolicyArea),
    ...enumErrors('targetGroups', input.targetGroups ?? [], TargetGroup),
    ...fieldErrorsOf(
      await validate(input, { skipMissingProperties: true, forbidUnknownValues: false }),
      '',
    ).filter((error) => !errors.some((known) => known.path === error.path)),
    ...resourceFieldErrors(input, input.language).map((error) => ({
      ...error,
      path: error.path.replace(/^input\./, ''),
    })),
  );
  if (errors.length) return { errors };
  const columns = resourceColumns({ ...input, territories: unique(input.territories) });
  return {
    errors,
    record: {
      import_key: key!,
      organisation_id: publisher!,
      status: status as ResourceStatus,
      kind: columns.kind!,
      language: columns.language!,
      title: columns.title!,
      summary: columns.summary!,
      body: columns.body ?? '',
      versions: columns.versions ?? [],
      authors: columns.authors ?? [],
      published_on: columns.publishedOn!,
      link: columns.link ?? null,
      licence: columns.licence ?? null,
      strand: columns.strand ?? null,
      policy_areas: columns.policyAreas ?? [],
      target_groups: columns.targetGroups ?? [],
      territory_codes: columns.territoryCodes ?? [],
      longitude: columns.longitude ?? null,
      latitude: columns.latitude ?? null,
    },
  };
}
