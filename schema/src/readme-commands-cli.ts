import { checkReadmes } from './readme-commands';
import { REPO_ROOT } from './subgraphs';

/**
 * `npm run docs:check`: checks every command the READMEs show (see readme-commands.ts); `--no-run` skips the
 * ones it would execute (they need the build). Exits 1 naming each README, line, command and problem.
 */
const { count, problems } = checkReadmes(REPO_ROOT, { run: !process.argv.includes('--no-run') });
for (const { file, line, command, problem } of problems)
  console.error(`${file}:${line}: ${command}\n  → ${problem}`);
console.log(`${count} README commands checked, ${problems.length} problem(s).`);
process.exitCode = problems.length > 0 ? 1 : 0;
