import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readSubgraphList } from './subgraphs';

// `npm run docs:check`: every command a README shows must work on a fresh clone. Commands are the lines of
// fenced ```sh / ```bash / ```shell blocks (run from the repository root, `cd` included) and the inline code
// spans `npm run …`, `npm test`, `npm start`, `npx turbo …`, `node …` (run from the README's folder or the
// root). Each is checked against the repository: scripts, packages, turbo tasks and filters, files and folders,
// Dockerfile stages, Kubernetes secrets and their keys; with `run`, the cheap ones are executed too.

export interface ReadmeCommand {
  /** README path relative to the repository root. */
  file: string;
  line: number;
  /** The simple command (assignments removed), as tokens. */
  argv: string[];
  /** Environment assignments in front of it. */
  assignments: string[];
  /** Working folder relative to the repository root. */
  cwd: string;
  /** From an inline code span (context: the README's folder or the root) rather than a fenced block. */
  inline: boolean;
  /** Packages created by an earlier command of the same block (`npm run new:subgraph -- <name>`). */
  created: string[];
  /** An earlier command of the same block builds (turbo build, or a root script that builds first). */
  builtBefore: boolean;
  /** Variables exported by earlier commands of the same block. */
  exported: string[];
}

export interface CommandProblem {
  file: string;
  line: number;
  command: string;
  problem: string;
}

interface PackageInfo {
  name: string;
  dir: string;
  scripts: Record<string, string>;
  /** Names of all its dependencies (dev included). */
  dependencies: string[];
}

/** What the checks need to know about the repository. */
export interface RepoFacts {
  root: string;
  packages: PackageInfo[];
  turboTasks: string[];
  subgraphs: string[];
}

