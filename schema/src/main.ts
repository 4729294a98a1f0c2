import { writeFileSync } from 'node:fs';
import { composeSupergraph } from './compose';
import { API_SCHEMA_FILE, readSubgraphList, SUPERGRAPH_FILE } from './subgraphs';

/** `npm run generate -w @hub/schema`: composes subgraphs.json into supergraph.graphql. */
const subgraphs = readSubgraphList();
const result = composeSupergraph(subgraphs);
if (!result.ok) {
  console.error(`Composition failed (${result.errors.length} error(s)):\n`);
  for (const error of result.errors) console.error(`  - ${error}\n`);
  process.exit(1);
}
writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl, 'utf8');
writeFileSync(API_SCHEMA_FILE, result.apiSdl, 'utf8');
console.log(
  `Composed ${subgraphs.map((s) => s.name).join(', ')} into ${SUPERGRAPH_FILE} and ${API_SCHEMA_FILE}`,
);
