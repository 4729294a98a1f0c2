import { subscribeForTest, waitFor, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_PUBLISHED } from '../src/writes/resource-published.write';
import { createResource, publishedResource, startLibrary } from './helpers';

let library: TestSubgraph;
beforeAll(async () => {
  library = await startLibrary();
});
afterAll(async () => library?.stop());

const SUBSCRIBE = /* GraphQL */ `
  subscription ($region: ID, $policyAreas: [PolicyArea!]) {
    resourcePublished(region: $region, policyAreas: $policyAreas) {
      id
      title
      status
    }
  }
`;

describe('resourcePublished', () => {
  it('pushes resources as they are published, in the region (or inside it) and policy areas asked, never drafts', async () => {
    const before = library.bus.activeListeners(RESOURCE_PUBLISHED);
    const subscription = await subscribeForTest<{ resourcePublished: { id: string } }>(
      library.url,
      SUBSCRIBE,
      {
        region: 'EL4',
        policyAreas: ['HOUSING', 'COMMUNITY_SPONSORSHIP'],
      },
    );
    try {
      await waitFor(() => library.bus.activeListeners(RESOURCE_PUBLISHED) === before + 1, 'the subscription');
      await createResource(library, { territories: ['EL43'] }); // a draft: never pushed
      await publishedResource(library, { territories: ['FR10'], policyAreas: ['HOUSING'] }); // other region
      await publishedResource(library, { territories: ['EL43'], policyAreas: ['HEALTH'] }); // other area
      const wanted = await publishedResource(library, {
        title: 'Parrainage communautaire en Crète',
        territories: ['EL43'],
        policyAreas: ['COMMUNITY_SPONSORSHIP'],
      });
      const message = await subscription.next();
      expect(message.data).toEqual({
        resourcePublished: { id: wanted.id, title: 'Parrainage communautaire en Crète', status: 'PUBLISHED' },
      });
      expect(subscription.received).toHaveLength(1);
    } finally {
      await subscription.close();
    }
    await waitFor(() => library.bus.activeListeners(RESOURCE_PUBLISHED) === before, 'the unsubscription');
  });

  it('refuses a malformed region', async () => {
    const subscription = await subscribeForTest(library.url, SUBSCRIBE, { region: 'not a region' });
    const message = await subscription.next();
    expect(message.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await subscription.close();
  });
});
