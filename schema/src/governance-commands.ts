import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeGeneratedFiles } from './generate/write';
import {
  CHANGELOG_FILE,
  changelogEntries,
  describeReport,
  diffSchemas,
  governanceReport,
  INTENDED_CHANGES_FILE,
  readIntendedChanges,
  readReleaseInfo,
  RELEASE_INFO_FILE,
  RELEASED_SCHEMA_FILE,
  withRelease,
  withUnreleased,
  type GovernanceReport,
  type ReleaseInfo,
} from './governance';
import { API_SCHEMA_FILE } from './subgraphs';

/** The files governance reads and writes (tests point them at fixtures). */
export interface GovernanceFiles {
  current: string;
  released: string;
  releaseInfo: string;
  intended: string;
  changelog: string;
}

export const DEFAULT_GOVERNANCE_FILES: GovernanceFiles = {
  current: API_SCHEMA_FILE,
  released: RELEASED_SCHEMA_FILE,
  releaseInfo: RELEASE_INFO_FILE,
  intended: INTENDED_CHANGES_FILE,
  changelog: CHANGELOG_FILE,
};

export const EMPTY_INTENDED_CHANGES = `${JSON.stringify(
  {
    $comment:
      'Breaking changes of schema/api.graphql since the last release that are meant: { "change": "<as npm run schema:check prints it>", "reason": "<why, what clients use instead>" }. Emptied by npm run schema:release. See schema/CONVENTIONS.md.',
    changes: [],
  },
  null,
  2,
)}\n`;

function releasedLabel(files: GovernanceFiles): string {
  const info = existsSync(files.releaseInfo) ? readReleaseInfo(files.releaseInfo) : undefined;
  return info ? `${info.version} of ${info.releasedOn}` : files.released;
}

/** Compares the current API schema with the released one. */
export function governanceReportOf(files: GovernanceFiles): GovernanceReport {
  const diff = diffSchemas(readFileSync(files.released, 'utf8'), readFileSync(files.current, 'utf8'));
  return governanceReport(diff, readIntendedChanges(files.intended));
}

/** Writes the changelog's "Unreleased" section from the diff (prettier-formatted; only when it changed). */
export async function writeChangelog(files: GovernanceFiles = DEFAULT_GOVERNANCE_FILES): Promise<boolean> {
  const entries = changelogEntries(governanceReportOf(files));
  const existing = existsSync(files.changelog)
    ? readFileSync(files.changelog, 'utf8')
    : '# Schema changelog\n';
  const written = await writeGeneratedFiles(
    [{ file: path.basename(files.changelog), content: withUnreleased(existing, entries), format: true }],
    path.dirname(files.changelog),
  );
  return written.length > 0;
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

const USAGE = `Usage: hub-schema-governance <command>
  check                           compare schema/api.graphql with schema/released/api.graphql; exit 1 naming each
                                  breaking change that schema/intended-changes.json does not list
  changelog                       write the "Unreleased" section of schema/CHANGELOG.md from that comparison
  release --version <x.y.z> [--date YYYY-MM-DD]
                                  make the current schema the released one: changelog section, released copy,
                                  release.json, empty intended-changes.json (refused while check fails)`;

/** Runs one governance command; returns the exit code and what to print. */
export async function runGovernanceCommand(
  args: string[],
  files: GovernanceFiles = DEFAULT_GOVERNANCE_FILES,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): Promise<{ code: number; output: string }> {
  const [command] = args;
  if (command === 'check') {
    const { ok, text } = describeReport(governanceReportOf(files), releasedLabel(files));
    return {
      code: ok ? 0 : 1,
      output: ok ? `${text}\nSchema check passed.` : `${text}\n\nSchema check failed.`,
    };
  }
  if (command === 'changelog') {
    const changed = await writeChangelog(files);
    return { code: 0, output: changed ? `wrote ${files.changelog}` : `${files.changelog} is up to date` };
  }
  if (command === 'release') {
    const version = option(args, '--version');
    const releasedOn = option(args, '--date') ?? today();
    if (!version || !/^\d+\.\d+\.\d+/.test(version) || !/^\d{4}-\d{2}-\d{2}$/.test(releasedOn)) {
      return { code: 2, output: USAGE };
    }
    const report = governanceReportOf(files);
    const { ok, text } = describeReport(report, releasedLabel(files));
    if (!ok) return { code: 1, output: `${text}\n\nNot released: the schema check fails.` };
    const release: ReleaseInfo = { version, releasedOn };
    const existing = existsSync(files.changelog)
      ? readFileSync(files.changelog, 'utf8')
      : '# Schema changelog\n';
    await writeGeneratedFiles(
      [
        {
          file: path.basename(files.changelog),
          content: withRelease(existing, changelogEntries(report), release),
          format: true,
        },
      ],
      path.dirname(files.changelog),
    );
    copyFileSync(files.current, files.released);
    writeFileSync(files.releaseInfo, `${JSON.stringify(release, null, 2)}\n`, 'utf8');
    writeFileSync(files.intended, EMPTY_INTENDED_CHANGES, 'utf8');
    return {
      code: 0,
      output: `Released the API schema as ${version} (${releasedOn}): ${files.released}, ${files.changelog}`,
    };
  }
  return { code: command === '--help' || command === 'help' ? 0 : 2, output: USAGE };
}
