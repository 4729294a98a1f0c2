import { describe, expect, it } from 'vitest';
import { readSubgraphList, startOrder, validateSubgraphList } from '../src/subgraphs';

const entry = (name: string, port: number, peers: string[] = []) => ({
  name,
  package: `@hub/${name}`,
  port,
  peers,
  url: `http://localhost:${port}/graphql`,
  schema: `../services/${name}/schema.graphql`,
});

describe('schema/subgraphs.json', () => {
  it('lists the four subgraphs with their packages, ports and peers', () => {
    const list = readSubgraphList();
    // (CI's scaffold check runs this with one more entry.)
    expect(
      list.map(({ name, package: pkg, port, peers }) => ({ name, pkg, port, peers })).slice(0, 4),
    ).toEqual([
      { name: 'regions', pkg: '@hub/regions', port: 4001, peers: [] },
      { name: 'events', pkg: '@hub/events', port: 4002, peers: ['regions'] },
      { name: 'forum', pkg: '@hub/forum', port: 4003, peers: ['regions', 'events'] },
      { name: 'indicators', pkg: '@hub/indicators', port: 4004, peers: ['regions'] },
    ]);
    expect(list[0]!.directory).toMatch(/services\/regions$/);
  });

  it('names every problem of an invalid list at once', () => {
    const invalid = {
      subgraphs: [
        entry('regions', 4001),
        { ...entry('events', 4001, ['regions', 'nowhere']), url: 'http://localhost:9999/graphql' },
        entry('Bad', 4003),
        { ...entry('forum', 4004), package: '@other/forum', extra: true },
      ],
    };
    expect(() => validateSubgraphList(invalid, 'subgraphs.json')).toThrow(
      [
        'subgraphs.json is invalid:',
        '  - subgraphs[1] (events): "url" must be "http://localhost:4001/graphql"',
        '  - subgraphs[2] (Bad): "name" must be lower-case letters (a-z)',
        '  - subgraphs[3] (forum): unknown field "extra"',
        '  - subgraphs[3] (forum): "package" must be "@hub/forum"',
        '  - events and regions both use port 4001',
        '  - events: unknown peer "nowhere"',
      ].join('\n'),
    );
  });

  it('refuses peers that form a cycle', () => {
    const cyclic = { subgraphs: [entry('a', 5001, ['b']), entry('b', 5002, ['a'])] };
    expect(() => validateSubgraphList(cyclic, 'x.json')).toThrow('peers form a cycle: a → b → a');
  });

  it('starts each subgraph after its peers, in file order otherwise', () => {
    const order = startOrder([
      entry('forum', 1, ['regions', 'events']),
      entry('events', 2, ['regions']),
      entry('regions', 3),
    ]);
    expect(order.map((e) => e.name)).toEqual(['regions', 'events', 'forum']);
  });
});
