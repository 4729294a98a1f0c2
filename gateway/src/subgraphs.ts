import { Kind, parse, type ConstArgumentNode } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  /** The URL the gateway calls: the override when there is one, else the URL baked into the supergraph. */
  url: string;
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '_');
}

/** The override for subgraph `name` (keys match case-insensitively, `-` and `_` alike), else `url`. */
export function resolveSubgraphUrl(
  name: string,
  url: string,
  overrides: Record<string, string> = {},
): string {
  const wanted = normaliseName(name);
  const match = Object.entries(overrides).find(([key]) => normaliseName(key) === wanted);
  return match ? match[1] : url;
}

function stringArgument(args: readonly ConstArgumentNode[] | undefined, name: string): string | undefined {
  const value = args?.find((arg) => arg.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/**
 * The subgraphs of a supergraph, read from its `join__Graph` enum (`@join__graph(name:, url:)`), the same
 * source @apollo/gateway builds its data sources from.
 */
export function listSubgraphs(
  supergraphSdl: string,
  overrides: Record<string, string> = {},
): SubgraphEndpoint[] {
  const graphEnum = parse(supergraphSdl).definitions.find(
    (definition) => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  if (graphEnum?.kind !== Kind.ENUM_TYPE_DEFINITION)
    throw new Error('The supergraph has no join__Graph enum.');
  return (graphEnum.values ?? []).map((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = stringArgument(directive?.arguments, 'name') ?? value.name.value.toLowerCase();
    const url = stringArgument(directive?.arguments, 'url') ?? '';
    return { name, url: resolveSubgraphUrl(name, url, overrides) };
  });
}