const SHELL_BLOCK = /^\s*```(sh|bash|shell)\s*$/;
const FENCE_END = /^\s*```\s*$/;
const INLINE_COMMAND = /`((?:npm (?:run|test|start)|npx turbo|node) [^`]*|npm (?:test|start))`/g;
const PLACEHOLDER = /[<>…]|\$\{?[A-Za-z_]/;

/** Splits a shell line into words and operators (quotes and `$(…)` kept as one word). */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let has = false;
  const push = () => {
    if (has) tokens.push(current);
    current = '';
    has = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      const stop = end < 0 ? line.length : end;
      current += line.slice(i + 1, stop);
      has = true;
      i = stop;
    } else if (c === '$' && line[i + 1] === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '(') depth++;
        if (line[j] === ')' && --depth === 0) break;
      }
      current += line.slice(i, j + 1);
      has = true;
      i = j;
    } else if (c === '#' && !has) {
      break; // a comment
    } else if (/\s/.test(c)) {
      push();
    } else if ('&|;()'.includes(c)) {
      push();
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        tokens.push(two);
        i++;
      } else tokens.push(c);
    } else {
      current += c;
      has = true;
    }
  }
  push();
  return tokens;
}

/** Root scripts that run `turbo run build` before anything else. */
const ROOT_SCRIPTS_THAT_BUILD =
  /^(start|test|test:e2e|token|bench.*|schema:.*|docs:check|new:subgraph|build)$/;

/** Whether a command builds the workspace (so later commands may run built code). */
function buildsFirst(argv: string[]): boolean {
  if (argv[0] === 'npx' && argv[1] === 'turbo' && argv.includes('build')) return true;
  if (argv[0] !== 'npm' || argv.some((arg) => arg === '-w' || arg.startsWith('--workspace'))) return false;
  const sub = argv.find((arg, i) => i > 0 && !arg.startsWith('-'));
  const script = sub === 'run' ? argv[argv.indexOf('run') + 1] : sub;
  return script !== undefined && ROOT_SCRIPTS_THAT_BUILD.test(script);
}

/** The commands a README shows, with the folder each runs in. */
export function extractCommands(markdown: string, file: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  const lines = markdown.split('\n');
  const readmeDir = path.posix.dirname(file);
  for (let i = 0; i < lines.length; i++) {
    if (SHELL_BLOCK.test(lines[i]!)) {
      let cwd = '.';
      const created: string[] = [];
      const exported: string[] = [];
      let built = false;
      for (i++; i < lines.length && !FENCE_END.test(lines[i]!); i++) {
        const start = i;
        let text = lines[i]!;
        while (text.trimEnd().endsWith('\\') && i + 1 < lines.length) {
          text = `${text.trimEnd().slice(0, -1)} ${lines[++i]!.trim()}`;
        }
        const stack: string[] = [];
        let words: string[] = [];
        const flush = () => {
          if (words.length === 0) return;
          const assignments: string[] = [];
          while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!))
            assignments.push(words.shift()!);
          if (words.length > 0) {
            commands.push({
              file,
              line: start + 1,
              argv: words,
              assignments,
              cwd,
              inline: false,
              created: [...created],
              builtBefore: built,
              exported: [...exported],
            });
            if (buildsFirst(words)) built = true;
            if (words[0] === 'export') exported.push(...words.slice(1));
            if (words[0] === 'cd' && words[1]) cwd = path.posix.normalize(path.posix.join(cwd, words[1]));
            const scaffold = words.indexOf('new:subgraph');
            if (scaffold >= 0 && words[scaffold + 1] === '--' && words[scaffold + 2]) {
              created.push(words[scaffold + 2]!);
            }
          }
          words = [];
        };
        for (const token of tokenize(text)) {
          if (token === '(') {
            stack.push(cwd);
          } else if (token === ')') {
            flush();
            cwd = stack.pop() ?? cwd;
          } else if (['&&', '||', ';', '|'].includes(token)) {
            flush();
          } else {
            words.push(token);
          }
        }
        flush();
      }
      continue;
    }
    for (const match of lines[i]!.matchAll(INLINE_COMMAND)) {
      const argv = tokenize(match[1]!).filter((token) => !['&&', '||', ';', '|', '(', ')'].includes(token));
      commands.push({
        file,
        line: i + 1,
        argv,
        assignments: [],
        cwd: readmeDir,
        inline: true,
        created: [],
        builtBefore: true,
        exported: [],
      });
    }
  }
  return commands;
}

/** Reads the workspace packages, turbo tasks and subgraph names. */
export function repoFacts(root: string): RepoFacts {
  const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    name: string;
    scripts?: Record<string, string>;
    workspaces?: string[];
  };
  const packages: PackageInfo[] = [
    { name: rootPackage.name, dir: '.', scripts: rootPackage.scripts ?? {}, dependencies: [] },
  ];
  for (const pattern of rootPackage.workspaces ?? []) {
    const dirs = pattern.endsWith('/*')
      ? readdirSync(path.join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.posix.join(pattern.slice(0, -2), entry.name))
      : [pattern];
    for (const dir of dirs) {
      const file = path.join(root, dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
        name: string;
        scripts?: Record<string, string>;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
      packages.push({ name: pkg.name, dir, scripts: pkg.scripts ?? {}, dependencies });
    }
  }
  const turbo = JSON.parse(readFileSync(path.join(root, 'turbo.json'), 'utf8')) as { tasks: object };
  const subgraphs = readSubgraphList(path.join(root, 'schema', 'subgraphs.json'));
  return { root, packages, turboTasks: Object.keys(turbo.tasks), subgraphs: subgraphs.map((s) => s.name) };
}

function packageOfDir(facts: RepoFacts, cwd: string): PackageInfo | undefined {
  return facts.packages.find((pkg) => path.posix.normalize(pkg.dir) === path.posix.normalize(cwd));
}

/** Problems with one command (empty: it can run on a fresh clone). */
export function checkCommand(command: ReadmeCommand, facts: RepoFacts): string[] {
  const problems: string[] = [];
  const [program, ...args] = command.argv;
  const exists = (relative: string, base = command.cwd) => existsSync(path.join(facts.root, base, relative));
  const placeholder = (word: string) => PLACEHOLDER.test(word);
  const isCreated = (name: string) => command.created.some((created) => `@hub/${created}` === name);
  const findPackage = (name: string) =>
    facts.packages.find(
      (pkg) => pkg.name === name || path.posix.normalize(pkg.dir) === path.posix.normalize(name),
    );

  /** A script of the package `-w` names, or else of the folder's package (inline: also the root's). */
  const checkScript = (script: string, workspace: string | undefined) => {
    if (workspace && isCreated(workspace)) return;
    const candidates = workspace
      ? [findPackage(workspace)]
      : command.inline
        ? [packageOfDir(facts, command.cwd), packageOfDir(facts, '.')]
        : [packageOfDir(facts, command.cwd)];
    const known = candidates.filter((pkg): pkg is PackageInfo => pkg !== undefined);
    if (known.length === 0) {
      problems.push(workspace ? `no workspace package ${workspace}` : `no package.json in ${command.cwd}`);
      return;
    }
    const pattern = new RegExp(`^${script.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    if (!known.some((pkg) => Object.keys(pkg.scripts).some((name) => pattern.test(name)))) {
      problems.push(`no script "${script}" in ${known.map((pkg) => pkg.name).join(' or ')}`);
    }
  };

  const checkPath = (word: string) => {
    if (placeholder(word) || /^[a-z]+:\/\//.test(word)) return;
    if (exists(word) || (command.inline && exists(word, '.'))) return;
    // Built output: its source is there (CI and `npm start` build before running it).
    const source = word.replace(/(^|\/)dist\//, '$1src/').replace(/\.js$/, '.ts');
    if (source !== word && (exists(source) || (command.inline && exists(source, '.')))) return;
    problems.push(`${word} does not exist (from ${command.cwd})`);
  };

  problems.push(...checkFreshClone(command, facts));

  switch (program) {
    case 'npm': {
      let workspace: string | undefined;
      const rest: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '--') {
          rest.push(...args.slice(i));
          break;
        }
        if (arg === '-w' || arg === '--workspace') workspace = args[++i];
        else if (arg.startsWith('--workspace=')) workspace = arg.slice('--workspace='.length);
        else if (arg === '-s' || arg === '--silent') continue;
        else rest.push(arg);
      }
      const [sub, script] = rest;
      if (sub === 'install' || sub === 'i' || sub === 'ci') break;
      if (sub === 'test' || sub === 'start' || sub === 't')
        checkScript(sub === 't' ? 'test' : sub, workspace);
      else if (sub === 'run' || sub === 'run-script') {
        if (!script || placeholder(script)) {
          if (!command.inline) problems.push('npm run without a script');
        } else checkScript(script, workspace);
      } else if (command.inline)
        break; // prose about npm (npm prune …) is no instruction
      else problems.push(`npm ${sub ?? ''}: not a command the checker knows`);
      break;
    }
    case 'npx': {
      const [tool, ...toolArgs] = args;
      if (tool === 'turbo') {
        const run = toolArgs[0] === 'run' ? toolArgs.slice(1) : toolArgs;
        const tasks = run.filter((arg) => !arg.startsWith('-'));
        for (const task of tasks.filter((t) => !(command.inline && placeholder(t)))) {
          if (!facts.turboTasks.includes(task)) problems.push(`turbo has no task "${task}" (turbo.json)`);
        }
        for (const arg of run.filter((a) => a.startsWith('--filter='))) {
          const name = arg
            .slice('--filter='.length)
            .replace(/^\.\.\.|\.\.\.$/g, '')
            .replace(/^\^/, '');
          const pkg = findPackage(name);
          if (!pkg) problems.push(`turbo filter ${name}: no such package`);
          else if (!tasks.some((task) => pkg.scripts[task])) {
            problems.push(`${name} has no script ${tasks.join('/')}`);
          }
        }
      } else if (tool === 'hub-subgraph') {
        const pkg = packageOfDir(facts, command.cwd);
        if (
          !pkg ||
          !exists('package.json') ||
          !readFileSync(path.join(facts.root, command.cwd, 'package.json'), 'utf8').includes('"@hub/kit"')
        ) {
          problems.push(`hub-subgraph runs in a subgraph's folder, not in ${command.cwd}`);
        }
      } else if (tool === 'vitest') {
        toolArgs.filter((arg) => /\.(ts|mts)$/.test(arg)).forEach(checkPath);
      } else if (tool !== 'prettier' && tool !== 'eslint' && tool !== 'tsc') {
        problems.push(`npx ${tool}: not a command the checker knows`);
      }
      break;
    }
    case 'node': {
      for (const arg of args.filter((a) => a.startsWith('--env-file=')))
        checkPath(arg.slice('--env-file='.length));
      if (args.includes('-e') || args.includes('-p')) break;
      const script = args.find((arg) => !arg.startsWith('-'));
      if (script) checkPath(script);
      break;
    }
    case 'cd': {
      if (
        !args[0] ||
        !statSync(path.join(facts.root, command.cwd, args[0]), { throwIfNoEntry: false })?.isDirectory()
      ) {
        problems.push(`cd ${args[0] ?? ''}: no such folder`);
      }
      break;
    }
    case 'docker': {
      const file = args[args.indexOf('-f') + 1];
      if (args.indexOf('-f') >= 0 && file) checkPath(file);
      if (args[0] === 'build') {
        const target = args[args.indexOf('--target') + 1];
        const dockerfile =
          file && exists(file) ? readFileSync(path.join(facts.root, command.cwd, file), 'utf8') : '';
        if (
          args.includes('--target') &&
          target &&
          !new RegExp(`^FROM .* AS ${target}\\s*$`, 'im').test(dockerfile)
        ) {
          problems.push(`${file} has no stage ${target}`);
        }
        for (const buildArg of args.filter((_, i) => args[i - 1] === '--build-arg')) {
          const [name, value] = buildArg.split('=');
          if (name === 'SUBGRAPH' && value && !facts.subgraphs.includes(value))
            problems.push(`no subgraph ${value}`);
        }
      }
      break;
    }
    case 'kubectl': {
      if (args.includes('-k')) {
        const dir = args[args.indexOf('-k') + 1]!;
        checkPath(path.posix.join(dir, 'kustomization.yaml'));
      }
      const secret = args.indexOf('generic');
      if (args.includes('secret') && secret >= 0) {
        problems.push(...checkSecret(facts, args[secret + 1]!, args));
      }
      break;
    }
    case 'export':
    case 'curl':
      break; // assignments; requests to a running hub
    default:
      problems.push(`${program}: not a command the checker knows (teach schema/src/readme-commands.ts)`);
  }
  return problems;
}

