import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSubgraphList } from '../src/subgraphs';

/** The one inner layout every service has (issue 10; the scaffold writes it, services/kit/README.md explains it). */
const SOURCE_FOLDERS = [
  'entities',
  'inputs',
  'loaders',
  'migrations',
  'queries',
  'resolvers',
  'seeds',
  'writes',
];
/** May be there: inputs other packages' tests build from (exported as `@hub/<name>/testing`). */
const OPTIONAL_FOLDERS = ['testing'];
const SOURCE_FILES = ['index.ts', 'subgraph.ts'];
const README_SECTIONS = ['What it owns', 'Schema', 'Environment', 'Scripts', 'Layout'];
const GENERATED = ['schema.graphql', 'error-extensions.json'];

describe.each(readSubgraphList().map((entry) => [entry.name, entry.directory] as const))(
  'services/%s has the common shape',
  (_name, directory) => {
    const src = path.join(directory, 'src');

    it('has exactly the common source folders, plus index.ts and subgraph.ts', () => {
      const entries = readdirSync(src);
      const folders = entries
        .filter((entry) => statSync(path.join(src, entry)).isDirectory())
        .filter((entry) => !OPTIONAL_FOLDERS.includes(entry))
        .sort();
      const files = entries.filter((entry) => !statSync(path.join(src, entry)).isDirectory()).sort();
      expect(folders).toEqual(SOURCE_FOLDERS);
      expect(files).toEqual(SOURCE_FILES);
    });

    it('keeps only *.resolver.ts and *.reference.ts in resolvers/', () => {
      const strays = readdirSync(path.join(src, 'resolvers')).filter(
        (file) => !/\.(resolver|reference)\.ts$/.test(file),
      );
      expect(strays).toEqual([]);
    });

    it('has a README with the common sections, in order, and its generated files', () => {
      const readme = readFileSync(path.join(directory, 'README.md'), 'utf8');
      const sections = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1]!.trim());
      expect(sections).toEqual(README_SECTIONS);
      for (const file of GENERATED) expect(existsSync(path.join(directory, file))).toBe(true);
    });
  },
);
