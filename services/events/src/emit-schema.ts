import 'reflect-metadata';
import path from 'node:path';
import { emitSubgraphSchema } from '@hub/kit';
import { eventsSubgraph } from './events.subgraph';

/** Writes services/events/schema.graphql from the code (run by `npm run generate`). */
const outFile = path.resolve(__dirname, '../schema.graphql');
emitSubgraphSchema(eventsSubgraph, outFile).then(
  () => console.log(`wrote ${outFile}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
