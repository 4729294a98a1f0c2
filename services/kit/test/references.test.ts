import 'reflect-metadata';
import { ArrayMaxSize, Matches, ValidateNested } from 'class-validator';
import { GraphQLError, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EntitySchema } from '@mikro-orm/core';
import { createPeerDirectory } from '../src/graphql/peers';
import { createReferenceTypes } from '../src/graphql/reference-types';
import { buildSubgraphSchemaFor, subgraphSdl } from '../src/graphql/subgraph-schema';
import { defineSubgraph } from '../src/runtime/definition';
import type { SubgraphContext } from '../src/runtime/server';
import {
  startTestSubgraph,
  testCaller,
  testInternalKeys,
  testPeerSigner,
  type TestSubgraph,
} from '../src/testing';
import { createAuditLog } from '../src/writes/audit';
import { performWrite } from '../src/writes/perform-write';

// Two subgraphs in one process, each extending Region and Organisation with its own fields, as the hub runs
// them: alpha checks region codes against beta (its peer), beta knows only some codes.

type Context = SubgraphContext<Record<string, never>>;

// MikroORM wants one entity per ORM; neither subgraph stores anything of its own here.
const unused = (name: string) =>
  new EntitySchema({
    name,
    tableName: `${name.toLowerCase()}_unused`,
    properties: { id: { type: 'number', primary: true } },
  });

const alphaRefs = createReferenceTypes();
const betaRefs = createReferenceTypes();
type AlphaRegion = InstanceType<typeof alphaRefs.Region>;
type BetaRegion = InstanceType<typeof betaRefs.Region>;

@Resolver(() => alphaRefs.Region)
class AlphaRegionReference {
  @FieldResolver(() => String, { description: 'What alpha says about the region.' })
  alphaNote(@Root() region: AlphaRegion): string {
    return `alpha knows ${region.code}`;
  }
}

@Resolver(() => betaRefs.Region)
class BetaRegionReference {
  @FieldResolver(() => String, { description: 'What beta says about the region.' })
  betaNote(@Root() region: BetaRegion): string {
    return `beta knows ${region.code}`;
  }
}

@InputType('PlaceInput', { description: 'A place.' })
class PlaceInput {
  @Field(() => ID, { description: 'Its region.' })
  @Matches(/^[A-Z]{2}[A-Z0-9]{0,3}$/, { message: 'must be a NUTS code' })
  code!: string;
}

@InputType('AddPlacesInput', { description: 'Places to add.' })
class AddPlacesInput {
  @Field(() => [ID], { description: 'Regions the places are in.' })
  @ArrayMaxSize(5)
  regions!: string[];

  @Field(() => [PlaceInput], { description: 'The places.' })
  @ValidateNested({ each: true })
  places!: PlaceInput[];
}

@ArgsType()
class NearbyArgs {
  @Field(() => PlaceInput, { nullable: true, description: 'Near this place.' })
  @ValidateNested()
  near?: PlaceInput | null;
}

const alphaAudit = createAuditLog<InstanceType<typeof alphaRefs.Organisation>, Context>({
  fieldName: 'alphaAuditLog',
  whatIsAudited: 'alpha places',
  organisationType: alphaRefs.Organisation,
});

@Resolver()
class AlphaResolver {
  @Query(() => alphaRefs.Region, { description: 'A region stub.' })
  alphaRegion(@Arg('code', () => ID, { description: 'Its code.' }) code: string): AlphaRegion {
    return alphaRefs.region(code);
  }

  @Query(() => Int, { description: 'How many places are near.' })
  nearby(@Args(() => NearbyArgs) _args: NearbyArgs): number {
    return 0;
  }

  @Query(() => Int, { description: 'How many places are listed.' })
  countPlaces(
    @Arg('places', () => [PlaceInput], { description: 'The places.' }) places: PlaceInput[],
  ): number {
    return places.length;
  }