/** Required variables of what a command starts: a subgraph, or the gateway. */
const REQUIRED_ENV = {
  subgraph: ['DATABASE_URL', 'INTERNAL_VERIFY_KEYS'],
  gateway: ['INTERNAL_SIGNING_KEY', 'JWT_SECRET'],
};

/**
 * What fails on a fresh clone although every name exists: building one package whose workspace dependencies
 * are not built yet (`npm run build -w @hub/gateway` without the kit), running built code in a block that
 * builds nothing first, and starting a service without its required variables (nothing loads .env.example
 * unless `node --env-file=.env.example` does).
 */
function checkFreshClone(command: ReadmeCommand, facts: RepoFacts): string[] {
  const problems: string[] = [];
  const [program, ...args] = command.argv;
  const workspaceIndex = args.findIndex((arg) => arg === '-w' || arg === '--workspace');
  const workspace = workspaceIndex >= 0 ? args[workspaceIndex + 1] : undefined;
  const pkg = workspace
    ? facts.packages.find((p) => p.name === workspace)
    : facts.packages.find((p) => path.posix.normalize(p.dir) === path.posix.normalize(command.cwd));
  const workspaceNames = new Set(facts.packages.map((p) => p.name));

  if (
    program === 'npm' &&
    args.includes('run') &&
    args[args.indexOf('run') + 1] === 'build' &&
    pkg?.dir !== '.'
  ) {
    const needs = (pkg?.dependencies ?? []).filter((name) => workspaceNames.has(name));
    if (pkg && needs.length > 0) {
      problems.push(
        `builds ${pkg.name} alone, but on a fresh clone ${needs.join(', ')} are not built: ` +
          `npx turbo run build --filter=${pkg.name}...`,
      );
    }
  }
  if (command.inline) return problems;

  let starts: keyof typeof REQUIRED_ENV | undefined;
  const script =
    program === 'npm' ? args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-w') : undefined;
  if (program === 'npm' && script === 'start' && pkg && pkg.dir !== '.') {
    starts = pkg.name === '@hub/gateway' ? 'gateway' : 'subgraph';
  } else if (program === 'node') {
    const file = args.find((arg) => !arg.startsWith('-'));
    if (file?.endsWith('hub-subgraph.js') && args[args.indexOf(file) + 1] === 'start') starts = 'subgraph';
    else if (file && path.posix.normalize(path.posix.join(command.cwd, file)) === 'gateway/dist/main.js') {
      starts = 'gateway';
    }
  } else if (program === 'npx' && args[0] === 'hub-subgraph' && args[1] === 'start') starts = 'subgraph';

  const runsBuiltCode =
    starts !== undefined ||
    (program === 'node' && args.some((arg) => /(^|\/)dist\//.test(arg))) ||
    (program === 'npx' && args[0] === 'hub-subgraph');
  if (runsBuiltCode && !command.builtBefore) {
    problems.push(
      'runs built code, but nothing in this block builds it first (npx turbo run build --filter=<pkg>...)',
    );
  }
  if (starts) {
    const given = new Set(
      [...command.assignments, ...command.exported]
        .filter((assignment) => !PLACEHOLDER.test(assignment.slice(assignment.indexOf('=') + 1)))
        .map((assignment) => assignment.split('=')[0]!),
    );
    for (const arg of args.filter((a) => a.startsWith('--env-file='))) {
      const file = path.join(facts.root, command.cwd, arg.slice('--env-file='.length));
      if (!existsSync(file)) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/^([A-Z_][A-Z0-9_]*)=(.+)$/gm))
        given.add(match[1]!);
    }
    const missing = REQUIRED_ENV[starts].filter((name) => !given.has(name));
    if (missing.length > 0) {
      problems.push(
        `starts the ${starts} without ${missing.join(', ')} (set them, or node --env-file=.env.example in its folder)`,
      );
    }
  }
  return problems;
}

