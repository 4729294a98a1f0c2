import { scaffoldSubgraph } from './scaffold';

/** `npm run new:subgraph -- <name> [--entity <PascalName>]` at the repository root. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const entityAt = args.indexOf('--entity');
  const entity = entityAt >= 0 ? args[entityAt + 1] : undefined;
  const names = args.filter(
    (arg, index) => !arg.startsWith('--') && (entityAt < 0 || index !== entityAt + 1),
  );
  if (names.length !== 1) {
    throw new Error(
      'Usage: npm run new:subgraph -- <name> [--entity <PascalName>]   (name: lower-case letters)',
    );
  }
  const result = await scaffoldSubgraph({ name: names[0]!, entity });
  const next = [
    ['npm install', 'links the new workspace and records it in package-lock.json'],
    ['npm run generate', 'emits its schema.graphql, composes the supergraph, writes the infra/ files'],
    [`npm test -w @hub/${names[0]}`, 'its contract, write, reference and example tests'],
    ['npm start', 'the hub, with it'],
  ];
  const width = Math.max(...next.map(([command]) => command!.length)) + 2;
  process.stdout.write(
    [
      `Created services/${names[0]} (${result.files.length} files) and its entry in schema/subgraphs.json (port ${result.port}, peer regions).`,
      'Next:',
      ...next.map(([command, what]) => `  ${command!.padEnd(width)}# ${what}`),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
