import 'reflect-metadata';
import { EntitySchema } from '@mikro-orm/core';
import { validate } from 'class-validator';
import {
  Arg,
  Field,
  FieldResolver,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  characterCount,
  IsWebUrl,
  ruleDecorator,
  TextLength,
  textLengthRule,
  webUrlRule,
} from '../src/graphql/validators';
import { defineSubgraph } from '../src/runtime/definition';
import { expectFieldError, startTestSubgraph, type TestSubgraph } from '../src/testing';

class Post {
  @TextLength(3, 10)
  title?: string | null;

  @IsWebUrl()
  sourceUrl?: string | null;

  @IsWebUrl(30)
  shortUrl?: string | null;
}

async function messagesFor(values: Partial<Post>): Promise<Record<string, string[]>> {
  const errors = await validate(Object.assign(new Post(), values));
  return Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
}

describe('TextLength', () => {
  it('counts Unicode code points of the trimmed text', async () => {
    expect(characterCount('😀😀😀')).toBe(3);
    expect('😀😀😀'.length).toBe(6);
    expect(await messagesFor({ title: '😀😀😀' })).toEqual({});
    expect(await messagesFor({ title: '  abc  ' })).toEqual({});
    expect(await messagesFor({ title: 'Ωραία 𝔸𝔹' })).toEqual({}); // 8 code points, 10 UTF-16 units
    expect(await messagesFor({ title: '𝔸𝔹𝔸𝔹𝔸𝔹' })).toEqual({}); // 6 code points, 12 UTF-16 units
    expect(await messagesFor({ title: '   ab   ' })).toEqual({
      title: ['title must be 3-10 characters long (got 2)'],
    });
    expect(await messagesFor({ title: 'abcdefghijk' })).toEqual({
      title: ['title must be 3-10 characters long (got 11)'],
    });
    expect(await messagesFor({ title: '' })).toEqual({
      title: ['title must be 3-10 characters long (got 0)'],
    });
  });

  it('lets null and undefined pass, refuses other types, and checks its own bounds', async () => {
    expect(await messagesFor({ title: null })).toEqual({});
    expect(await messagesFor({})).toEqual({});
    expect(await messagesFor({ title: 42 as never })).toEqual({ title: ['title must be a text'] });
    expect(textLengthRule('x'.repeat(10_001), 1, 10_000)).toBe(
      'must be 1-10,000 characters long (got 10,001)',
    );
    expect(() => TextLength(5, 2)).toThrow(/min <= max/);
  });
});

describe('IsWebUrl', () => {
  it('takes absolute http and https URLs', async () => {
    for (const url of [
      'https://example.eu',
      'http://example.eu/path?q=1#top',
      'HTTPS://Example.EU',
      '  https://example.eu/with-spaces-around  ',
      'https://cor.europa.eu/en/events/Pages/default.aspx',
      'http://localhost:8080/x',
    ]) {
      expect(await messagesFor({ sourceUrl: url }), url).toEqual({});
    }
  });

  it('refuses other schemes, relative and malformed URLs, and too long ones', async () => {
    const message = 'sourceUrl must be an http or https URL of at most 2,000 characters';
    for (const url of [
      'javascript:alert(1)',
      'JavaScript://example.eu/%0aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'mailto:someone@example.eu',
      'ftp://example.eu/file',
      '//example.eu/path',
      '/relative/path',
      'example.eu',
      'http:example.eu',
      'http:/example.eu',
      'https://',
      'https:// example.eu',
      'http://exa mple.eu',
      '',
      `https://example.eu/${'a'.repeat(2_000)}`,
    ]) {
      expect(await messagesFor({ sourceUrl: url }), url).toEqual({ sourceUrl: [message] });
    }
    expect(await messagesFor({ shortUrl: `https://example.eu/${'a'.repeat(12)}` })).toEqual({
      shortUrl: ['shortUrl must be an http or https URL of at most 30 characters'],
    });
    expect(await messagesFor({ sourceUrl: null, shortUrl: undefined })).toEqual({});
    expect(webUrlRule(7)).toBe('must be an http or https URL of at most 2,000 characters');
    expect(() => IsWebUrl(0)).toThrow(/at least 1/);
  });
});

@InputType('NoteInput', { description: 'A note.' })
class NoteInput {
  @Field({ description: 'Its title.' })
  @TextLength(3, 10)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Where it comes from.' })
  @IsWebUrl()
  sourceUrl?: string | null;
}

@ObjectType('Shelf', { description: 'A shelf of notes.' })
class Shelf {
  @Field({ description: 'Its number.' })
  number!: number;
}

@Resolver(() => Shelf)
class ShelfResolver {
  @Query(() => [Shelf], { description: 'Three shelves.' })
  shelves(): Shelf[] {
    return [1, 2, 3].map((number) => Object.assign(new Shelf(), { number }));
  }

  @FieldResolver(() => String, { nullable: true, description: 'The shelf number and the title.' })
  label(
    @Root() shelf: Shelf,
    @Arg('input', () => NoteInput, { description: 'The note.' }) input: NoteInput,
  ): string {
    return `${shelf.number}: ${input.title}`;
  }
}

@Resolver()
class NoteResolver {
  @Query(() => Boolean, { description: 'Always true.' })
  ok(): boolean {
    return true;
  }

  @Mutation(() => String, { description: 'Echoes the title.' })
  addNote(@Arg('input', () => NoteInput, { description: 'The note.' }) input: NoteInput): string {
    return input.title;
  }
}

