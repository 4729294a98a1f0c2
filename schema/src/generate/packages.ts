import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, type SubgraphEntry } from '../subgraphs';
import type { GeneratedFile } from './infra';

/**
 * Package dependency lists that must name every subgraph: `schema` (devDependencies: turbo emits each
 * subgraph's SDL before composing) and `infra/local` (dependencies: the hub requires each subgraph's package).
 * Other entries stay as they are; `@hub/<name>` entries of services that are no longer listed are dropped.
 */
export const SUBGRAPH_DEPENDENCY_LISTS = [
  { file: 'schema/package.json', field: 'devDependencies' },
  { file: 'infra/local/package.json', field: 'dependencies' },
] as const;

function packageVersion(subgraph: SubgraphEntry): string {
  const file = path.join(subgraph.directory, 'package.json');
  if (!existsSync(file)) throw new Error(`[${subgraph.name}] ${file} does not exist`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function isSubgraphPackage(dependency: string): boolean {
  const match = /^@hub\/([a-z]+)$/.exec(dependency);
  return (
    !!match && match[1] !== 'kit' && existsSync(path.join(REPO_ROOT, 'services', match[1]!, 'package.json'))
  );
}

export function packageFiles(subgraphs: SubgraphEntry[]): GeneratedFile[] {
  return SUBGRAPH_DEPENDENCY_LISTS.map(({ file, field }) => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, unknown>;
    const current = (manifest[field] ?? {}) as Record<string, string>;
    const kept = Object.entries(current).filter(([dependency]) => !isSubgraphPackage(dependency));
    const listed = subgraphs.map((subgraph) => [subgraph.package, packageVersion(subgraph)] as const);
    manifest[field] = Object.fromEntries(
      [...kept, ...listed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    return { file, content: `${JSON.stringify(manifest, null, 2)}\n`, format: true };
  });
}
