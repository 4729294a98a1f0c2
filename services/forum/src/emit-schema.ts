import 'reflect-metadata';
import path from 'node:path';
import { emitSubgraphSchema } from '@hub/kit';
import { forumSubgraph } from './forum.subgraph';

/** Writes services/forum/schema.graphql from the code (run by `npm run generate`). */
const outFile = path.resolve(__dirname, '../schema.graphql');
emitSubgraphSchema(forumSubgraph, outFile).then(
  () => console.log(`wrote ${outFile}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
