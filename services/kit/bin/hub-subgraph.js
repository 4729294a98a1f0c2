#!/usr/bin/env node
// The `hub-subgraph` bin: committed (not built) so `npm ci` links it on a clean clone before the kit is built;
// it runs the built CLI (`npm run build` first). See src/runtime/cli.ts.
'use strict';
let cli;
try {
  cli = require('../dist/runtime/cli.js');
} catch (error) {
  console.error(
    `hub-subgraph: the kit is not built (${error instanceof Error ? error.message.split('\n')[0] : error}); run \`npm run build\` (or turbo build) first`,
  );
  process.exit(1);
}
cli.runSubgraphCli(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
