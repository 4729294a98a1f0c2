import { writeFile } from 'node:fs/promises';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { UNUSED_PUBSUB } from '../live/subscriptions';
import type { SubgraphDefinition } from '../runtime/definition';
import { hubAuthChecker } from '../writes/authorization';
import { buildFederatedSchema } from './federated-schema';
import { validateArgument } from './validation';

/** The subgraph SDL as the gateway sees it through `_service { sdl }`, as committed in `schema.graphql`. */
export async function subgraphSdl<T>(definition: SubgraphDefinition<T>): Promise<string> {
  return `${printSubgraphSchema(await buildSubgraphSchemaFor(definition)).trimEnd()}\n`;
}

/** Writes the subgraph SDL to `outFile` (the committed `schema.graphql`; `hub-subgraph emit-schema`). */
export async function emitSubgraphSchema<T>(
  definition: SubgraphDefinition<T>,
  outFile: string,
): Promise<void> {
  await writeFile(outFile, await subgraphSdl(definition), 'utf8');
}

/** Builds the federated schema of a subgraph definition (also used to emit `schema.graphql`). */
export function buildSubgraphSchemaFor<T>(definition: SubgraphDefinition<T>): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    referenceResolvers: definition.references,
    authChecker: hubAuthChecker,
    pubSub: UNUSED_PUBSUB,
    // class-validator on every input and argument class (off by default in type-graphql 2), failing in the
    // one BAD_USER_INPUT shape with paths from the argument name.
    validateFn: validateArgument,
  });
}
