import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import { parse } from 'graphql';
import type { ComposableSubgraph } from './subgraphs';

export type CompositionResult =
  { ok: true; supergraphSdl: string; apiSdl: string } | { ok: false; errors: string[] };

/** Composes the subgraphs' committed SDL files with @apollo/composition; errors come back as readable lines. */
export function composeSupergraph(subgraphs: ComposableSubgraph[]): CompositionResult {
  const errors: string[] = [];
  const services = subgraphs.flatMap((subgraph) => {
    try {
      return [
        {
          name: subgraph.name,
          url: subgraph.url,
          typeDefs: parse(readFileSync(subgraph.schemaFile, 'utf8')),
        },
      ];
    } catch (error) {
      errors.push(`[${subgraph.name}] cannot read ${subgraph.schemaFile}: ${(error as Error).message}`);
      return [];
    }
  });
  if (errors.length) return { ok: false, errors };
  const result = composeServices(services);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((error) => {
        const code = (error.extensions?.code as string | undefined) ?? 'COMPOSITION_ERROR';
        return `[${code}] ${error.message}`;
      }),
    };
  }
  // The API schema is what clients see: the supergraph without join/link machinery (used by codegen and docs).
  const apiSdl = printSchema(result.schema.toAPISchema());
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, apiSdl: `${apiSdl.trimEnd()}\n` };
}
