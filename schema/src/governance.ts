import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { SCHEMA_DIR } from './subgraphs';

// Schema governance (schema/CONVENTIONS.md, "Changing the schema"): the released API schema is kept in
// schema/released/; every change of schema/api.graphql is compared with it. Breaking changes fail the check
// unless schema/intended-changes.json lists them with a reason; the changelog's "Unreleased" section is written
// from the same comparison.

/** The API schema of the last release, kept in the repository. */
export const RELEASED_SCHEMA_FILE = path.join(SCHEMA_DIR, 'released', 'api.graphql');
/** Version and date of the last release. */
export const RELEASE_INFO_FILE = path.join(SCHEMA_DIR, 'released', 'release.json');
/** Breaking changes since the last release that are meant (each with the reason). */
export const INTENDED_CHANGES_FILE = path.join(SCHEMA_DIR, 'intended-changes.json');
/** The schema changelog: an "Unreleased" section generated from the diff, then one section per release. */
export const CHANGELOG_FILE = path.join(SCHEMA_DIR, 'CHANGELOG.md');

/** One difference between the released and the current schema. */
export interface SchemaChange {
  /** graphql-js's code (`FIELD_REMOVED`, `VALUE_ADDED_TO_ENUM` …) or `TYPE_ADDED`, `FIELD_ADDED`, `DEPRECATED`. */
  type: string;
  /** What changed, naming the type and field: `Region.name was removed.` (graphql-js's text for its codes). */
  description: string;
}

export interface SchemaDiff {
  /** Changes that break existing clients (graphql-js `findBreakingChanges`). */
  breaking: SchemaChange[];
  /** Changes that may change what existing clients see (graphql-js `findDangerousChanges`). */
  dangerous: SchemaChange[];
  /** New types, fields and directives (safe for existing clients). */
  added: SchemaChange[];
  /** Elements newly marked `@deprecated`, with their reason. */
  deprecated: SchemaChange[];
}

/** An entry of intended-changes.json. */
export interface IntendedChange {
  /** The change's description exactly as the check prints it, e.g. `Region.name was removed.` */
  change: string;
  /** Why, and what clients use instead; printed in the changelog. */
  reason: string;
}

export interface ReleaseInfo {
  version: string;
  /** YYYY-MM-DD */
  releasedOn: string;
}

const byDescription = (a: SchemaChange, b: SchemaChange) =>
  a.description.localeCompare(b.description) || a.type.localeCompare(b.type);

function userTypes(schema: GraphQLSchema): Map<string, GraphQLNamedType> {
  return new Map(
    Object.entries(schema.getTypeMap()).filter(
      ([name, type]) => !name.startsWith('__') && !isSpecifiedScalarType(type),
    ),
  );
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object type';
  if (isInterfaceType(type)) return 'interface';
  if (isInputObjectType(type)) return 'input type';
  if (isEnumType(type)) return 'enum';
  return isUnionType(type) ? 'union' : 'scalar';
}

/** Types, output fields and directives in `current` that `released` lacks. */
function additions(released: GraphQLSchema, current: GraphQLSchema): SchemaChange[] {
  const found: SchemaChange[] = [];
  const oldTypes = userTypes(released);
  for (const [name, type] of userTypes(current)) {
    const old = oldTypes.get(name);
    if (!old) {
      found.push({ type: 'TYPE_ADDED', description: `${name} (${kindOf(type)}) was added.` });
      continue;
    }
    // Fields of object types and interfaces (input fields and enum values are graphql-js's dangerous changes).
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(old) || isInterfaceType(old))) {
      const oldFields = old.getFields();
      for (const field of Object.values(type.getFields())) {
        if (!oldFields[field.name]) {
          found.push({
            type: 'FIELD_ADDED',
            description: `${name}.${field.name}: ${String(field.type)} was added.`,
          });
        }
      }
    }
  }
  const oldDirectives = new Set(released.getDirectives().map((directive) => directive.name));
  for (const directive of current.getDirectives()) {
    if (!isSpecifiedDirective(directive) && !oldDirectives.has(directive.name)) {
      found.push({ type: 'DIRECTIVE_ADDED', description: `@${directive.name} was added.` });
    }
  }
  return found;
}

interface Deprecatable {
  at: string;
  reason: string | null | undefined;
}

/** Every field, argument, input field and enum value of a schema with its deprecation reason (if any). */
function deprecatables(schema: GraphQLSchema): Map<string, Deprecatable> {
  const found = new Map<string, Deprecatable>();
  const add = (at: string, reason: string | null | undefined) => found.set(at, { at, reason });
  for (const [name, type] of userTypes(schema)) {
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(`${name}.${field.name}`, field.deprecationReason);
        for (const arg of field.args) add(`${name}.${field.name}(${arg.name})`, arg.deprecationReason);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        add(`${name}.${field.name}`, field.deprecationReason);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) add(`${name}.${value.name}`, value.deprecationReason);
    }
  }
  return found;
}

