import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  ANY_SUBGRAPH_TAG,
  cacheTagsOf,
  entityTag,
  subgraphTag,
  supergraphOwnership,
} from '../src/cache-entities';
import { tagsOfEvent, trackedEntities } from '../src/cache-events';

/** The hub's committed supergraph: the ownership the gateway reads at start, and the API types. */
const SUPERGRAPH = readFileSync(path.resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8');
const schema = buildSchema(SUPERGRAPH, { assumeValidSDL: true });
const ownership = supergraphOwnership(SUPERGRAPH);
const tracked = trackedEntities([{ subgraph: 'events', postgresUrl: 'unused' }]);

function tags(query: string, data: Record<string, unknown> | null, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return [...cacheTagsOf({ schema, ownership, tracked, document, operation, variables, data })].sort();
}

const ID = '0b9d7d4e-6a0c-4d8c-9f7f-1f1f1f1f1f1f';
const OTHER = '6f1c1c1c-2222-4333-8444-555555555555';

describe('supergraphOwnership', () => {
  it('reads which subgraph resolves a field, and the key of an entity', () => {
    expect(ownership.owners('Event', 'title')).toEqual(['events']);
    expect(ownership.owners('Event', 'consultations')).toEqual(['dialogue']);
    expect(ownership.owners('Query', 'event')).toEqual(['events']);
    expect(ownership.keyOf('Event')).toBe('id');
    expect(ownership.keyOf('Region')).toBe('code');
    expect(ownership.keyOf('Venue')).toBeUndefined();
  });
});

describe('cacheTagsOf', () => {
  it('names the entity a lookup by key returns, and nothing of its subgraph besides', () => {
    const found = tags(
      'query ($id: ID!) { event(id: $id) { id title venue { name } } }',
      {
        event: { id: ID, title: 'A title', venue: { name: 'Hall' } },
      },
      { id: ID },
    );
    expect(found).toEqual([entityTag('Event', ID), 't:Event']);
  });

  it('tags the whole subgraph when a lookup found nothing (the entity may be created)', () => {
    expect(tags(`{ event(id: "${ID}") { id title } }`, { event: null })).toEqual([subgraphTag('events')]);
  });

  it('tags the whole subgraph when the key is not selected (the entity cannot be named)', () => {
    expect(tags(`{ event(id: "${ID}") { title } }`, { event: { title: 'A title' } })).toEqual([
      subgraphTag('events'),
    ]);
  });

  it('tags lists by subgraph (a created event may join them), and names the entities in them', () => {
    const found = tags('{ events(first: 2) { totalCount edges { node { myId: id title } } } }', {
      events: {
        totalCount: 2,
        edges: [{ node: { myId: ID, title: 'a' } }, { node: { myId: OTHER, title: 'b' } }],
      },
    });
    expect(found).toEqual([
      entityTag('Event', ID),
      entityTag('Event', OTHER),
      subgraphTag('events'),
      't:Event',
    ]);
  });

  it('tags what other subgraphs serve on an event by those subgraphs, through fragments', () => {
    const found = tags(
      'query ($id: ID!) { event(id: $id) { ...E } } fragment E on Event { id title hostRegions { code name } consultations { id } }',
      { event: { id: ID, title: 'A', hostRegions: [{ code: 'BE10', name: 'Brussels' }], consultations: [] } },
      { id: ID },
    );
    expect(found).toEqual([
      entityTag('Event', ID),
      subgraphTag('dialogue'),
      subgraphTag('regions'),
      't:Event',
    ]);
  });

  it('does not name entities of a subgraph whose events the gateway does not hear', () => {
    const document = parse(`query ($id: ID!) { event(id: $id) { id title } }`);
    const found = cacheTagsOf({
      schema,
      ownership,
      tracked: new Map(),
      document,
      operation: document.definitions[0] as OperationDefinitionNode,
      variables: { id: ID },
      data: { event: { id: ID, title: 'A' } },
    });
    expect([...found]).toEqual([subgraphTag('events')]);
  });

  it('tags a subgraph it fetched from but saw no field of, and an unknown field as any write', () => {
    const document = parse('{ event(id: "x") { id } }');
    const found = cacheTagsOf({
      schema,
      ownership,
      tracked,
      document,
      operation: document.definitions[0] as OperationDefinitionNode,
      variables: {},
      data: { event: { id: 'x' } },
      fetched: ['events', 'regions'],
    });
    expect([...found].sort()).toEqual([entityTag('Event', 'x'), subgraphTag('regions'), 't:Event']);
    expect(tags('{ nothingLikeThis }', { nothingLikeThis: 1 })).toEqual([ANY_SUBGRAPH_TAG]);
  });
});

describe('tagsOfEvent', () => {
  it('evicts the event named, and what of the events subgraph no entity covers', () => {
    expect(tagsOfEvent('events', 'events.eventChanged', { id: ID, action: 'update' })).toEqual([
      subgraphTag('events'),
      entityTag('Event', ID),
    ]);
    expect(tagsOfEvent('events', 'events.eventChanged', {})).toEqual([subgraphTag('events'), 't:Event']);
    // a topic no entry lists (another deployment's newer publisher) evicts its subgraph's untracked data only
    expect(tagsOfEvent('forum', 'forum.somethingElse', { threadId: ID })).toEqual([subgraphTag('forum')]);
  });

  it('names the entities of each subgraph by the keys its payloads carry, lists of keys included', () => {
    expect(tagsOfEvent('forum', 'forum.threadChanged', { threadId: ID, postId: null })).toEqual([
      subgraphTag('forum'),
      entityTag('Thread', ID),
    ]);
    expect(tagsOfEvent('dialogue', 'dialogue.consultationChanged', { id: 'c1' })).toEqual([
      subgraphTag('dialogue'),
      entityTag('Consultation', 'c1'),
    ]);
    // a pairing is in its programme's list of pairings
    expect(tagsOfEvent('exchanges', 'exchanges.pairingChanged', { id: 'p1', programmeId: 'g1' })).toEqual([
      subgraphTag('exchanges'),
      entityTag('Pairing', 'p1'),
      entityTag('Programme', 'g1'),
    ]);
    // from a publisher before `programmeId`: every programme shown goes
    expect(tagsOfEvent('exchanges', 'exchanges.pairingChanged', { id: 'p1' })).toEqual([
      subgraphTag('exchanges'),
      entityTag('Pairing', 'p1'),
      't:Programme',
    ]);
    expect(tagsOfEvent('exchanges', 'exchanges.programmeChanged', { id: 'g1' })).toEqual([
      subgraphTag('exchanges'),
      entityTag('Programme', 'g1'),
    ]);
    expect(
      tagsOfEvent('indicators', 'indicators.observationRecorded', {
        batchId: 'b1',
        indicators: ['EMP_RATE', 'UNEMP_RATE'],
        regions: null,
      }),
    ).toEqual([
      subgraphTag('indicators'),
      entityTag('Indicator', 'EMP_RATE'),
      entityTag('Indicator', 'UNEMP_RATE'),
    ]);
    for (const topic of ['library.resourceChanged', 'library.resourcePublished'])
      expect(tagsOfEvent('library', topic, { id: 'r1' })).toEqual([
        subgraphTag('library'),
        entityTag('Resource', 'r1'),
      ]);
  });

  it('tracks one entity type per publishing subgraph, or two', () => {
    const sources = ['events', 'forum', 'dialogue', 'exchanges', 'indicators', 'library', 'regions'].map(
      (subgraph) => ({ subgraph, postgresUrl: 'postgres://db/x' }),
    );
    expect(Object.fromEntries(trackedEntities(sources))).toEqual({
      Event: 'events',
      Thread: 'forum',
      Consultation: 'dialogue',
      Pairing: 'exchanges',
      Programme: 'exchanges',
      Indicator: 'indicators',
      Resource: 'library',
    });
  });
});