/** A `kubectl create secret generic <name> --from-literal=<key>=…` creates what the manifests reference. */
function checkSecret(facts: RepoFacts, name: string, args: string[]): string[] {
  const k8s = path.join(facts.root, 'infra', 'k8s');
  const referenced = new Set<string>();
  for (const file of readdirSync(k8s).filter((f) => f.endsWith('.yaml') && f !== 'secret.example.yaml')) {
    const text = readFileSync(path.join(k8s, file), 'utf8');
    for (const match of text.matchAll(/secretKeyRef:\s*\n\s*name: (\S+)\s*\n\s*key: (\S+)/g)) {
      if (match[1] === name) referenced.add(match[2]!);
    }
  }
  if (referenced.size === 0) return [`no manifest in infra/k8s references the secret ${name}`];
  const given = new Set(
    args
      .filter((arg) => arg.startsWith('--from-literal='))
      .map((arg) => arg.slice('--from-literal='.length).split('=')[0]!),
  );
  return [...referenced]
    .filter((key) => !given.has(key))
    .map((key) => `secret ${name} lacks key ${key}, which the deployments read (pods would not start)`);
}

/**
 * Runs what is cheap and has no side effects: `hub-subgraph help` in the folder of an `npx hub-subgraph <cmd>`
 * (the command must be listed) or of a `node …/hub-subgraph.js <cmd>`, and loading each `--env-file`.
 */