describe('TextLength and IsWebUrl in a running subgraph', () => {
  let server: TestSubgraph;
  beforeAll(async () => {
    server = await startTestSubgraph(
      defineSubgraph({
        name: 'notes',
        entities: [
          new EntitySchema({
            name: 'NotesUnused',
            tableName: 'notes_unused',
            properties: { id: { type: 'number', primary: true } },
          }),
        ],
        migrations: [],
        resolvers: [NoteResolver, ShelfResolver],
        loaders: () => ({}),
      }),
      inject('databaseServerUrl'),
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers BAD_USER_INPUT with fieldErrors at input.<field>', async () => {
    const ADD = 'mutation ($input: NoteInput!) { addNote(input: $input) }';
    const bad = await server.query(ADD, { input: { title: ' 😀 ', sourceUrl: 'javascript:alert(1)' } });
    expect(bad.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: 'input.title', messages: ['title must be 3-10 characters long (got 1)'] },
        {
          path: 'input.sourceUrl',
          messages: ['sourceUrl must be an http or https URL of at most 2,000 characters'],
        },
      ],
    });
    expect(expectFieldError(bad.body.errors, 'input.title')).toEqual([
      'title must be 3-10 characters long (got 1)',
    ]);
    expect(() => expectFieldError(bad.body.errors, 'input.summary')).toThrow(
      /no fieldErrors entry at input.summary/,
    );
    const good = await server.query(ADD, { input: { title: '😀😀😀', sourceUrl: 'https://example.eu' } });
    expect(good.body.errors).toBeUndefined();
    expect(good.body.data).toEqual({ addNote: '😀😀😀' });
  });

  it('validates every value on every call: a value found valid before does not let another through', async () => {
    const ADD = 'mutation ($input: NoteInput!) { addNote(input: $input) }';
    for (let round = 0; round < 2; round += 1) {
      const good = await server.query(ADD, { input: { title: 'Valid', sourceUrl: null } });
      expect(good.body.data).toEqual({ addNote: 'Valid' });
      const bad = await server.query(ADD, { input: { title: 'Valid', sourceUrl: 'ftp://example.eu' } });
      expect(expectFieldError(bad.body.errors, 'input.sourceUrl')).toHaveLength(1);
      const tooLong = await server.query(ADD, { input: { title: 'Far too long a title' } });
      expect(expectFieldError(tooLong.body.errors, 'input.title')).toHaveLength(1);
    }
  });

  it('checks a field asked of many objects once per field and request, each field and request on its own', async () => {
    const both = await server.query(
      '{ shelves { good: label(input: { title: "Valid" }) bad: label(input: { title: "x" }) } }',
    );
    // the invalid field fails on every shelf, the valid one beside it answers on every shelf
    expect(both.body.errors?.map((error) => error.path)).toEqual([
      ['shelves', 0, 'bad'],
      ['shelves', 1, 'bad'],
      ['shelves', 2, 'bad'],
    ]);
    expect(both.body.errors?.every((error) => error.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
    const LABEL = 'query ($input: NoteInput!) { shelves { label(input: $input) } }';
    for (let round = 0; round < 2; round += 1) {
      const good = await server.query(LABEL, { input: { title: 'Valid' } });
      expect(good.body.data).toEqual({
        shelves: [{ label: '1: Valid' }, { label: '2: Valid' }, { label: '3: Valid' }],
      });
      // the same document with other variables: checked again
      const bad = await server.query(LABEL, { input: { title: 'Valid', sourceUrl: 'ftp://example.eu' } });
      expect(bad.body.errors).toHaveLength(3);
      expect(expectFieldError(bad.body.errors, 'input.sourceUrl')).toHaveLength(1);
    }
  });
});

describe('expectFieldError', () => {
  it('fails on another code, on argumentName, and on an entry without messages', () => {
    expect(() => expectFieldError(undefined, 'input.title')).toThrow(/expected a BAD_USER_INPUT error/);
    expect(() =>
      expectFieldError([{ message: 'x', extensions: { code: 'CONFLICT' } }], 'input.title'),
    ).toThrow(/expected a BAD_USER_INPUT error at input.title/);
    const fieldErrors = [{ path: 'input.title', messages: ['too short'] }];
    expect(() =>
      expectFieldError(
        [{ message: 'x', extensions: { code: 'BAD_USER_INPUT', argumentName: 'input', fieldErrors } }],
        'input.title',
      ),
    ).toThrow(/argumentName/);
    expect(() =>
      expectFieldError(
        [
          {
            message: 'x',
            extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'input.title', messages: [] }] },
          },
        ],
        'input.title',
      ),
    ).toThrow(/no messages/);
    expect(
      expectFieldError(
        [{ message: 'x', extensions: { code: 'BAD_USER_INPUT', fieldErrors } }],
        'input.title',
      ),
    ).toEqual(['too short']);
  });
});

describe('ruleDecorator', () => {
  const IsAfterStart = () =>
    ruleDecorator<Date>('isAfterStart', (endsAt, input) =>
      input.startsAt instanceof Date && endsAt.getTime() <= input.startsAt.getTime()
        ? 'must be after startsAt'
        : null,
    );
  class Span {
    startsAt?: Date;

    @IsAfterStart()
    endsAt?: Date | null;
  }

  it('builds a decorator from a rule that sees the whole object; null and undefined pass', async () => {
    const check = async (values: Partial<Span>) =>
      (await validate(Object.assign(new Span(), values))).flatMap((error) =>
        Object.values(error.constraints ?? {}),
      );
    const start = new Date('2026-05-01T10:00:00Z');
    expect(await check({ startsAt: start, endsAt: new Date('2026-05-01T09:00:00Z') })).toEqual([
      'endsAt must be after startsAt',
    ]);
    expect(await check({ startsAt: start, endsAt: new Date('2026-05-01T11:00:00Z') })).toEqual([]);
    expect(await check({ startsAt: start, endsAt: null })).toEqual([]);
    expect(await check({ endsAt: new Date(0) })).toEqual([]);
  });
});
