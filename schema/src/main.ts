import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from './compose';
import { combineErrorExtensions, ERROR_EXTENSIONS_FILE } from './error-extensions';
import { infraFiles } from './generate/infra';
import { packageFiles } from './generate/packages';
import { writeGeneratedFiles } from './generate/write';
import { writeChangelog } from './governance-commands';
import { API_SCHEMA_FILE, readSubgraphList, REPO_ROOT, SUPERGRAPH_FILE } from './subgraphs';

/**
 * `npm run generate -w @hub/schema` (after every subgraph emitted its SDL): from schema/subgraphs.json,
 * composes supergraph.graphql and api.graphql, writes the "Unreleased" section of CHANGELOG.md (the diff
 * against the released schema), combines the subgraphs' error-extensions.json, and writes the deployment
 * files and package lists that name every subgraph. `--lists-only` writes only the latter (no SDL needed: the
 * scaffold runs it right after adding an entry).
 */
async function main(): Promise<number> {
  const subgraphs = readSubgraphList();
  const listsOnly = process.argv.includes('--lists-only');
  const written = await writeGeneratedFiles([...packageFiles(subgraphs), ...infraFiles(subgraphs)]);
  for (const file of written) console.log(`wrote ${file}`);
  if (listsOnly) return 0;

  const result = composeSupergraph(subgraphs);
  if (!result.ok) {
    console.error(`Composition failed (${result.errors.length} error(s)):\n`);
    for (const error of result.errors) console.error(`  - ${error}\n`);
    return 1;
  }
  writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl, 'utf8');
  writeFileSync(API_SCHEMA_FILE, result.apiSdl, 'utf8');
  console.log(
    `Composed ${subgraphs.map((s) => s.name).join(', ')} into ${SUPERGRAPH_FILE} and ${API_SCHEMA_FILE}`,
  );

  // The changelog's "Unreleased" section: the new api.graphql against the released one (schema governance).
  if (await writeChangelog()) console.log('wrote schema/CHANGELOG.md');

  try {
    const combined = combineErrorExtensions(subgraphs);
    await writeGeneratedFiles([
      {
        file: path.relative(REPO_ROOT, ERROR_EXTENSIONS_FILE),
        content: `${JSON.stringify(combined, null, 2)}\n`,
        format: true,
      },
    ]);
  } catch (error) {
    console.error(`Error extensions: ${(error as Error).message}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
