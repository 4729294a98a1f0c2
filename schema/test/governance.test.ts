import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  changelogEntries,
  diffSchemas,
  governanceReport,
  readIntendedChanges,
  UNRELEASED_END,
  UNRELEASED_START,
} from '../src/governance';
import {
  DEFAULT_GOVERNANCE_FILES,
  EMPTY_INTENDED_CHANGES,
  governanceReportOf,
  runGovernanceCommand,
  type GovernanceFiles,
} from '../src/governance-commands';

const RELEASED = /* GraphQL */ `
  type Region {
    code: ID!
    name: String!
    nationalName: String
  }
  enum EventKind {
    WORKSHOP
    CONFERENCE
  }
  type Query {
    region(code: ID!): Region
    events(kind: EventKind): [String!]!
  }
`;

/** `nationalName` removed from Region. */
const FIELD_REMOVED = RELEASED.replace('    nationalName: String\n', '');
/** `population` added to Region, a new type and an enum value. */
const ADDITIONS = RELEASED.replace(
  '    nationalName: String\n',
  '    nationalName: String\n    population: Int\n',
)
  .replace('CONFERENCE\n', 'CONFERENCE\n    STUDY_VISIT\n')
  .concat('\n  type Organisation {\n    id: ID!\n  }\n');
const DEPRECATION = RELEASED.replace(
  'nationalName: String',
  'nationalName: String @deprecated(reason: "Use Region.names instead. Removal: 2027-06-30.")',
);

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A schema folder in a temp directory: released and current schema, intended changes, changelog. */
function fixture(current: string, intended: Array<{ change: string; reason: string }> = []): GovernanceFiles {
  dir = mkdtempSync(path.join(tmpdir(), 'hub-governance-'));
  const files: GovernanceFiles = {
    current: path.join(dir, 'api.graphql'),
    released: path.join(dir, 'released.graphql'),
    releaseInfo: path.join(dir, 'release.json'),
    intended: path.join(dir, 'intended-changes.json'),
    changelog: path.join(dir, 'CHANGELOG.md'),
  };
  writeFileSync(files.released, RELEASED);
  writeFileSync(files.current, current);
  writeFileSync(files.releaseInfo, JSON.stringify({ version: '1.0.0', releasedOn: '2026-12-01' }));
  writeFileSync(files.intended, JSON.stringify({ changes: intended }));
  writeFileSync(files.changelog, '# Schema changelog\n\n## 1.0.0 (2026-12-01)\n\nFirst release.\n');
  return files;
}

