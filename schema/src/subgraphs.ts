import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Folder of this package (holds subgraphs.json and supergraph.graphql), from src/ or dist/. */
export const SCHEMA_DIR = path.resolve(__dirname, '..');
export const SUPERGRAPH_FILE = path.join(SCHEMA_DIR, 'supergraph.graphql');
/** The client-facing schema (supergraph minus federation machinery), for codegen and documentation. */
export const API_SCHEMA_FILE = path.join(SCHEMA_DIR, 'api.graphql');

export interface SubgraphEntry {
  name: string;
  url: string;
  /** Absolute path of the subgraph's committed `schema.graphql`. */
  schemaFile: string;
}

/** Reads the subgraph list (composition is data: add a subgraph by adding an entry to subgraphs.json). */
export function readSubgraphList(file = path.join(SCHEMA_DIR, 'subgraphs.json')): SubgraphEntry[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    subgraphs: Array<{ name: string; url: string; schema: string }>;
  };
  return parsed.subgraphs.map((entry) => ({
    name: entry.name,
    url: entry.url,
    schemaFile: path.resolve(path.dirname(file), entry.schema),
  }));
}

/** The committed supergraph SDL. */
export function readSupergraph(file = SUPERGRAPH_FILE): string {
  return readFileSync(file, 'utf8');
}
