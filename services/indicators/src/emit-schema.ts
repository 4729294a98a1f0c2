import 'reflect-metadata';
import path from 'node:path';
import { emitSubgraphSchema } from '@hub/kit';
import { indicatorsSubgraph } from './indicators.subgraph';

/** Writes services/indicators/schema.graphql from the code (run by `npm run generate`). */
const outFile = path.resolve(__dirname, '../schema.graphql');
emitSubgraphSchema(indicatorsSubgraph, outFile).then(
  () => console.log(`wrote ${outFile}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