/** Elements deprecated in `current` that were not deprecated (or did not exist) in `released`. */
function newDeprecations(released: GraphQLSchema, current: GraphQLSchema): SchemaChange[] {
  const old = deprecatables(released);
  const found: SchemaChange[] = [];
  for (const { at, reason } of deprecatables(current).values()) {
    if (reason != null && old.get(at)?.reason == null) {
      found.push({ type: 'DEPRECATED', description: `${at} was deprecated: ${reason}` });
    }
  }
  return found;
}

/** Compares two API schemas (SDL text or built schemas). */
export function diffSchemas(released: string | GraphQLSchema, current: string | GraphQLSchema): SchemaDiff {
  const oldSchema = typeof released === 'string' ? buildSchema(released) : released;
  const newSchema = typeof current === 'string' ? buildSchema(current) : current;
  return {
    breaking: findBreakingChanges(oldSchema, newSchema)
      .map(({ type, description }) => ({ type, description }))
      .sort(byDescription),
    dangerous: findDangerousChanges(oldSchema, newSchema)
      .map(({ type, description }) => ({ type, description }))
      .sort(byDescription),
    added: additions(oldSchema, newSchema).sort(byDescription),
    deprecated: newDeprecations(oldSchema, newSchema).sort(byDescription),
  };
}

/** Reads and validates intended-changes.json (a missing file is an empty list). */
export function readIntendedChanges(file = INTENDED_CHANGES_FILE): IntendedChange[] {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  return validateIntendedChanges(content, file);
}

export function validateIntendedChanges(content: unknown, file = INTENDED_CHANGES_FILE): IntendedChange[] {
  const changes = (content as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(changes)) throw new Error(`${file}: expected { "changes": [ … ] }`);
  const problems: string[] = [];
  const result: IntendedChange[] = [];
  changes.forEach((entry: unknown, index) => {
    const { change, reason } = (entry ?? {}) as Record<string, unknown>;
    if (typeof change !== 'string' || change.trim() === '') {
      problems.push(`changes[${index}].change: the change as \`npm run schema:check\` prints it`);
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      problems.push(`changes[${index}].reason: why, and what clients use instead`);
    }
    if (typeof change === 'string' && typeof reason === 'string') result.push({ change, reason });
  });
  if (problems.length > 0) throw new Error(`${file}:\n  - ${problems.join('\n  - ')}`);
  return result;
}

export interface GovernanceReport {
  diff: SchemaDiff;
  /** Breaking changes intended-changes.json does not list: the check fails on them. */
  unintended: SchemaChange[];
  /** Breaking changes listed as intended, with the reason. */
  intended: Array<SchemaChange & { reason: string }>;
  /** Entries of intended-changes.json that match no change (stale or misspelt): the check fails on them. */
  unmatched: IntendedChange[];
}

export function governanceReport(diff: SchemaDiff, intendedChanges: IntendedChange[]): GovernanceReport {
  const reasons = new Map(intendedChanges.map((entry) => [entry.change.trim(), entry.reason]));
  const breaking = new Set(diff.breaking.map((change) => change.description));
  return {
    diff,
    unintended: diff.breaking.filter((change) => !reasons.has(change.description)),
    intended: diff.breaking
      .filter((change) => reasons.has(change.description))
      .map((change) => ({ ...change, reason: reasons.get(change.description)! })),
    unmatched: intendedChanges.filter((entry) => !breaking.has(entry.change.trim())),
  };
}