  @Mutation(() => Boolean, { description: 'Adds places in regions beta knows.' })
  async addPlaces(
    @Arg('input', () => AddPlacesInput, { description: 'The places.' }) input: AddPlacesInput,
    @Ctx() context: Context,
  ): Promise<boolean> {
    await context.peers.assertExist({
      subgraph: 'beta',
      typename: 'Region',
      keyField: 'code',
      keys: input.regions,
      path: 'input.regions',
    });
    return performWrite(
      context,
      { entity: 'Place', action: 'create', input },
      async () => ({ entityId: input.regions.join(','), changedFields: ['regions', 'places'] }),
      async () => true,
    );
  }
}

@Resolver()
class BetaResolver {
  @Query(() => betaRefs.Region, { description: 'A region stub.' })
  betaRegion(@Arg('code', () => ID, { description: 'Its code.' }) code: string): BetaRegion {
    return betaRefs.region(code);
  }
}

const BETA_KNOWS = new Set(['FR10', 'DE30', 'EL43']);

const alpha = defineSubgraph({
  name: 'alpha',
  entities: [unused('Alpha')],
  migrations: [],
  resolvers: [AlphaResolver, AlphaRegionReference, alphaAudit.AuditLogResolver],
  references: alphaRefs.references,
  loaders: () => ({}),
});

const beta = defineSubgraph({
  name: 'beta',
  entities: [unused('Beta')],
  migrations: [],
  resolvers: [BetaResolver, BetaRegionReference],
  references: {
    ...betaRefs.references,
    Region: (reference: { code: string }) =>
      BETA_KNOWS.has(reference.code) ? betaRefs.region(reference.code) : null,
  },
  loaders: () => ({}),
});

describe('createReferenceTypes', () => {
  it('gives each subgraph its own Region, so one subgraph’s fields never show in another’s schema', async () => {
    const [alphaSchema, betaSchema] = await Promise.all([
      buildSubgraphSchemaFor(alpha),
      buildSubgraphSchemaFor(beta),
    ]);
    const fieldsOf = (schema: GraphQLSchema, type: string) =>
      Object.keys((schema.getType(type) as GraphQLObjectType).getFields()).sort();
    expect(fieldsOf(alphaSchema, 'Region')).toEqual(['alphaNote', 'code']);
    expect(fieldsOf(betaSchema, 'Region')).toEqual(['betaNote', 'code']);
    expect(fieldsOf(alphaSchema, 'Organisation')).toEqual(['id']);
    const sdl = await subgraphSdl(alpha);
    expect(sdl).toContain('type Region\n  @key(fields: "code")\n{');
    expect(sdl).toContain('type Organisation\n  @key(fields: "id")\n{');
    expect(alphaRefs.Region).not.toBe(betaRefs.Region);
  });
});

