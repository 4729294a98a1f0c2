import { describe, expect, it } from 'vitest';
import { INTERNAL_TOKEN_HEADER, subgraphIdentity, verifyInternalToken } from '../src/writes/identity';
import { createPeerDirectory, PEER_KEY_CACHE_TTL_MS } from '../src/graphql/peers';
import { testInternalKeys, testPeerSigner } from '../src/testing';

/** The calling subgraph's own identity: its peer calls are signed with its key. */
const SIGNER = testPeerSigner('forum');

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: { query: string; variables: { r: Array<Record<string, string>> } };
}

/** A fake regions subgraph that knows `known` codes, recording every request. */
function fakePeer(known: string[], answer?: () => Response) {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as Sent['body'];
    sent.push({ url, headers: init.headers as Record<string, string>, body });
    if (answer) return answer();
    const entities = body.variables.r.map((r) => (known.includes(r.code!) ? { code: r.code } : null));
    return new Response(JSON.stringify({ data: { _entities: entities } }), { status: 200 });
  }) as typeof globalThis.fetch;
  return { sent, fetch };
}

describe('createPeerDirectory', () => {
  it('answers undefined for a peer without a URL, without sending anything', async () => {
    const peer = fakePeer([]);
    const peers = createPeerDirectory({ peers: {}, signer: SIGNER, fetch: peer.fetch });
    expect(await peers.unknownKeys('regions', 'Region', 'code', ['FR10'])).toBeUndefined();
    expect(peer.sent).toHaveLength(0);
  });

  it('asks _entities as ANONYMOUS with a signed internal token and returns the keys that came back null', async () => {
    const peer = fakePeer(['FR10', 'DE30']);
    const peers = createPeerDirectory({
      peers: { regions: 'http://regions.test/graphql' },
      signer: SIGNER,
      fetch: peer.fetch,
    });
    expect(await peers.unknownKeys('regions', 'Region', 'code', ['FR10', 'XX99', 'DE30', 'FR10'])).toEqual([
      'XX99',
    ]);
    expect(peer.sent).toHaveLength(1);
    const [request] = peer.sent;
    expect(request!.url).toBe('http://regions.test/graphql');
    expect(request!.body.query).toContain('_entities(representations: $r) { ... on Region { code } }');
    expect(request!.body.variables.r).toEqual([
      { __typename: 'Region', code: 'FR10' },
      { __typename: 'Region', code: 'XX99' },
      { __typename: 'Region', code: 'DE30' },
    ]);
    // regions, trusting forum as a peer, accepts it for its own audience
    const caller = await verifyInternalToken(request!.headers[INTERNAL_TOKEN_HEADER], {
      audience: subgraphIdentity('regions'),
      ...testInternalKeys('regions', ['forum']),
      gatewayKeys: testInternalKeys('regions').gatewayKeys,
    });
    expect(caller).toMatchObject({ subject: null, roles: [] });
  });

  it('caches known keys for 10 minutes, and never unknown keys', async () => {
    let time = 1_000;
    const peer = fakePeer(['FR10']);
    const peers = createPeerDirectory({
      peers: { regions: 'http://regions.test/graphql' },
      signer: SIGNER,
      fetch: peer.fetch,
      now: () => time,
    });
    expect(await peers.unknownKeys('regions', 'Region', 'code', ['FR10', 'XX99'])).toEqual(['XX99']);
    expect(await peers.unknownKeys('regions', 'Region', 'code', ['FR10'])).toEqual([]);
    expect(peer.sent).toHaveLength(1);
    expect(await peers.unknownKeys('regions', 'Region', 'code', ['FR10', 'XX99'])).toEqual(['XX99']);
    expect(peer.sent).toHaveLength(2);
    expect(peer.sent[1]!.body.variables.r).toEqual([{ __typename: 'Region', code: 'XX99' }]);
    time += PEER_KEY_CACHE_TTL_MS;
    expect(await peers.unknownKeys('regions', 'Region', 'code', ['FR10'])).toEqual([]);
    expect(peer.sent).toHaveLength(3);
  });

  it('throws when the peer answers errors or an HTTP failure', async () => {
    for (const answer of [
      () => new Response(JSON.stringify({ errors: [{ message: 'boom' }] }), { status: 200 }),
      () => new Response('down', { status: 503 }),
    ]) {
      const peer = fakePeer([], answer);
      const peers = createPeerDirectory({
        peers: { regions: 'http://regions.test/graphql' },
        signer: SIGNER,
        fetch: peer.fetch,
      });
      await expect(peers.unknownKeys('regions', 'Region', 'code', ['FR10'])).rejects.toThrow(
        /Peer subgraph "regions"/,
      );
    }
  });
});
