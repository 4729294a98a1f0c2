import 'reflect-metadata';
import { EntitySchema } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPeerDirectory } from '../src/graphql/peers';
import { createReferenceTypes } from '../src/graphql/reference-types';
import { defineSubgraph } from '../src/runtime/definition';
import type { SubgraphContext } from '../src/runtime/server';
import { INTERNAL_TOKEN_HEADER } from '../src/writes/identity';
import { startTestSubgraph, testInternalKeys, testPeerSigner, type TestSubgraph } from '../src/testing';

// A "members" subgraph (as regions: organisations with members) and the directory of another subgraph that
// asks it: peers.query (dialogue reads Organisation.members) and assertExist with a path per key inside a list
// of input objects (indicators' input.observations[i].region).

type Context = SubgraphContext<Record<string, never>>;
const refs = createReferenceTypes();
type Organisation = InstanceType<typeof refs.Organisation>;

const MEMBERS: Record<string, string[]> = { 'forum-of-forefront-regions': ['EL41', 'IT', 'ES7'] };
const REGIONS = new Set(['EL41', 'EL42', 'EL43', 'IT', 'ES7']);

@ObjectType('Membership', { description: 'A member of an organisation.' })
class Membership {
  @Field(() => refs.Region, { description: 'The member region.' })
  memberRegion!: InstanceType<typeof refs.Region>;
}

@Resolver(() => refs.Organisation)
class OrganisationMembers {
  @Query(() => [Membership], { description: 'Members of an organisation.' })
  membersOf(@Arg('organisation', () => ID, { description: 'Its id.' }) organisation: string): Membership[] {
    return (MEMBERS[organisation] ?? []).map((code) => ({ memberRegion: refs.region(code) }));
  }

  @Query(() => String, { description: 'Who is asking, as this subgraph sees it.' })
  whoAsks(@Ctx() context: Context): string {
    return context.caller.subject ?? 'anonymous';
  }
}

const members = defineSubgraph({
  name: 'members',
  entities: [
    new EntitySchema({
      name: 'MembersUnused',
      tableName: 'members_unused',
      properties: { id: { type: 'number', primary: true } },
    }),
  ],
  migrations: [],
  resolvers: [OrganisationMembers],
  orphanedTypes: [refs.Organisation],
  references: {
    ...refs.references,
    Region: (reference: { code: string }) =>
      REGIONS.has(reference.code) ? refs.region(reference.code) : null,
    Organisation: (reference: { id: string }): Organisation | null =>
      MEMBERS[reference.id] ? refs.organisation(reference.id) : null,
  },
  loaders: () => ({}),
});

const MEMBERS_QUERY = `query ($id: ID!) { membersOf(organisation: $id) { memberRegion { code } } whoAsks }`;

