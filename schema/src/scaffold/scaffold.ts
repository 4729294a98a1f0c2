import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { infraFiles } from '../generate/infra';
import { packageFiles } from '../generate/packages';
import { writeGeneratedFiles } from '../generate/write';
import { readSubgraphList, REPO_ROOT, SCHEMA_DIR, SUBGRAPH_NAME_PATTERN, SUBGRAPHS_FILE } from '../subgraphs';

/** The files of a new subgraph, with `__token__`s in names and contents (see `scaffoldTokens`). */
export const TEMPLATE_DIR = path.join(SCHEMA_DIR, 'scaffold', 'template');

export interface ScaffoldOptions {
  /** The subgraph's name: lower-case letters, not an existing subgraph or folder of services/. */
  name: string;
  /** PascalCase name of its entity; default `<Name>Item`. */
  entity?: string;
}

export interface ScaffoldResult {
  directory: string;
  port: number;
  files: string[];
}

const pascal = (text: string) => text[0]!.toUpperCase() + text.slice(1);
const words = (identifier: string) => identifier.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** What each `__token__` of the template becomes for a subgraph `name` whose entity is `entity`. */
export function scaffoldTokens(name: string, entity: string, port: number, versions: Record<string, string>) {
  const entityWords = words(entity);
  const tokens: Record<string, string> = {
    __name__: name,
    __Name__: pascal(name),
    __NAME__: name.toUpperCase(),
    __Entity__: entity,
    __entity__: entity[0]!.toLowerCase() + entity.slice(1),
    __Entities__: plural(entity),
    __entities__: plural(entity[0]!.toLowerCase() + entity.slice(1)),
    __ENTITY__: entityWords.join('_').toUpperCase(),
    // In prose (descriptions, comments, test names): "sandbox item", "sandbox items", "Sandbox items".
    __entity_words__: entityWords.join(' '),
    __entities_words__: plural(entityWords.join(' ')),
    __Entities_words__: pascal(plural(entityWords.join(' '))),
    '__entity-kebab__': entityWords.join('-'),
    __entity_table__: entityWords.join('_'),
    __port__: String(port),
    __date__: new Date().toISOString().slice(0, 10).replace(/-/g, ''),
  };
  for (const [dependency, version] of Object.entries(versions)) tokens[`__dep:${dependency}__`] = version;
  return tokens;
}

function fill(text: string, tokens: Record<string, string>): string {
  let filled = text;
  // Longer tokens first, so none is cut by a shorter one.
  for (const token of Object.keys(tokens).sort((a, b) => b.length - a.length)) {
    filled = filled.split(token).join(tokens[token]!);
  }
  return filled;
}

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? templateFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/**
 * Writes the template into `directory` with its tokens filled in (names and contents), formatted as
 * `npm run format` would; returns the files written, relative to the repository root.
 */
export async function renderTemplate(directory: string, tokens: Record<string, string>): Promise<string[]> {
  const files: string[] = [];
  for (const relative of templateFiles(TEMPLATE_DIR)) {
    // `.tmpl`: a template prettier must not format as what it becomes (Markdown reads `__name__` as bold).
    const target = path.join(directory, fill(relative, tokens).replace(/\.tmpl$/, ''));
    const content = fill(readFileSync(path.join(TEMPLATE_DIR, relative), 'utf8'), tokens);
    const leftover = /__[A-Za-z][\w:@/-]*__/.exec(content);
    if (leftover) throw new Error(`template ${relative}: unknown token ${leftover[0]}`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content, 'utf8');
    files.push(target);
  }
  // Names change line lengths: format what prettier knows.
  await writeGeneratedFiles(
    files
      .filter((file) => /\.(ts|mts|json|md|graphql)$/.test(file))
      .map((file) => ({
        file: path.relative(REPO_ROOT, file),
        content: readFileSync(file, 'utf8'),
        format: true,
      })),
  );
  return files.map((file) => path.relative(REPO_ROOT, file));
}

/** Why `name` cannot be a new subgraph (undefined when it can). */
export function invalidSubgraphName(name: string): string | undefined {
  const root = REPO_ROOT;
  if (!SUBGRAPH_NAME_PATTERN.test(name)) return `"${name}": a subgraph name is lower-case letters only (a-z)`;
  const listed = readSubgraphList().map((entry) => entry.name);
  if (listed.includes(name)) return `"${name}" is already a subgraph (schema/subgraphs.json)`;
  if (existsSync(path.join(root, 'services', name))) return `services/${name} already exists`;
  if (['kit', 'gateway', 'schema', 'codegen', 'local', 'bench'].includes(name))
    return `"${name}" names a package of the hub`;
  return undefined;
}

/**
 * Creates `services/<name>` from the template (one entity, a query and a page query, an idempotent create and
 * a versioned update through performWrite, a Region extension and a reference resolver, tests, README,
 * examples.graphql, .env.example), adds its entry to schema/subgraphs.json (next free port, peer regions) and
 * rewrites the package lists and deployment files that name every subgraph.
 */
export async function scaffoldSubgraph(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const root = REPO_ROOT;
  const { name } = options;
  const problem = invalidSubgraphName(name);
  if (problem) throw new Error(problem);
  const entity = options.entity ?? `${pascal(name)}Item`;
  if (!/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*$/.test(entity)) {
    throw new Error(`--entity "${entity}": a PascalCase type name such as Book or ExchangeVisit`);
  }

  const subgraphsFile = SUBGRAPHS_FILE;
  const list = JSON.parse(readFileSync(subgraphsFile, 'utf8')) as {
    subgraphs: Array<{ name: string; port: number }>;
  };
  const port = Math.max(...list.subgraphs.map((entry) => entry.port)) + 1;
  const kit = JSON.parse(readFileSync(path.join(root, 'services', 'kit', 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
  };
  const tokens = scaffoldTokens(name, entity, port, { ...kit.dependencies });
  tokens.__kitVersion__ = kit.version;

  const directory = path.join(root, 'services', name);
  const files = await renderTemplate(directory, tokens);
  const peers = list.subgraphs.some((entry) => entry.name === 'regions') ? ['regions'] : [];
  list.subgraphs.push({
    name,
    package: `@hub/${name}`,
    port,
    peers,
    url: `http://localhost:${port}/graphql`,
    schema: `../services/${name}/schema.graphql`,
  } as (typeof list.subgraphs)[number]);
  await writeGeneratedFiles(
    [
      {
        file: path.relative(root, subgraphsFile),
        content: `${JSON.stringify(list, null, 2)}\n`,
        format: true,
      },
    ],
    root,
  );
  // Checks the new list, then rewrites what names every subgraph (npm run generate does it again).
  const subgraphs = readSubgraphList(subgraphsFile);
  await writeGeneratedFiles([...packageFiles(subgraphs), ...infraFiles(subgraphs)], root);
  return { directory, port, files };
}
