import { runGovernanceCommand } from './governance-commands';

/** `npm run schema:check` / `schema:changelog` / `schema:release` (see governance-commands.ts). */
runGovernanceCommand(process.argv.slice(2)).then(
  ({ code, output }) => {
    (code === 0 ? console.log : console.error)(output);
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
