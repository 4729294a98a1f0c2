import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { invalidInput } from '../graphql/errors';

/** Largest page a list query may return. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

// Every subgraph serves PageInfo, so it is a shareable value type (Federation 2).
@Directive('@shareable')
@ObjectType({
  description: 'Where a page of a connection sits in the whole list (Relay cursor connections).',
})
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow the last edge of this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'True when items precede the first edge of this page (an `after` cursor was given).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge, null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

/** `first` and `after` of every list query; argument classes of lists extend it. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size, 0-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor after which the page starts (`pageInfo.endCursor`).',
  })
  after?: string | null;
}

/** Validates a `first` argument: a whole number from 0 to `max`, default `DEFAULT_PAGE_SIZE`. */
export function validateFirst(first: number | null | undefined, max = MAX_PAGE_SIZE, path = 'first'): number {
  return validateIntRange(first ?? DEFAULT_PAGE_SIZE, 0, max, path);
}

/** Validates an integer argument against an inclusive range (BAD_USER_INPUT at `path` otherwise). */
export function validateIntRange(value: number, min: number, max: number, path: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidInput(path, `must be a whole number from ${min} to ${max} (got ${value})`);
  }
  return value;
}

/** Opaque cursor: the sort key of a row, base64url-encoded JSON. */
export function encodeCursor(sortKey: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(sortKey), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, path = 'after'): Array<string | number> {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === arity &&
      decoded.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return decoded as Array<string | number>;
    }
  } catch {
    // fall through to the error below
  }
  throw invalidInput(path, 'is not a cursor returned by this list');
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
}

/**
 * Turns rows fetched with `limit first + 1` into a page: the extra row only tells that a next page exists.
 */
export function toPage<T>(
  rows: T[],
  first: number,
  hadCursor: boolean,
  sortKeyOf: (row: T) => ReadonlyArray<string | number>,
): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortKeyOf(node)), node }));
  const pageInfo = Object.assign(new PageInfo(), {
    hasNextPage: rows.length > first,
    hasPreviousPage: hadCursor,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  });
  return { edges, pageInfo };
}

/** What a connection type created by `createConnectionType` looks like to resolvers. */
export interface ConnectionShape<T> extends Page<T> {
  /** Counts the whole filtered list; only runs when a client selects `totalCount`. */
  countTotal: () => Promise<number>;
}

/**
 * Creates `<Name>Edge` and `<Name>Connection` object types for a node type (Relay cursor connections with
 * `totalCount`). Call once per node type at module level.
 */
export function createConnectionType<T extends object>(
  nodeType: new () => T,
  name: string,
  plural: string,
  options: { shareable?: boolean } = {},
) {
  const shareable = options.shareable ? [Directive('@shareable')] : [];
  @applyDecorators(shareable)
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list of ${plural}, with its cursor.` })
  class Edge {
    @Field(() => String, {
      description: 'Opaque cursor of this edge; pass it as `after` to continue after it.',
    })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @applyDecorators(shareable)
  @ObjectType(`${name}Connection`, { description: `A page of ${plural} (Relay cursor connection).` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'The items of this page, in list order.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    countTotal!: () => Promise<number>;

    @Field(() => Int, { description: 'Number of items in the whole filtered list, across all pages.' })
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }

  return Connection;
}

/** Applies a list of class decorators (none when empty). */
function applyDecorators(decorators: ClassDecorator[]): ClassDecorator {
  return (target) => {
    for (const decorator of decorators) decorator(target);
  };
}

/** Fills a connection type created by `createConnectionType`. */
export function toConnection<T, C extends ConnectionShape<T>>(
  ConnectionClass: new () => C,
  page: Page<T>,
  countTotal: () => Promise<number>,
): C {
  return Object.assign(new ConnectionClass(), page, { countTotal });
}
