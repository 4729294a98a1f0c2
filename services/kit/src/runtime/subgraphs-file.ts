import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What the kit reads of an entry of `schema/subgraphs.json` (the tooling reads more). */
export interface SubgraphsFileEntry {
  name: string;
  /** Default port of the subgraph process. */
  port?: number;
  /** Names of the subgraphs whose keys it checks (`context.peers`). */
  peers?: string[];
}

/** `schema/subgraphs.json` in `from` or the nearest folder above it, or undefined when there is none. */
export function findSubgraphsFile(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, 'schema', 'subgraphs.json');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The entry named `name` of the nearest `schema/subgraphs.json` above `from` (undefined when there is no file
 * or no such entry). Only `port` (a whole number) and `peers` (names) are taken, each when well-formed.
 */
export function readSubgraphsFileEntry(from: string, name: string): SubgraphsFileEntry | undefined {
  const file = findSubgraphsFile(from);
  if (!file) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { subgraphs?: Array<Record<string, unknown>> };
  const entry = parsed.subgraphs?.find((candidate) => candidate.name === name);
  if (!entry) return undefined;
  const { port, peers } = entry;
  return {
    name,
    ...(Number.isInteger(port) ? { port: port as number } : {}),
    ...(Array.isArray(peers) && peers.every((peer) => typeof peer === 'string')
      ? { peers: peers as string[] }
      : {}),
  };
}

/**
 * The subgraphs of the nearest `schema/subgraphs.json` above `from` that name `name` among their peers: those
 * whose peer calls `name` accepts (`PEER_KEYS`), in file order; empty when there is no file.
 */
export function readPeerCallers(from: string, name: string): string[] {
  const file = findSubgraphsFile(from);
  if (!file) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { subgraphs?: Array<Record<string, unknown>> };
  return (parsed.subgraphs ?? []).flatMap((entry) =>
    typeof entry.name === 'string' && Array.isArray(entry.peers) && entry.peers.includes(name)
      ? [entry.name]
      : [],
  );
}