export function runCheapChecks(command: ReadmeCommand, facts: RepoFacts): string[] {
  const [program, ...args] = command.argv;
  const cwd = path.join(facts.root, command.cwd);
  const problems: string[] = [];
  const run = (argv: string[]) =>
    spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', timeout: 30_000 });
  if (program === 'node') {
    for (const arg of args.filter((a) => a.startsWith('--env-file='))) {
      const result = run([arg, '-e', '0']);
      if (result.status !== 0) problems.push(`${arg}: ${result.stderr.trim().split('\n')[0]}`);
    }
  }
  const cli =
    program === 'npx' && args[0] === 'hub-subgraph'
      ? { bin: path.join(facts.root, 'services/kit/bin/hub-subgraph.js'), sub: args[1] }
      : program === 'node' && args.some((arg) => arg.endsWith('hub-subgraph.js'))
        ? {
            bin: path.resolve(
              cwd,
              args.find((arg) => arg.endsWith('hub-subgraph.js'))!,
            ),
            sub: args[args.findIndex((arg) => arg.endsWith('hub-subgraph.js')) + 1],
          }
        : undefined;
  if (cli && !command.inline) {
    const result = run([cli.bin, 'help']);
    if (result.status !== 0)
      problems.push(`hub-subgraph help failed: ${(result.stderr || result.stdout).trim()}`);
    else if (cli.sub && !new RegExp(`^\\s+${cli.sub}\\b`, 'm').test(result.stdout)) {
      problems.push(`hub-subgraph in ${command.cwd} has no command ${cli.sub}`);
    }
  }
  return problems;
}

/** The README.md files of the repository (not node_modules or build output) and CONTRIBUTING.md. */
export function readmeFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (['node_modules', 'dist', '.git', '.turbo', '.data', 'test-results'].includes(entry.name)) continue;
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name === 'README.md' || (dir === '.' && entry.name === 'CONTRIBUTING.md'))
        found.push(relative);
    }
  };
  walk('.');
  return found.map((file) => path.posix.normalize(file)).sort();
}

/** Every problem of every README command; `run` also executes the cheap checks. */
export function checkReadmes(root: string, options: { run?: boolean } = {}) {
  const facts = repoFacts(root);
  const problems: CommandProblem[] = [];
  let count = 0;
  for (const file of readmeFiles(root)) {
    for (const command of extractCommands(readFileSync(path.join(root, file), 'utf8'), file)) {
      count++;
      const found = [...checkCommand(command, facts), ...(options.run ? runCheapChecks(command, facts) : [])];
      const text = [...command.assignments, ...command.argv].join(' ');
      for (const problem of found)
        problems.push({ file: command.file, line: command.line, command: text, problem });
    }
  }
  return { count, problems };
}
