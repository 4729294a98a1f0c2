import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Folder of this package (holds subgraphs.json and supergraph.graphql), from src/ or dist/. */
export const SCHEMA_DIR = path.resolve(__dirname, '..');
/** The repository root (schema/ is one of its folders). */
export const REPO_ROOT = path.resolve(SCHEMA_DIR, '..');
/** The only list of subgraphs: everything that names every subgraph is read or generated from it. */
export const SUBGRAPHS_FILE = path.join(SCHEMA_DIR, 'subgraphs.json');
export const SUPERGRAPH_FILE = path.join(SCHEMA_DIR, 'supergraph.graphql');
/** The client-facing schema (supergraph minus federation machinery), for codegen and documentation. */
export const API_SCHEMA_FILE = path.join(SCHEMA_DIR, 'api.graphql');

/** A subgraph name: lower-case letters only (it is also a folder, a database suffix and an env prefix). */
export const SUBGRAPH_NAME_PATTERN = /^[a-z]+$/;

/** One entry of `schema/subgraphs.json`, as written there. */
export interface SubgraphListEntry {
  /** Also the folder `services/<name>` and the default database `hub_<name>`. */
  name: string;
  /** The npm workspace package whose main module exports `subgraph` (e.g. `@hub/events`). */
  package: string;
  /** Default HTTP port (containers, `hub-subgraph start`); the in-process hub picks free ports. */
  port: number;
  /** Subgraphs whose keys this one checks (`<PEER>_SUBGRAPH_URL`); they start before it. */
  peers: string[];
  /** Routing URL composed into the supergraph: `http://localhost:<port>/graphql`. */
  url: string;
  /** The committed SDL, relative to `schema/`: `../services/<name>/schema.graphql`. */
  schema: string;
}

/** An entry with its paths resolved. */
export interface SubgraphEntry extends SubgraphListEntry {
  /** Absolute path of the subgraph's committed `schema.graphql`. */
  schemaFile: string;
  /** Absolute path of the service folder (`services/<name>`). */
  directory: string;
}

/** What the composition needs of an entry (tests compose ad-hoc schemas with only these). */
export type ComposableSubgraph = Pick<SubgraphEntry, 'name' | 'url' | 'schemaFile'>;

function fail(file: string, problems: string[]): never {
  throw new Error(`${file} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
}

/**
 * Checks the parsed content of subgraphs.json and returns its entries (in file order). Every problem is
 * reported at once, naming the entry: a name that is not lower-case letters, a duplicate name or port, a
 * package that is not `@hub/<name>`, a URL or schema path that does not follow from name and port, an unknown
 * peer or a cycle of peers.
 */
export function validateSubgraphList(content: unknown, file = SUBGRAPHS_FILE): SubgraphListEntry[] {
  const problems: string[] = [];
  const list = (content as { subgraphs?: unknown } | null)?.subgraphs;
  if (!Array.isArray(list) || list.length === 0) fail(file, ['"subgraphs" must be a non-empty array']);
  const entries: SubgraphListEntry[] = [];
  list.forEach((raw: unknown, index) => {
    const entry = (raw ?? {}) as Partial<Record<keyof SubgraphListEntry, unknown>>;
    const where = `subgraphs[${index}]${typeof entry.name === 'string' ? ` (${entry.name})` : ''}`;
    const known = new Set(['name', 'package', 'port', 'peers', 'url', 'schema']);
    for (const key of Object.keys(entry))
      if (!known.has(key)) problems.push(`${where}: unknown field "${key}"`);
    const { name, port, peers } = entry;
    if (typeof name !== 'string' || !SUBGRAPH_NAME_PATTERN.test(name)) {
      problems.push(`${where}: "name" must be lower-case letters (a-z)`);
      return;
    }
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1024 || port > 65535) {
      problems.push(`${where}: "port" must be an integer 1024-65535`);
      return;
    }
    if (!Array.isArray(peers) || !peers.every((peer) => typeof peer === 'string')) {
      problems.push(`${where}: "peers" must be an array of subgraph names`);
      return;
    }
    const expected = {
      package: `@hub/${name}`,
      url: `http://localhost:${port}/graphql`,
      schema: `../services/${name}/schema.graphql`,
    };
    for (const [field, value] of Object.entries(expected) as Array<[keyof typeof expected, string]>) {
      if (entry[field] !== value) problems.push(`${where}: "${field}" must be "${value}"`);
    }
    entries.push({ name, port, peers: peers as string[], ...expected });
  });
  const byName = new Map<string, SubgraphListEntry>();
  const byPort = new Map<number, string>();
  for (const entry of entries) {
    if (byName.has(entry.name)) problems.push(`"${entry.name}" is listed twice`);
    byName.set(entry.name, entry);
    const other = byPort.get(entry.port);
    if (other) problems.push(`${entry.name} and ${other} both use port ${entry.port}`);
    byPort.set(entry.port, entry.name);
  }
  for (const entry of entries) {
    for (const peer of entry.peers) {
      if (peer === entry.name) problems.push(`${entry.name}: lists itself as a peer`);
      else if (!byName.has(peer)) problems.push(`${entry.name}: unknown peer "${peer}"`);
    }
    if (new Set(entry.peers).size !== entry.peers.length)
      problems.push(`${entry.name}: a peer is listed twice`);
  }
  if (problems.length) fail(file, problems);
  try {
    startOrder(entries);
  } catch (error) {
    fail(file, [(error as Error).message]);
  }
  return entries;
}

/**
 * The entries in an order where each subgraph comes after its peers (file order among independent ones), the
 * order the hub starts them in. Throws on a cycle of peers.
 */
export function startOrder<T extends Pick<SubgraphListEntry, 'name' | 'peers'>>(entries: T[]): T[] {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (entry: T, chain: string[]) => {
    if (state.get(entry.name) === 'done') return;
    if (state.get(entry.name) === 'visiting') {
      throw new Error(`peers form a cycle: ${[...chain, entry.name].join(' → ')}`);
    }
    state.set(entry.name, 'visiting');
    for (const peer of entry.peers) {
      const peerEntry = byName.get(peer);
      if (peerEntry) visit(peerEntry, [...chain, entry.name]);
    }
    state.set(entry.name, 'done');
    ordered.push(entry);
  };
  for (const entry of entries) visit(entry, []);
  return ordered;
}

/** Reads and validates the subgraph list (add a subgraph by adding an entry, see infra/README.md). */
export function readSubgraphList(file = SUBGRAPHS_FILE): SubgraphEntry[] {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(file, [(error as Error).message]);
  }
  const schemaDir = path.dirname(file);
  return validateSubgraphList(content, file).map((entry) => ({
    ...entry,
    schemaFile: path.resolve(schemaDir, entry.schema),
    directory: path.resolve(schemaDir, '..', 'services', entry.name),
  }));
}

/** The committed supergraph SDL. */
export function readSupergraph(file = SUPERGRAPH_FILE): string {
  return readFileSync(file, 'utf8');
}