describe('schema governance: the API against the released schema', () => {
  it('fails on a removed field, naming the type and field', async () => {
    const files = fixture(FIELD_REMOVED);
    const { code, output } = await runGovernanceCommand(['check'], files);
    expect(code).toBe(1);
    expect(output).toContain('FIELD_REMOVED: Region.nationalName was removed.');
    expect(output).toContain('"change": "Region.nationalName was removed."');
    expect(output).toContain('Schema check failed.');
  });

  it('passes when the removal is marked as intended, and the changelog lists it with the reason', async () => {
    const reason = 'National names moved to Region.names (one per language).';
    const files = fixture(FIELD_REMOVED, [{ change: 'Region.nationalName was removed.', reason }]);
    const { code, output } = await runGovernanceCommand(['check'], files);
    expect(code).toBe(0);
    expect(output).toContain('Schema check passed.');

    expect((await runGovernanceCommand(['changelog'], files)).code).toBe(0);
    const changelog = readFileSync(files.changelog, 'utf8');
    expect(changelog).toContain('### Breaking (intended)');
    expect(changelog).toContain(`- \`Region.nationalName\` was removed. ${reason}`);
    // The release sections below the generated one are kept.
    expect(changelog).toMatch(new RegExp(`${UNRELEASED_END}[\\s\\S]*## 1\\.0\\.0 \\(2026-12-01\\)`));
    // Writing it again changes nothing (npm run generate must be deterministic).
    expect((await runGovernanceCommand(['changelog'], files)).output).toContain('is up to date');
  });

  it('fails on an intended-changes entry that matches no change', async () => {
    const files = fixture(RELEASED, [{ change: 'Region.name was removed.', reason: 'stale' }]);
    const { code, output } = await runGovernanceCommand(['check'], files);
    expect(code).toBe(1);
    expect(output).toContain('match no breaking change');
    expect(output).toContain('  - Region.name was removed.');
  });

  it('treats an added field and type as safe and lists them as Added; an enum value as dangerous', async () => {
    const files = fixture(ADDITIONS);
    expect((await runGovernanceCommand(['check'], files)).code).toBe(0);
    const report = governanceReportOf(files);
    expect(report.diff.breaking).toEqual([]);
    expect(report.diff.added.map((change) => change.description)).toEqual([
      'Organisation (object type) was added.',
      'Region.population: Int was added.',
    ]);
    expect(report.diff.dangerous).toEqual([
      { type: 'VALUE_ADDED_TO_ENUM', description: 'STUDY_VISIT was added to enum type EventKind.' },
    ]);
    const entries = changelogEntries(report);
    expect(entries).toContain(
      '### Added\n\n- Organisation (object type) was added.\n- `Region.population`: Int was added.',
    );
    expect(entries).toContain('### Dangerous');
  });

  it('lists a new deprecation with its reason', () => {
    const diff = diffSchemas(RELEASED, DEPRECATION);
    expect(diff.breaking).toEqual([]);
    expect(diff.deprecated).toEqual([
      {
        type: 'DEPRECATED',
        description: 'Region.nationalName was deprecated: Use Region.names instead. Removal: 2027-06-30.',
      },
    ]);
  });

  it('names argument, enum value and type changes as graphql-js describes them', () => {
    const changed = RELEASED.replace('region(code: ID!)', 'region(code: ID!, level: Int!)')
      .replace('    WORKSHOP\n', '')
      .replace('name: String!', 'name: Int!');
    const report = governanceReport(diffSchemas(RELEASED, changed), []);
    expect(report.unintended.map((change) => `${change.type}: ${change.description}`)).toEqual([
      'REQUIRED_ARG_ADDED: A required arg level on Query.region was added.',
      'FIELD_CHANGED_KIND: Region.name changed type from String! to Int!.',
      'VALUE_REMOVED_FROM_ENUM: WORKSHOP was removed from enum type EventKind.',
    ]);
  });

  it('release makes the current schema the released one and empties the intended changes', async () => {
    const files = fixture(FIELD_REMOVED, [{ change: 'Region.nationalName was removed.', reason: 'Gone.' }]);
    const { code } = await runGovernanceCommand(
      ['release', '--version', '1.1.0', '--date', '2027-01-15'],
      files,
    );
    expect(code).toBe(0);
    expect(readFileSync(files.released, 'utf8')).toBe(FIELD_REMOVED);
    expect(JSON.parse(readFileSync(files.releaseInfo, 'utf8'))).toEqual({
      version: '1.1.0',
      releasedOn: '2027-01-15',
    });
    expect(readIntendedChanges(files.intended)).toEqual([]);
    expect(readFileSync(files.intended, 'utf8')).toBe(EMPTY_INTENDED_CHANGES);
    const changelog = readFileSync(files.changelog, 'utf8');
    expect(changelog).toMatch(
      /## Unreleased\n\nNo changes to the API since the last release\.\n\n<!-- end of unreleased -->\n\n## 1\.1\.0 \(2027-01-15\)\n\n### Breaking \(intended\)\n\n- `Region.nationalName` was removed\. Gone\./,
    );
    expect(changelog).toContain('## 1.0.0 (2026-12-01)');
    expect((await runGovernanceCommand(['check'], files)).code).toBe(0);
  });

  it('refuses to release while the check fails', async () => {
    const files = fixture(FIELD_REMOVED);
    const { code, output } = await runGovernanceCommand(['release', '--version', '1.1.0'], files);
    expect(code).toBe(1);
    expect(output).toContain('Not released');
    expect(readFileSync(files.released, 'utf8')).toBe(RELEASED);
  });

  it('refuses an intended change without a reason', () => {
    const files = fixture(FIELD_REMOVED);
    writeFileSync(
      files.intended,
      JSON.stringify({ changes: [{ change: 'Region.nationalName was removed.' }] }),
    );
    expect(() => readIntendedChanges(files.intended)).toThrow(/changes\[0\]\.reason/);
  });

  it('the committed API passes the check and CHANGELOG.md holds its generated section', () => {
    const report = governanceReportOf(DEFAULT_GOVERNANCE_FILES);
    expect(report.unintended.map((change) => change.description)).toEqual([]);
    expect(report.unmatched).toEqual([]);
    const changelog = readFileSync(DEFAULT_GOVERNANCE_FILES.changelog, 'utf8');
    expect(changelog).toContain(UNRELEASED_START);
    expect(changelog).toContain(UNRELEASED_END);
  });
});
