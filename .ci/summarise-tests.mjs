// Sums the vitest JSON reports of this CI run (test-results/vitest-<run>.json in each workspace) and prints the
// closing line CI reads: "N passed, N failed". Exits non-zero when no test ran or a suite failed to load.
//
//   node .ci/summarise-tests.mjs                         every report
//   node .ci/summarise-tests.mjs "Node 24" node24        only the runs named (HUB_TEST_RUN), under a label
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// Workspace entries may be globs of one level (`services/*`).
const workspaces = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces.flatMap(
  (entry) =>
    entry.endsWith('/*')
      ? readdirSync(path.join(root, entry.slice(0, -2)), { withFileTypes: true })
          .filter(
            (dirent) =>
              dirent.isDirectory() &&
              existsSync(path.join(root, entry.slice(0, -2), dirent.name, 'package.json')),
          )
          .map((dirent) => `${entry.slice(0, -2)}/${dirent.name}`)
      : [entry],
);
const [label, ...runs] = process.argv.slice(2);
const reportName = runs.length
  ? (name) => runs.some((run) => name === `vitest-${run}.json`)
  : (name) => /^vitest-.*\.json$/.test(name);
let passed = 0;
let failed = 0;
let skipped = 0;
let brokenSuites = 0;
for (const workspace of workspaces) {
  const dir = path.join(root, workspace, 'test-results');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter(reportName)) {
    const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    // A test file that fails to load counts no failed test, but fails its suite.
    brokenSuites += report.testResults.filter(
      (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
    ).length;
    console.log(`${workspace}/${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  }
}
if (brokenSuites) console.log(`${brokenSuites} test file(s) failed to load`);
const line = `${passed} passed, ${failed + brokenSuites} failed${skipped ? `, ${skipped} skipped` : ''}`;
console.log(label ? `${label}: ${line}` : line);
process.exit(passed > 0 && failed + brokenSuites === 0 ? 0 : 1);
