import 'reflect-metadata';
import { EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { defineSubgraph, type SubgraphContext } from '../src';
import { busSubscription } from '../src/live/subscriptions';
import { performWrite } from '../src/writes/perform-write';
import { startTestSubgraph, subscribeForTest, testCaller, waitFor, type TestSubgraph } from '../src/testing';

/** A minimal subgraph with one subscription: notes, some of them private to their author's organisation. */
interface NoteRow {
  id: number;
  text: string;
  organisation: string;
  private: boolean;
}
const NoteSchema = new EntitySchema<NoteRow>({
  name: 'Note',
  tableName: 'note',
  properties: {
    id: { type: 'number', primary: true },
    text: { type: 'string' },
    organisation: { type: 'string' },
    private: { type: 'boolean' },
  },
});
class NoteMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "note" ("id" int primary key, "text" text not null, "organisation" text not null, "private" boolean not null);',
    );
  }
}

@ObjectType({ description: 'A note.' })
class Note {
  @Field(() => ID, { description: 'Id.' })
  id!: number;

  @Field(() => String, { description: 'Text, as stored when the event is resolved.' })
  text!: string;
}

@ObjectType({ description: 'A note was written.' })
class NoteWritten {
  @Field(() => Note, { nullable: true, description: 'The note, read when the event is delivered.' })
  note!: Note | null;
}

type Context = SubgraphContext<{ renewals: number }>;

@Resolver()
class NoteResolver {
  @Query(() => Int, { description: 'How many notes exist.' })
  async noteCount(@Ctx() { em }: Context): Promise<number> {
    return em.count(NoteSchema, {});
  }

  @Authorized()
  @Mutation(() => Note, { description: 'Writes or rewrites a note.' })
  async writeNote(
    @Arg('id', () => Int, { description: 'Id.' }) id: number,
    @Arg('text', () => String, { description: 'Text; "fail" rolls the write back.' }) text: string,
    @Arg('private', () => Boolean, { defaultValue: false, description: 'Only its organisation sees it.' })
    isPrivate: boolean,
    @Ctx() context: Context,
  ): Promise<Note> {
    return performWrite(
      context,
      { entity: 'Note', action: 'write', input: { id, text } },
      async (em) => {
        await em.upsert(NoteSchema, {
          id,
          text,
          organisation: context.caller.organisationId!,
          private: isPrivate,
        });
        if (text === 'fail') throw new Error('rolled back on purpose');
        return {
          entityId: String(id),
          changedFields: ['text'],
          events: [{ topic: 'test.noteWritten', payload: { id } }],
        };
      },
      async (em, entityId) => em.findOneOrFail(NoteSchema, { id: Number(entityId) }) as unknown as Note,
    );
  }

  @Subscription(() => NoteWritten, {
    description: 'Notes as they are written; private notes only reach their own organisation.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      return busSubscription<{ id: number }>(ctx, 'test.noteWritten', async ({ id }) => {
        const note = await ctx.em.findOne(NoteSchema, { id });
        return Boolean(note && (!note.private || note.organisation === ctx.caller.organisationId));
      });
    },
  })
  async noteWritten(@Root() payload: { id: number }, @Ctx() { em, loaders }: Context): Promise<NoteWritten> {
    loaders.renewals += 1;
    return { note: (await em.findOne(NoteSchema, { id: payload.id })) as unknown as Note | null };
  }
}

const notesSubgraph = defineSubgraph({
  name: 'notes',
  entities: [NoteSchema],
  migrations: [{ name: 'notes-1', class: NoteMigration }],
  resolvers: [NoteResolver],
  loaders: () => ({ renewals: 0 }),
});

const SUBSCRIBE = 'subscription { noteWritten { note { id text } } }';
const WRITE =
  'mutation ($id: Int!, $text: String!, $private: Boolean) { writeNote(id: $id, text: $text, private: $private) { id } }';
const cpmr = testCaller('cpmr', ['editor'], 'editor-cpmr');
const cor = testCaller('cor', ['editor'], 'editor-cor');

let notes: TestSubgraph;
beforeAll(async () => {
  notes = await startTestSubgraph(notesSubgraph, inject('databaseServerUrl'));
});
afterAll(async () => notes?.stop());

const listening = (count: number) =>
  waitFor(() => notes.bus.activeListeners('test.noteWritten') === count, `${count} bus listeners`);

describe('subgraph subscriptions over graphql-ws', () => {
  it('pushes committed writes with data read at delivery, and nothing for a rolled-back write', async () => {
    const subscription = await subscribeForTest(notes.url, SUBSCRIBE);
    try {
      await listening(1);
      expect((await notes.query(WRITE, { id: 1, text: 'fail' }, cpmr)).body.errors).toHaveLength(1);
      await notes.query(WRITE, { id: 1, text: 'first' }, cpmr);
      await notes.query(WRITE, { id: 1, text: 'second' }, cpmr);
      expect(await subscription.next()).toEqual({
        data: { noteWritten: { note: { id: '1', text: 'first' } } },
      });
      // A fresh scope per event: the second event does not see the first one's cached entity.
      expect(await subscription.next()).toEqual({
        data: { noteWritten: { note: { id: '1', text: 'second' } } },
      });
      expect(subscription.received).toHaveLength(2);
    } finally {
      await subscription.close();
    }
  });

  it('never pushes a private note to another organisation', async () => {
    const own = await subscribeForTest(notes.url, SUBSCRIBE, {}, { caller: cpmr });
    const other = await subscribeForTest(notes.url, SUBSCRIBE, {}, { caller: cor });
    try {
      await listening(2);
      await notes.query(WRITE, { id: 2, text: 'internal', private: true }, cpmr);
      await notes.query(WRITE, { id: 3, text: 'public' }, cpmr);
      expect(await own.next()).toEqual({ data: { noteWritten: { note: { id: '2', text: 'internal' } } } });
      expect(await own.next()).toEqual({ data: { noteWritten: { note: { id: '3', text: 'public' } } } });
      expect(await other.next()).toEqual({ data: { noteWritten: { note: { id: '3', text: 'public' } } } });
      expect(other.received).toHaveLength(1);
    } finally {
      await own.close();
      await other.close();
    }
  });

  it('tears the bus listener down as soon as an idle client leaves', async () => {
    const subscription = await subscribeForTest(notes.url, SUBSCRIBE);
    await listening(1);
    await subscription.close();
    await listening(0);
  });

  it('refuses a connection without a valid internal token (4403)', async () => {
    const refused = await subscribeForTest(
      notes.url,
      SUBSCRIBE,
      {},
      { connectionParams: { 'x-hub-internal-token': 'forged' } },
    );
    const outcome = await refused.ended;
    expect(outcome.closeCode).toBe(4403);
    expect(notes.bus.activeListeners('test.noteWritten')).toBe(0);
  });

  it('ends open subscriptions with 1001 when the subgraph stops', async () => {
    const subgraph = await startTestSubgraph(notesSubgraph, inject('databaseServerUrl'));
    const subscription = await subscribeForTest(subgraph.url, SUBSCRIBE);
    await waitFor(() => subgraph.bus.activeListeners() === 1, 'the listener');
    await subgraph.stop();
    expect((await subscription.ended).closeCode).toBe(1001);
  });
});
