import 'reflect-metadata';
import path from 'node:path';
import { emitSubgraphSchema } from '@hub/kit';
import { regionsSubgraph } from './regions.subgraph';

/** Writes services/regions/schema.graphql from the code (run by `npm run generate`). */
const outFile = path.resolve(__dirname, '../schema.graphql');
emitSubgraphSchema(regionsSubgraph, outFile).then(
  () => console.log(`wrote ${outFile}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