describe('peers.query and assertExist paths, on a running peer', () => {
  let peer: TestSubgraph;
  const warnings: unknown[] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args) } as never;
  let peers: ReturnType<typeof createPeerDirectory>;

  beforeAll(async () => {
    // the peer trusts the calling subgraph "caller" (its public key), as PEER_KEYS would say
    peer = await startTestSubgraph(members, inject('databaseServerUrl'), {
      internalKeys: testInternalKeys('members', ['caller']),
    });
    peers = createPeerDirectory({
      peers: { members: peer.url, broken: `${peer.url.replace('/graphql', '')}/nowhere` },
      signer: testPeerSigner('caller'),
      logger,
    });
  });
  afterAll(async () => {
    await peer?.stop();
  });

  it('runs one operation as ANONYMOUS and returns its data', async () => {
    const answer = await peers.query<{
      membersOf: Array<{ memberRegion: { code: string } }>;
      whoAsks: string;
    }>('members', MEMBERS_QUERY, { id: 'forum-of-forefront-regions' });
    expect(answer).toEqual({
      data: {
        membersOf: [
          { memberRegion: { code: 'EL41' } },
          { memberRegion: { code: 'IT' } },
          { memberRegion: { code: 'ES7' } },
        ],
        whoAsks: 'anonymous',
      },
    });
    const entities = await peers.query(
      'members',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { id } } }',
      {
        r: [
          { __typename: 'Organisation', id: 'forum-of-forefront-regions' },
          { __typename: 'Organisation', id: 'nobody' },
        ],
      },
    );
    expect(entities).toEqual({ data: { _entities: [{ id: 'forum-of-forefront-regions' }, null] } });
  });

  it('is undefined for a peer without a configured URL (nothing can be asked)', async () => {
    expect(await peers.query('events', MEMBERS_QUERY, { id: 'x' })).toBeUndefined();
  });

  it('is PEER_UNAVAILABLE when the peer answers errors, a bad status, or cannot be reached', async () => {
    const failures = [
      peers.query('members', '{ noSuchField }'),
      peers.query('members', MEMBERS_QUERY, {}), // missing variable
      peers.query('broken', MEMBERS_QUERY, { id: 'x' }), // 404
      createPeerDirectory({
        peers: { members: 'http://127.0.0.1:1/graphql' },
        signer: testPeerSigner('caller'),
      }).query('members', MEMBERS_QUERY, { id: 'x' }),
      createPeerDirectory({
        peers: { members: peer.url },
        signer: testPeerSigner('untrusted'),
      }).query('members', MEMBERS_QUERY, { id: 'x' }), // 401: a subgraph the peer does not trust
    ];
    for (const failure of await Promise.all(
      failures.map((p) =>
        p.then(
          () => 'resolved',
          (e: unknown) => e,
        ),
      ),
    )) {
      expect(failure).toBeInstanceOf(GraphQLError);
      expect((failure as GraphQLError).extensions).toEqual({ code: 'PEER_UNAVAILABLE' });
      expect((failure as GraphQLError).message).toMatch(
        /^The (members|broken) subgraph could not be reached or could not answer/,
      );
    }
    expect(warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('reports keys inside a list of input objects at pathOf(index), all in one request', async () => {
    const rows = ['EL41', 'XX99', 'EL42', 'EL43', 'YY11', 'XX99'].map((region, i) => ({ region, value: i }));
    const failure = await peers
      .assertExist({
        subgraph: 'members',
        typename: 'Region',
        keyField: 'code',
        keys: rows.map((row) => row.region),
        path: 'input.observations',
        pathOf: (index) => `input.observations[${index}].region`,
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLError);
    expect((failure as GraphQLError).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: 'input.observations[1].region', messages: ['unknown region "XX99"'] },
        { path: 'input.observations[4].region', messages: ['unknown region "YY11"'] },
        { path: 'input.observations[5].region', messages: ['unknown region "XX99"'] },
      ],
      unknownKeys: ['XX99', 'YY11'],
    });
    // Without pathOf the default stays `${path}[i]`.
    const plain = await peers
      .assertExist({
        subgraph: 'members',
        typename: 'Region',
        keyField: 'code',
        keys: ['IT', 'ZZ1'],
        path: 'input.regions',
      })
      .catch((error: unknown) => error);
    expect((plain as GraphQLError).extensions.fieldErrors).toEqual([
      { path: 'input.regions[1]', messages: ['unknown region "ZZ1"'] },
    ]);
  });

  it('sends one _entities request for any number of rows', async () => {
    let requests = 0;
    const counting = createServer((req, res) => {
      requests += 1;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        // forward to the real peer
        const answer = await fetch(peer.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [INTERNAL_TOKEN_HEADER]: String(req.headers[INTERNAL_TOKEN_HEADER]),
          },
          body: Buffer.concat(chunks),
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      });
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    try {
      const directory = createPeerDirectory({
        peers: { members: `http://127.0.0.1:${(counting.address() as AddressInfo).port}/graphql` },
        signer: testPeerSigner('caller'),
      });
      const keys = Array.from({ length: 1_000 }, (_, i) => ['EL41', 'EL42', 'EL43', 'IT', 'ES7'][i % 5]!);
      await expect(
        directory.assertExist({
          subgraph: 'members',
          typename: 'Region',
          keyField: 'code',
          keys,
          path: 'input.observations',
          pathOf: (index) => `input.observations[${index}].region`,
        }),
      ).resolves.toBeUndefined();
      expect(requests).toBe(1);
    } finally {
      await new Promise((resolve) => counting.close(resolve));
    }
  });
});
