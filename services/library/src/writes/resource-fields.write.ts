import type { FieldError } from '@hub/kit';
import type { Resource } from '../entities/resource.entity';
import type { UpdateResourceInput } from '../inputs/resource.input';

/** Distinct trimmed values in their first order. */
export const unique = <T extends string>(values: readonly T[]): T[] => [
  ...new Set(values.map((value) => value.trim() as T)),
];

/** The content fields of a create or an update input. */
export type ResourceFields = Partial<Omit<UpdateResourceInput, 'id' | 'version'>>;

/** What the decorators cannot see: versions in another language than the main one, each language once. */
export function resourceFieldErrors(
  fields: ResourceFields,
  mainLanguage: string | null | undefined,
): FieldError[] {
  const seen = new Set<string>(mainLanguage ? [mainLanguage] : []);
  const errors: FieldError[] = [];
  (fields.versions ?? []).forEach((version, index) => {
    if (seen.has(version.language)) {
      errors.push({
        path: `input.versions[${index}].language`,
        messages: [`"${version.language}" is already the main language or another version's`],
      });
    }
    seen.add(version.language);
  });
  return errors;
}

/** The columns of the given input fields (left-out fields absent; null clears where that is allowed). */
export function resourceColumns(fields: ResourceFields): Partial<Resource> {
  const columns: Partial<Resource> = {};
  const set = <K extends keyof Resource>(key: K, value: Resource[K] | undefined) => {
    if (value !== undefined) columns[key] = value;
  };
  set('kind', fields.kind ?? undefined);
  set('language', fields.language ?? undefined);
  set('title', fields.title?.trim());
  set('summary', fields.summary?.trim());
  set('publishedOn', fields.publishedOn ?? undefined);
  if (fields.territories) columns.territoryCodes = unique(fields.territories);
  if (fields.body !== undefined) columns.body = fields.body ?? '';
  if (fields.versions !== undefined) {
    columns.versions = (fields.versions ?? []).map((version) => ({
      language: version.language,
      title: version.title.trim(),
      summary: version.summary.trim(),
      body: version.body ?? '',
      link: version.link?.trim() ?? null,
    }));
  }
  if (fields.authors !== undefined) columns.authors = unique(fields.authors ?? []);
  if (fields.link !== undefined) columns.link = fields.link?.trim() ?? null;
  if (fields.licence !== undefined) columns.licence = fields.licence?.trim() ?? null;
  if (fields.strand !== undefined) columns.strand = fields.strand ?? null;
  if (fields.policyAreas !== undefined) columns.policyAreas = unique(fields.policyAreas ?? []);
  if (fields.targetGroups !== undefined) columns.targetGroups = unique(fields.targetGroups ?? []);
  if (fields.location !== undefined) {
    columns.longitude = fields.location?.longitude ?? null;
    columns.latitude = fields.location?.latitude ?? null;
  }
  if (fields.event !== undefined) columns.eventId = fields.event?.toLowerCase() ?? null;
  if (fields.discussions !== undefined) {
    columns.threadIds = unique((fields.discussions ?? []).map((id) => id.toLowerCase()));
  }
  return columns;
}
