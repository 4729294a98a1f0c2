import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EntitySchema } from '@mikro-orm/core';
import { Arg, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineSubgraph } from '../src/runtime/definition';
import { readExamples, runExample, startTestSubgraph, type TestSubgraph } from '../src/testing';

@ObjectType('Shelf', { description: 'A shelf of books.' })
class Shelf {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Field(() => [String], { description: 'Its books.' })
  books!: string[];

  @Field(() => Int, { description: 'Its version.' })
  version!: number;
}

const shelves = new Map<string, Shelf>([['s1', { id: 's1', books: ['Ulysses'], version: 1 }]]);

@Resolver()
class ShelfResolver {
  @Query(() => Shelf, { nullable: true, description: 'A shelf by id.' })
  shelf(@Arg('id', () => ID, { description: 'Its id.' }) id: string): Shelf | null {
    return shelves.get(id) ?? null;
  }

  @Query(() => [String], { description: 'Books of every shelf whose id starts with a prefix.' })
  books(@Arg('prefix', { description: 'Prefix of shelf ids.' }) prefix: string): string[] {
    return [...shelves.values()]
      .filter((shelf) => shelf.id.startsWith(prefix))
      .flatMap((shelf) => shelf.books);
  }

  @Mutation(() => Shelf, { description: 'Adds a shelf.' })
  addShelf(@Arg('id', () => ID, { description: 'Its id.' }) id: string): Shelf {
    const shelf = { id, books: ['Dubliners'], version: 1 };
    shelves.set(id, shelf);
    return shelf;
  }
}

const library = defineSubgraph({
  name: 'library',
  entities: [
    new EntitySchema({
      name: 'LibraryUnused',
      tableName: 'library_unused',
      properties: { id: { type: 'number', primary: true } },
    }),
  ],
  migrations: [],
  resolvers: [ShelfResolver],
  loaders: () => ({}),
});

const EXAMPLES = `# Examples of the library.

# A shelf with its books.
# { "id": "s1" }
query ShelfWithBooks($id: ID!) {
  shelf(id: $id) { ...ShelfFields }
}

# Adds a shelf (its id comes from the test).
mutation AddShelf($id: ID!) {
  addShelf(id: $id) { id version }
}

# Books by shelf prefix: nothing for "zz".
# { "prefix": "zz" }
query NoBooks($prefix: String!) {
  books(prefix: $prefix)
}

fragment ShelfFields on Shelf { id books }
`;

describe('readExamples and runExample', () => {
  let server: TestSubgraph;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hub-examples-'));
    writeFileSync(path.join(dir, 'examples.graphql'), EXAMPLES);
    server = await startTestSubgraph(library, inject('databaseServerUrl'));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads operations in order, with the variables of the comment above and the fragments they use', () => {
    const examples = readExamples(path.join(dir, 'examples.graphql'));
    expect(
      examples.map(({ name, operation, variables, requiredVariables }) => ({
        name,
        operation,
        variables,
        requiredVariables,
      })),
    ).toEqual([
      { name: 'ShelfWithBooks', operation: 'query', variables: { id: 's1' }, requiredVariables: ['id'] },
      { name: 'AddShelf', operation: 'mutation', variables: {}, requiredVariables: ['id'] },
      { name: 'NoBooks', operation: 'query', variables: { prefix: 'zz' }, requiredVariables: ['prefix'] },
    ]);
    expect(examples[0]!.document).toContain('fragment ShelfFields on Shelf');
  });

  it('runs an example and returns its data; options.variables fill in what the file cannot know', async () => {
    const [shelf, add] = readExamples(path.join(dir, 'examples.graphql'));
    expect(await runExample(server, shelf!)).toEqual({ shelf: { id: 's1', books: ['Ulysses'] } });
    await expect(runExample(server, add!)).rejects.toThrow('example AddShelf needs $id');
    expect(await runExample(server, add!, { variables: { id: 's2' } })).toEqual({
      addShelf: { id: 's2', version: 1 },
    });
  });

  it('fails on errors and on empty results', async () => {
    const [shelf, , noBooks] = readExamples(path.join(dir, 'examples.graphql'));
    await expect(runExample(server, noBooks!)).rejects.toThrow('example NoBooks: books is empty ([])');
    await expect(runExample(server, shelf!, { variables: { id: 'missing' } })).rejects.toThrow(
      'example ShelfWithBooks: shelf is empty (null)',
    );
    await expect(runExample(server, shelf!, { variables: { id: ['a', 'b'] } })).rejects.toThrow(
      /example ShelfWithBooks answered errors/,
    );
  });
});
