import { writeFileSync } from 'node:fs';
import { composeSupergraph } from './compose';
import { readSubgraphList, SUPERGRAPH_FILE } from './subgraphs';

/** `npm run generate -w @hub/schema`: composes subgraphs.json into supergraph.graphql. */
const subgraphs = readSubgraphList();
const result = composeSupergraph(subgraphs);
if (!result.ok) {
  console.error(`Composition failed (${result.errors.length} error(s)):\n`);
  for (const error of result.errors) console.error(`  - ${error}\n`);
  process.exit(1);
}
writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl, 'utf8');
console.log(`Composed ${subgraphs.map((s) => s.name).join(', ')} into ${SUPERGRAPH_FILE}`);
