import { Kind, parse, type DocumentNode } from 'graphql';
import { Directive } from 'type-graphql';

/**
 * Declares how long a list field's answer can get, for the gateway's cost limit: the `@listSize(assumedSize:)`
 * directive of Federation 2.9's demand-control spec, which composition keeps in the supergraph. Say where the
 * figure comes from next to the call (an input's maximum, the NUTS data, or "assumed" where the data decides).
 *
 * Fields with a `first` argument need none: the gateway multiplies by `first`. Every other list of objects
 * carries one (schema/test/list-sizes.test.ts).
 */
export function ListSize(assumedSize: number): MethodDecorator & PropertyDecorator {
  if (!Number.isInteger(assumedSize) || assumedSize < 1)
    throw new Error(`ListSize(${assumedSize}): not a size`);
  return Directive(`@listSize(assumedSize: ${assumedSize})`) as MethodDecorator & PropertyDecorator;
}

/** `Type.field` → declared `@listSize(assumedSize:)`. */
export type ListSizes = ReadonlyMap<string, number>;

/** The sizes declared with `ListSize`, read from a composed supergraph (or a subgraph's SDL). */
export function listSizesOf(sdl: string | DocumentNode): ListSizes {
  const document = typeof sdl === 'string' ? parse(sdl) : sdl;
  const sizes = new Map<string, number>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const listSize = field.directives?.find((directive) => directive.name.value === 'listSize');
      const assumed = listSize?.arguments?.find((argument) => argument.name.value === 'assumedSize')?.value;
      if (assumed?.kind === Kind.INT)
        sizes.set(`${definition.name.value}.${field.name.value}`, Number(assumed.value));
    }
  }
  return sizes;
}