/** The check's verdict as text; `ok` is false when a breaking change is not intended or an entry is stale. */
export function describeReport(
  report: GovernanceReport,
  releasedLabel: string,
): { ok: boolean; text: string } {
  const lines: string[] = [];
  const ok = report.unintended.length === 0 && report.unmatched.length === 0;
  const { diff } = report;
  lines.push(
    `schema/api.graphql against the released schema (${releasedLabel}): ${diff.breaking.length} breaking ` +
      `(${report.intended.length} intended), ${diff.dangerous.length} dangerous, ${diff.added.length} added, ` +
      `${diff.deprecated.length} newly deprecated.`,
  );
  if (report.unintended.length > 0) {
    lines.push('', 'Breaking changes that are not marked as intended (clients that use these break):');
    for (const change of report.unintended) lines.push(`  - ${change.type}: ${change.description}`);
    lines.push(
      '',
      'Keep the old element and mark it @deprecated(reason: "Use … instead. Removal: YYYY-MM-DD.") instead',
      '(schema/CONVENTIONS.md, "Changing the schema"), or, if the break is meant, add it to',
      'schema/intended-changes.json and run `npm run generate` (it writes schema/CHANGELOG.md):',
      JSON.stringify(
        {
          changes: report.unintended.map((change) => ({
            change: change.description,
            reason: 'why, and what clients use instead',
          })),
        },
        null,
        2,
      ).replace(/^/gm, '  '),
    );
  }
  if (report.unmatched.length > 0) {
    lines.push(
      '',
      'Entries of schema/intended-changes.json that match no breaking change (remove or correct them):',
    );
    for (const entry of report.unmatched) lines.push(`  - ${entry.change}`);
  }
  if (report.intended.length > 0) {
    lines.push('', 'Intended breaking changes:');
    for (const change of report.intended) lines.push(`  - ${change.description} (${change.reason})`);
  }
  if (diff.dangerous.length > 0) {
    lines.push('', 'Dangerous changes (existing operations keep working but may see new values):');
    for (const change of diff.dangerous) lines.push(`  - ${change.type}: ${change.description}`);
  }
  return { ok, text: lines.join('\n') };
}

export const UNRELEASED_START =
  '<!-- unreleased: generated by npm run generate from the schema diff; do not edit -->';
export const UNRELEASED_END = '<!-- end of unreleased -->';

/** The changelog's entries for a diff (deterministic: sorted, no dates). */
export function changelogEntries(report: GovernanceReport): string {
  const sections: string[] = [];
  const section = (title: string, items: string[]) => {
    if (items.length > 0) sections.push(`### ${title}\n\n${items.map((item) => `- ${item}`).join('\n')}`);
  };
  // Schema coordinates (`Region.name`, `Query.regions(first)`) as code.
  const code = (text: string) => text.replace(/\b([A-Z]\w*(?:\.\w+)+(?:\(\w+\))?)/g, '`$1`');
  section(
    'Breaking (intended)',
    report.intended.map((change) => `${code(change.description)} ${change.reason}`),
  );
  section(
    'Breaking (not marked as intended: `npm run schema:check` fails)',
    report.unintended.map((change) => code(change.description)),
  );
  section(
    'Dangerous',
    report.diff.dangerous.map((change) => code(change.description)),
  );
  section(
    'Deprecated',
    report.diff.deprecated.map((change) => code(change.description)),
  );
  section(
    'Added',
    report.diff.added.map((change) => code(change.description)),
  );
  return sections.length > 0 ? sections.join('\n\n') : 'No changes to the API since the last release.';
}

/**
 * `changelog` with its "Unreleased" section (between the markers) replaced by `entries`. A changelog
 * without the markers gets the section after its first heading.
 */
export function withUnreleased(changelog: string, entries: string): string {
  const block = `${UNRELEASED_START}\n\n## Unreleased\n\n${entries}\n\n${UNRELEASED_END}`;
  const start = changelog.indexOf(UNRELEASED_START);
  const end = changelog.indexOf(UNRELEASED_END);
  if (start >= 0 && end > start) {
    return `${changelog.slice(0, start)}${block}${changelog.slice(end + UNRELEASED_END.length)}`;
  }
  const firstHeadingEnd = changelog.indexOf('\n', changelog.search(/^# /m));
  if (changelog.search(/^# /m) < 0 || firstHeadingEnd < 0) return `${block}\n\n${changelog}`;
  return `${changelog.slice(0, firstHeadingEnd + 1)}\n${block}\n${changelog.slice(firstHeadingEnd + 1)}`;
}

/** `changelog` with the "Unreleased" section turned into the section of `release` and a new empty one. */
export function withRelease(changelog: string, entries: string, release: ReleaseInfo): string {
  const released = `## ${release.version} (${release.releasedOn})\n\n${entries}`;
  const reset = withUnreleased(changelog, 'No changes to the API since the last release.');
  const end = reset.indexOf(UNRELEASED_END) + UNRELEASED_END.length;
  return `${reset.slice(0, end)}\n\n${released}\n${reset.slice(end)}`;
}

export function readReleaseInfo(file = RELEASE_INFO_FILE): ReleaseInfo {
  const info = JSON.parse(readFileSync(file, 'utf8')) as Partial<ReleaseInfo>;
  if (typeof info.version !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(info.releasedOn ?? '')) {
    throw new Error(`${file}: expected { "version": "x.y.z", "releasedOn": "YYYY-MM-DD" }`);
  }
  return { version: info.version, releasedOn: info.releasedOn! };
}
