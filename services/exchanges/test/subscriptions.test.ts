import { subscribeForTest, waitFor, type TestSubgraph, type TestSubscription } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAIRING_CHANGED } from '../src/writes/pairing-changed.write';
import { randomUUID } from 'node:crypto';
import {
  aerContributor,
  apply,
  openProgramme,
  cemrContributor,
  corEditor,
  eurocitiesEditor,
  mutate,
  proposedPairing,
  startExchanges,
} from './helpers';

let exchanges: TestSubgraph;
beforeAll(async () => {
  exchanges = await startExchanges();
});
afterAll(async () => exchanges?.stop());

const SUBSCRIBE = /* GraphQL */ `
  subscription {
    pairingChanged {
      id
      status
      mentor {
        acceptedAt
      }
    }
  }
`;

interface PairingChangedData {
  pairingChanged: { id: string; status: string };
}

describe('pairingChanged', () => {
  it('reaches the two sides and the organiser, and nobody else', async () => {
    const callers = {
      mentor: aerContributor,
      mentee: cemrContributor,
      organiser: corEditor,
      outsider: eurocitiesEditor,
    };
    const before = exchanges.bus.activeListeners(PAIRING_CHANGED);
    const subscriptions: Record<string, TestSubscription<PairingChangedData>> = Object.fromEntries(
      await Promise.all(
        Object.entries(callers).map(async ([name, caller]) => [
          name,
          await subscribeForTest<PairingChangedData>(exchanges.url, SUBSCRIBE, {}, { caller }),
        ]),
      ),
    );
    const anonymous = await subscribeForTest(exchanges.url, SUBSCRIBE, {});
    try {
      await waitFor(() => exchanges.bus.activeListeners(PAIRING_CHANGED) === before + 5, 'the subscriptions');
      const { pairing } = await proposedPairing(exchanges);
      await mutate(
        exchanges,
        'acceptPairing',
        { id: pairing.id, version: 1, side: 'MENTOR' },
        aerContributor,
      );
      for (const name of ['mentor', 'mentee', 'organiser']) {
        const subscription = subscriptions[name]!;
        expect((await subscription.next()).data, name).toEqual({
          pairingChanged: { id: pairing.id, status: 'PROPOSED', mentor: { acceptedAt: null } },
        });
        const accepted = await subscription.next();
        expect(accepted.data!.pairingChanged).toMatchObject({ id: pairing.id, status: 'PROPOSED' });
      }
      // A pairing Eurocities is part of reaches it: its stream is live, and it got nothing of the first pairing.
      const programme = await openProgramme(exchanges);
      const mentor = await apply(exchanges, programme, aerContributor, { role: 'MENTOR', territory: 'AT12' });
      const mentee = await apply(exchanges, programme, eurocitiesEditor, { territory: 'FR10' });
      const own = await mutate(exchanges, 'createPairing', {
        idempotencyKey: randomUUID(),
        mentorApplication: mentor.id,
        menteeApplication: mentee.id,
        policyAreas: ['HOUSING'],
      });
      expect((await subscriptions.outsider!.next()).data!.pairingChanged.id).toBe(own.id);
      expect(subscriptions.outsider!.received).toHaveLength(1);
      expect(anonymous.received).toEqual([]);
    } finally {
      await Promise.all(
        [...Object.values(subscriptions), anonymous].map((subscription) => subscription.close()),
      );
    }
  });
});
