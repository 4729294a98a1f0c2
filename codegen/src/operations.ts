import path from 'node:path';

/** Folder of the example operations (`*.graphql`, with `*.variables.json` for the playground), from src/ or dist/. */
export const OPERATIONS_DIR = path.resolve(__dirname, '../operations');
