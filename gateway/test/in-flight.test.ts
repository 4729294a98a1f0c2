import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueClientToken } from '../src/identity';
import { InFlightFetches } from '../src/in-flight';
import { FIXTURE_AUTH, startFixtureHub, type FixtureHub } from './fixtures/hub';

const SLOW = '{ slowGreeting { id text likes } }';

let hub: FixtureHub;

beforeAll(async () => {
  hub = await startFixtureHub(); // no response cache: every request reaches the data sources
});

afterAll(async () => {
  await hub?.stop();
});

function token(subject: string, roles: Array<'editor' | 'contributor'>): Promise<string> {
  return issueClientToken({
    secret: FIXTURE_AUTH.secret,
    issuer: FIXTURE_AUTH.issuer,
    audience: FIXTURE_AUTH.audience,
    subject,
    name: subject,
    organisationId: 'org-cpmr',
    roles,
  });
}

describe('identical reads in flight at once', () => {
  it('share one subgraph request, and every caller gets the whole answer', async () => {
    const before = hub.subgraphs.greetings.calls;
    const responses = await Promise.all(Array.from({ length: 6 }, () => hub.query(SLOW)));
    for (const response of responses) {
      expect(response.body).toEqual({
        data: { slowGreeting: { id: '1', text: 'Hello, regions', likes: 10 } },
      });
    }
    expect(hub.subgraphs.greetings.calls - before).toBe(1);
  });

  it('are never shared between callers who may see different data', async () => {
    const [editor, contributor] = await Promise.all([
      token('user-1', ['editor']),
      token('user-2', ['contributor']),
    ]);
    const before = hub.subgraphs.greetings.calls;
    await Promise.all([
      hub.query(SLOW),
      hub.query(SLOW, undefined, { authorization: `Bearer ${editor}` }),
      hub.query(SLOW, undefined, { authorization: `Bearer ${editor}` }),
      hub.query(SLOW, undefined, { authorization: `Bearer ${contributor}` }),
    ]);
    // anonymous, the editor (twice, shared) and the contributor
    expect(hub.subgraphs.greetings.calls - before).toBe(3);
  });
});

describe('InFlightFetches', () => {
  it('gives every sharer but the first its own copy, and shares failures', async () => {
    const fetches = new InFlightFetches<{ data: { n: number } }>((value) => structuredClone(value));
    let release!: (value: { data: { n: number } }) => void;
    const leader = fetches.run('k', () => new Promise((resolve) => (release = resolve)));
    const follower = fetches.run('k', () => Promise.reject(new Error('not called')));
    release({ data: { n: 1 } });
    const [a, b] = await Promise.all([leader, follower]);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    expect(fetches.shared).toBe(1);

    const failing = fetches.run('f', () => Promise.reject(new Error('down')));
    const sharing = fetches.run('f', () => Promise.resolve({ data: { n: 2 } }));
    await expect(failing).rejects.toThrow('down');
    await expect(sharing).rejects.toThrow('down');
    // once settled, the next read asks again
    await expect(fetches.run('f', () => Promise.resolve({ data: { n: 3 } }))).resolves.toEqual({
      data: { n: 3 },
    });
  });
});
