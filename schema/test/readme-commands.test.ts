import { describe, expect, it } from 'vitest';
import { checkCommand, checkReadmes, extractCommands, repoFacts } from '../src/readme-commands';
import { REPO_ROOT } from '../src/subgraphs';

const facts = repoFacts(REPO_ROOT);

/** The problems of every command of a README fixture (as if it were `file`). */
function problemsOf(markdown: string, file = 'README.md'): string[] {
  return extractCommands(markdown, file).flatMap((command) =>
    checkCommand(command, facts).map((problem) => `${command.argv.slice(0, 3).join(' ')}: ${problem}`),
  );
}

const block = (lines: string) => `# Fixture\n\n\`\`\`sh\n${lines}\n\`\`\`\n`;

describe('README commands (npm run docs:check)', () => {
  it('follows cd, subshells, continuation lines and comments', () => {
    const commands = extractCommands(
      block(
        'npx turbo run build --filter=@hub/forum...   # a comment\n(cd services/forum && node --env-file=.env.example \\\n  ../kit/bin/hub-subgraph.js start)\nnpm test -w @hub/forum',
      ),
      'README.md',
    );
    expect(commands.map((c) => [c.cwd, c.argv.join(' ')])).toEqual([
      ['.', 'npx turbo run build --filter=@hub/forum...'],
      ['.', 'cd services/forum'],
      ['services/forum', 'node --env-file=.env.example ../kit/bin/hub-subgraph.js start'],
      ['.', 'npm test -w @hub/forum'],
    ]);
    expect(commands.map((c) => c.builtBefore)).toEqual([false, true, true, true]);
  });

  it('accepts the fresh-clone way to run a subgraph', () => {
    expect(
      problemsOf(
        block(
          'npx turbo run build --filter=@hub/forum...\n(cd services/forum && node --env-file=.env.example ../kit/bin/hub-subgraph.js start)',
        ),
      ),
    ).toEqual([]);
  });

  it('finds the issue-17 failures: a package built without the kit, unbuilt code, no secrets', () => {
    const problems = problemsOf(block('npm run build -w @hub/gateway && npm start -w @hub/gateway'));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^npm run build: builds @hub\/gateway alone, but on a fresh clone @hub\/kit.* are not built: npx turbo run build --filter=@hub\/gateway\.\.\.$/,
    );
    expect(problems.slice(1)).toEqual([
      'npm start -w: runs built code, but nothing in this block builds it first (npx turbo run build --filter=<pkg>...)',
      'npm start -w: starts the gateway without INTERNAL_SIGNING_KEY, JWT_SECRET (set them, or node --env-file=.env.example in its folder)',
    ]);
    expect(problemsOf(block('npx turbo run build --filter=@hub/regions\nnpm start -w @hub/regions'))).toEqual(
      [
        'npm start -w: starts the subgraph without DATABASE_URL, INTERNAL_VERIFY_KEYS (set them, or node --env-file=.env.example in its folder)',
      ],
    );
  });

  it('finds scripts, packages, tasks, files and folders that do not exist', () => {
    expect(
      problemsOf(
        block(
          'npm run no-such-script\nnpm test -w @hub/nothing\nnpx turbo run compile --filter=@hub/nope\nnode scripts/missing.js\ncd no/such/folder\nfrobnicate --now',
        ),
      ),
    ).toEqual([
      'npm run no-such-script: no script "no-such-script" in integration-partnership-hub',
      'npm test -w: no workspace package @hub/nothing',
      'npx turbo run: turbo has no task "compile" (turbo.json)',
      'npx turbo run: turbo filter @hub/nope: no such package',
      'node scripts/missing.js: scripts/missing.js does not exist (from .)',
      'cd no/such/folder: cd no/such/folder: no such folder',
      'frobnicate --now: frobnicate: not a command the checker knows (teach schema/src/readme-commands.ts)',
    ]);
  });

  it('knows packages a block creates with new:subgraph', () => {
    expect(
      problemsOf(block('npm run new:subgraph -- observatory\nnpm install\nnpm test -w @hub/observatory')),
    ).toEqual([]);
  });

  it('checks Dockerfile stages and that Kubernetes secrets carry the keys the deployments read', () => {
    expect(
      problemsOf(
        block(
          'docker build -f infra/docker/Dockerfile --target worker --build-arg SUBGRAPH=nowhere .\nkubectl -n hub create secret generic hub-tokens --from-literal=internal=x',
        ),
      ),
    ).toEqual([
      'docker build -f: infra/docker/Dockerfile has no stage worker',
      'docker build -f: no subgraph nowhere',
      'kubectl -n hub: secret hub-tokens lacks key jwt, which the deployments read (pods would not start)',
    ]);
  });

  it('checks inline commands against the README folder and the root', () => {
    expect(problemsOf('Run `npm run lint` and `npm run nope` here.', 'services/forum/README.md')).toEqual([
      'npm run nope: no script "nope" in @hub/forum or integration-partnership-hub',
    ]);
  });

  it('every README and CONTRIBUTING.md command passes', () => {
    const { count, problems } = checkReadmes(REPO_ROOT);
    expect(count).toBeGreaterThan(100);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.command} → ${p.problem}`)).toEqual([]);
  });
});