describe('peers, input errors and the audit log in running subgraphs', () => {
  let betaServer: TestSubgraph;
  let alphaServer: TestSubgraph;
  const admin = testCaller('cor', ['admin'], 'admin-cor');

  beforeAll(async () => {
    // beta trusts alpha as a peer (PEER_KEYS); alpha signs its calls with its own key
    betaServer = await startTestSubgraph(beta, inject('databaseServerUrl'), {
      internalKeys: testInternalKeys('beta', ['alpha']),
    });
    alphaServer = await startTestSubgraph(alpha, inject('databaseServerUrl'), {
      peers: { beta: betaServer.url },
    });
  });
  afterAll(async () => {
    await alphaServer?.stop();
    await betaServer?.stop();
  });

  const ADD = 'mutation ($input: AddPlacesInput!) { addPlaces(input: $input) }';

  it('resolves Region stubs through _entities with this subgraph’s fields only', async () => {
    const { body } = await alphaServer.query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code alphaNote } } }',
      {
        r: [
          { __typename: 'Region', code: 'FR10' },
          { __typename: 'Region', code: 'nope' },
        ],
      },
    );
    expect(body.data).toEqual({ _entities: [{ code: 'FR10', alphaNote: 'alpha knows FR10' }, null] });
    expect(body.errors).toBeUndefined();
  });

  it('names every key the peer does not know at its path, in one BAD_USER_INPUT', async () => {
    const { body } = await alphaServer.query(
      ADD,
      { input: { regions: ['FR10', 'XX99', 'DE30', 'YY11', 'XX99'], places: [] } },
      admin,
    );
    expect(body.errors).toEqual([
      expect.objectContaining({
        message:
          'Invalid input: input.regions[1]: unknown region "XX99" · input.regions[3]: unknown region "YY11" · input.regions[4]: unknown region "XX99"',
        extensions: {
          code: 'BAD_USER_INPUT',
          fieldErrors: [
            { path: 'input.regions[1]', messages: ['unknown region "XX99"'] },
            { path: 'input.regions[3]', messages: ['unknown region "YY11"'] },
            { path: 'input.regions[4]', messages: ['unknown region "XX99"'] },
          ],
          unknownKeys: ['XX99', 'YY11'],
        },
      }),
    ]);
  });

  it('reports class-validator failures in the same shape, list items as [index]', async () => {
    const { body } = await alphaServer.query(
      ADD,
      { input: { regions: ['FR10'], places: [{ code: 'FR10' }, { code: 'not a code' }] } },
      admin,
    );
    expect(body.errors?.[0]).toMatchObject({
      message: 'Invalid input: input.places[1].code: must be a NUTS code',
      extensions: {
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: 'input.places[1].code', messages: ['must be a NUTS code'] }],
      },
    });
  });

  it('starts paths at the argument: fields of an @Args class are arguments, list arguments get [index]', async () => {
    const nearby = await alphaServer.query('{ nearby(near: { code: "nowhere" }) }');
    expect(nearby.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: 'near.code', messages: ['must be a NUTS code'] }],
    });
    const counted = await alphaServer.query('{ countPlaces(places: [{ code: "FR10" }, { code: "x" }]) }');
    expect(counted.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: 'places[1].code', messages: ['must be a NUTS code'] }],
    });
    const fine = await alphaServer.query('{ countPlaces(places: [{ code: "FR10" }]) nearby }');
    expect(fine.body.data).toEqual({ countPlaces: 1, nearby: 0 });
  });

  it('serves the audit log with at as DateTime and organisation as this subgraph’s Organisation', async () => {
    const added = await alphaServer.query(ADD, { input: { regions: ['FR10', 'EL43'], places: [] } }, admin);
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data).toEqual({ addPlaces: true });
    const { body } = await alphaServer.query<{
      alphaAuditLog: {
        edges: Array<{ node: { at: string; organisation: { id: string } | null; entityId: string } }>;
      };
    }>('{ alphaAuditLog(first: 1) { edges { node { at entityId organisation { id } } } } }', {}, admin);
    expect(body.errors).toBeUndefined();
    const [edge] = body.data!.alphaAuditLog.edges;
    expect(edge!.node).toEqual({
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      entityId: 'FR10,EL43',
      organisation: { id: 'cor' },
    });
    expect(Date.now() - Date.parse(edge!.node.at)).toBeLessThan(60_000);
    const record = (await buildSubgraphSchemaFor(alpha)).getType('AuditRecord') as GraphQLObjectType;
    expect(String(record.getFields().at!.type)).toBe('DateTime!');
    expect(String(record.getFields().organisation!.type)).toBe('Organisation');
    expect(record.getFields().organisationId).toBeUndefined();
    expect(record.astNode?.directives?.map((directive) => directive.name.value)).toContain('shareable');
  });
});

describe('peers.assertExist without an answer', () => {
  const check = {
    subgraph: 'beta',
    typename: 'Region',
    keyField: 'code',
    keys: ['FR10'],
    path: 'input.regions',
  };

  it('is PEER_UNAVAILABLE when the peer cannot be reached', async () => {
    const peers = createPeerDirectory({
      peers: { beta: 'http://127.0.0.1:1/graphql' },
      signer: testPeerSigner('alpha'),
    });
    const failure = await peers.assertExist(check).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLError);
    expect((failure as GraphQLError).extensions).toEqual({ code: 'PEER_UNAVAILABLE' });
    expect((failure as GraphQLError).message).toContain('input.regions');
  });

  it('checks nothing (format checks only) when no URL is configured, and warns once', async () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as never;
    const peers = createPeerDirectory({ peers: {}, signer: testPeerSigner('alpha'), logger });
    await expect(peers.assertExist(check)).resolves.toBeUndefined();
    await expect(
      peers.assertExist([check, { ...check, keys: 'DE30', path: 'input.region' }]),
    ).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});
