import 'reflect-metadata';
import { EntitySchema } from '@mikro-orm/core';
import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { defineSubgraph, type SubgraphDefinition } from '../src/runtime/definition';
import type { SubgraphContext } from '../src/runtime/server';
import { parseSubgraphSettings, settingsFromEnv, settingsVariables } from '../src/runtime/settings';
import { startTestSubgraph, type TestSubgraph } from '../src/testing';

// A subgraph with one setting of its own (as forum's FORUM_POSTS_PER_MINUTE): parsed on start, reaching
// resolvers as context.settings and loaders(em, settings), overridable per start.

const settingsSchema = z
  .object({
    KNOB_POSTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    KNOB_GREETING: z.string().min(1).default('hello'),
  })
  .transform((env) => ({ postsPerMinute: env.KNOB_POSTS_PER_MINUTE, greeting: env.KNOB_GREETING }));

type KnobSettings = z.infer<typeof settingsSchema>;
type Context = SubgraphContext<{ limit: number }, KnobSettings>;

@ObjectType('KnobSettings', { description: 'What the subgraph was started with.' })
class KnobSettingsView {
  @Field(() => Int, { description: 'Posts per minute, from context.settings.' })
  postsPerMinute!: number;

  @Field(() => Int, { description: 'The same, as the loaders received it.' })
  fromLoaders!: number;

  @Field({ description: 'The greeting.' })
  greeting!: string;
}

@Resolver()
class KnobResolver {
  @Query(() => KnobSettingsView, { description: 'The settings this request sees.' })
  knob(@Ctx() context: Context): KnobSettingsView {
    return {
      postsPerMinute: context.settings.postsPerMinute,
      fromLoaders: context.loaders.limit,
      greeting: context.settings.greeting,
    };
  }
}

const knob = defineSubgraph({
  name: 'knob',
  entities: [
    new EntitySchema({
      name: 'KnobUnused',
      tableName: 'knob_unused',
      properties: { id: { type: 'number', primary: true } },
    }),
  ],
  migrations: [],
  resolvers: [KnobResolver],
  settings: { schema: settingsSchema },
  loaders: (_em, settings) => ({ limit: settings.postsPerMinute }),
});

const QUERY = '{ knob { postsPerMinute fromLoaders greeting } }';

describe('subgraph settings', () => {
  const started: TestSubgraph[] = [];
  afterAll(async () => {
    for (const server of started) await server.stop();
  });

  it('reaches resolvers (context.settings) and loaders, defaults and overrides (config.settings) alike', async () => {
    const defaults = await startTestSubgraph(knob, inject('databaseServerUrl'));
    started.push(defaults);
    expect((await defaults.query(QUERY)).body).toEqual({
      data: { knob: { postsPerMinute: 10, fromLoaders: 10, greeting: 'hello' } },
      extensions: expect.anything(),
    });
    const strict = await startTestSubgraph(knob, inject('databaseServerUrl'), {
      settings: { KNOB_POSTS_PER_MINUTE: 3 },
    });
    started.push(strict);
    expect((await strict.query(QUERY)).body.data).toEqual({
      knob: { postsPerMinute: 3, fromLoaders: 3, greeting: 'hello' },
    });
  });

  it('refuses a bad or unknown setting before anything starts', async () => {
    await expect(
      startTestSubgraph(knob, inject('databaseServerUrl'), { settings: { KNOB_POSTS_PER_MINUTE: 0 } }),
    ).rejects.toThrow(/Invalid settings of the knob subgraph:\n {2}KNOB_POSTS_PER_MINUTE: /);
    await expect(
      startTestSubgraph(knob, inject('databaseServerUrl'), { settings: { KNOB_POSTS_PER_MINUT: 5 } }),
    ).rejects.toThrow(
      'Unknown setting "KNOB_POSTS_PER_MINUT" for the knob subgraph (it reads KNOB_POSTS_PER_MINUTE, KNOB_GREETING)',
    );
  });

  it('parses the environment, values taking precedence, and reads only its own variables', () => {
    const env = { KNOB_POSTS_PER_MINUTE: '25', PORT: '4000', KNOB_GREETING: 'hi' };
    expect(settingsVariables(settingsSchema)).toEqual(['KNOB_POSTS_PER_MINUTE', 'KNOB_GREETING']);
    expect(settingsFromEnv(knob, env)).toEqual({ KNOB_POSTS_PER_MINUTE: '25', KNOB_GREETING: 'hi' });
    expect(parseSubgraphSettings(knob, {}, env)).toEqual({ postsPerMinute: 25, greeting: 'hi' });
    expect(parseSubgraphSettings(knob, { KNOB_POSTS_PER_MINUTE: '7' }, env)).toEqual({
      postsPerMinute: 7,
      greeting: 'hi',
    });
    for (const bad of ['0', '10001', '2.5', 'many']) {
      expect(() => parseSubgraphSettings(knob, {}, { KNOB_POSTS_PER_MINUTE: bad })).toThrow(
        /KNOB_POSTS_PER_MINUTE/,
      );
    }
  });

  it('gives a definition without settings {} and refuses values for it', () => {
    const plain = { name: 'plain' };
    expect(parseSubgraphSettings(plain, {}, { ANYTHING: 'x' })).toEqual({});
    expect(settingsFromEnv({ settings: undefined }, { ANYTHING: 'x' })).toEqual({});
    expect(() => parseSubgraphSettings(plain, { X: 1 })).toThrow(/it has no settings/);
  });

  it('wants a zod object of variables', () => {
    expect(() =>
      defineSubgraph({
        ...knob,
        settings: { schema: z.string() },
        loaders: () => ({}),
      }),
    ).toThrow(/settings.schema must be a zod object/);
  });
});

// A definition with settings goes wherever any definition goes (CLI, contract suite, the in-process hub).
const _anyDefinition: SubgraphDefinition<unknown> = knob;
void _anyDefinition;
