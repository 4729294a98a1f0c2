import 'reflect-metadata';
import { graphql } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Info,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildFederatedSchema } from '../src/graphql/federated-schema';
import { LeanResolver } from '../src/graphql/lean-resolvers';

enum Shade {
  LIGHT = 'light',
  DARK = 'dark',
}
registerEnumType(Shade, { name: 'Shade', description: 'A shade.' });

@ObjectType('Tile', { description: 'A tile.' })
class Tile {
  @Field(() => Int, { description: 'Its number.' })
  number!: number;
}

const calls: Array<{ root: unknown; times: number; shade: unknown; user: unknown; path: unknown }> = [];

@Resolver(() => Tile)
class TileResolver {
  @Query(() => [Tile], { description: 'Three tiles (plain objects, not Tile instances).' })
  tiles(): Tile[] {
    return [{ number: 1 }, { number: 2 }, { number: 3 }];
  }

  @LeanResolver()
  @FieldResolver(() => String, { description: 'The number, repeated, in a shade.' })
  label(
    @Root() tile: Tile,
    @Arg('times', () => Int, { description: 'How often.' }) times: number,
    @Arg('shade', () => Shade, { nullable: true, description: 'Which shade.' }) shade: Shade | undefined,
    @Ctx('user') user: string,
    @Info() info: GraphQLResolveInfo,
  ): string {
    calls.push({ root: tile, times, shade, user, path: info.path.key });
    return `${String(tile.number).repeat(times)} ${shade ?? 'plain'}`;
  }
}

@InputType('Size', { description: 'A size.' })
class Size {
  @Field(() => Int, { description: 'Width.' })
  width!: number;
}

@Resolver(() => Tile)
class InputObjectResolver {
  @LeanResolver()
  @FieldResolver(() => Int, { description: 'Its area.' })
  area(@Root() tile: Tile, @Arg('size', () => Size, { description: 'The size.' }) size: Size): number {
    return tile.number * size.width;
  }
}

@ArgsType()
class AreaArgs {
  @Field(() => Int, { description: 'Width.' })
  width!: number;
}

@Resolver(() => Tile)
class ArgsClassResolver {
  @LeanResolver()
  @FieldResolver(() => Int, { description: 'Its area, from an arguments class.' })
  surface(@Root() tile: Tile, @Args(() => AreaArgs) args: AreaArgs): number {
    return tile.number * args.width;
  }
}

@Resolver(() => Tile)
class GuardedResolver {
  @LeanResolver()
  @Authorized()
  @FieldResolver(() => Int, { description: 'A secret.' })
  secret(@Root() tile: Tile): number {
    return tile.number;
  }
}

describe('@LeanResolver', () => {
  it('calls the method with the parent as it is, the coerced arguments, the context and the info', async () => {
    const schema = await buildFederatedSchema({ resolvers: [TileResolver], authChecker: () => true });
    calls.length = 0;
    const result = await graphql({
      schema,
      source: '{ tiles { a: label(times: 2, shade: DARK) b: label(times: 1) } }',
      contextValue: { user: 'ana' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      tiles: [
        { a: '11 dark', b: '1 plain' },
        { a: '22 dark', b: '2 plain' },
        { a: '33 dark', b: '3 plain' },
      ],
    });
    expect(calls[0]).toEqual({ root: { number: 1 }, times: 2, shade: 'dark', user: 'ana', path: 'a' });
    expect(calls[0]!.root).not.toBeInstanceOf(Tile); // not converted, as promised
    expect(calls[1]).toEqual({ root: { number: 1 }, times: 1, shade: undefined, user: 'ana', path: 'b' });
    // a bad argument is still refused by GraphQL itself
    const bad = await graphql({ schema, source: '{ tiles { label(times: "x") } }', contextValue: {} });
    expect(bad.errors?.[0]?.message).toMatch(/Int cannot represent/);
  });

  it('refuses fields with input object arguments, and guarded fields', async () => {
    await expect(
      buildFederatedSchema({ resolvers: [TileResolver, InputObjectResolver], authChecker: () => true }),
    ).rejects.toThrow(/InputObjectResolver\.area: input object arguments need type-graphql \(size\)/);
    await expect(
      buildFederatedSchema({ resolvers: [TileResolver, GuardedResolver], authChecker: () => true }),
    ).rejects.toThrow(/GuardedResolver\.secret: the field has @Authorized or middlewares/);
    // an arguments class may carry rules and needs converting: refused, though its fields are scalars
    await expect(
      buildFederatedSchema({ resolvers: [TileResolver, ArgsClassResolver], authChecker: () => true }),
    ).rejects.toThrow(/ArgsClassResolver\.surface: parameter 1 is a args parameter/);
    // a global middleware would be skipped as well
    await expect(
      buildFederatedSchema({
        resolvers: [TileResolver],
        authChecker: () => true,
        globalMiddlewares: [async (_data, next) => next()],
      }),
    ).rejects.toThrow(/TileResolver\.label: the field has @Authorized or middlewares/);
  });
});
