import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  startSubgraphProcess,
  startTestSubgraph,
  subscribeForTest,
  testCaller,
  waitFor,
  type TestSubgraph,
} from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraph } from '../src/subgraph';

let indicators: TestSubgraph;
beforeAll(async () => {
  // The same bus as the second process below, which reads REDIS_URL from the environment like production.
  indicators = await startTestSubgraph(subgraph, inject('databaseServerUrl'), {
    redisUrl: process.env.REDIS_URL,
  });
});
afterAll(async () => indicators?.stop());

const cpmr = testCaller('cpmr', ['contributor'], 'contributor-cpmr');
const TOPIC = 'indicators.observationRecorded';

const RECORD = /* GraphQL */ `
  mutation ($input: RecordObservationsInput!) {
    recordObservations(input: $input) {
      id
      observations {
        id
        version
      }
    }
  }
`;
const SUBSCRIBE = /* GraphQL */ `
  subscription ($indicators: [ID!], $regions: [ID!]) {
    observationRecorded(indicators: $indicators, regions: $regions) {
      id
      observations {
        region {
          code
        }
        period
        value
      }
    }
  }
`;

const row = (region: string, value: number, extra: Record<string, unknown> = {}) => ({
  indicator: 'employment_rate_20_64',
  region,
  period: 2021,
  breakdown: 'FOREIGN_BORN',
  value,
  ...extra,
});

function record(observations: unknown[]) {
  return indicators.query<{
    recordObservations: { id: string; observations: Array<{ id: string; version: number }> };
  }>(RECORD, { input: { idempotencyKey: randomUUID(), observations } }, cpmr);
}

describe('observationRecorded', () => {
  it('pushes a committed batch to matching subscribers only, regions matched with their descendants', async () => {
    const austria = await subscribeForTest(indicators.url, SUBSCRIBE, { regions: ['AT'] });
    const france = await subscribeForTest(indicators.url, SUBSCRIBE, { regions: ['FR'] });
    const otherIndicator = await subscribeForTest(indicators.url, SUBSCRIBE, {
      indicators: ['net_migration_rate'],
    });
    try {
      await waitFor(() => indicators.bus.activeListeners(TOPIC) === 3, 'three subscriptions');
      const recorded = await record([row('AT13', 71.5), row('DE30', 66.2)]);
      expect(recorded.body.errors).toBeUndefined();
      expect(await austria.next()).toEqual({
        data: {
          observationRecorded: {
            id: recorded.body.data!.recordObservations.id,
            observations: [{ region: { code: 'AT13' }, period: 2021, value: 71.5 }],
          },
        },
      });
      // Something later for France proves the earlier batch was filtered out rather than still on its way.
      await record([row('FRH0', 64)]);
      expect((await france.next()).data).toMatchObject({
        observationRecorded: { observations: [{ region: { code: 'FRH0' }, value: 64 }] },
      });
      expect(france.received).toHaveLength(1);
      expect(otherIndicator.received).toHaveLength(0);
    } finally {
      await Promise.all([austria.close(), france.close(), otherIndicator.close()]);
    }
    await waitFor(() => indicators.bus.activeListeners(TOPIC) === 0, 'teardown of all three');
  });

  it('pushes nothing for a batch that rolled back', async () => {
    const watcher = await subscribeForTest(indicators.url, SUBSCRIBE, { regions: ['BE10'] });
    try {
      await waitFor(() => indicators.bus.activeListeners(TOPIC) === 1, 'the subscription');
      const first = await record([row('BE10', 60)]);
      expect((await watcher.next()).data).toMatchObject({
        observationRecorded: { observations: [{ value: 60 }] },
      });
      // A stale version fails inside the transaction, after the first row of the batch was written.
      const stale = await record([row('BE10', 61.5, { version: 99 })]);
      expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const later = await record([
        row('BE10', 62, { version: first.body.data!.recordObservations.observations[0]!.version }),
      ]);
      expect(later.body.errors).toBeUndefined();
      expect((await watcher.next()).data).toMatchObject({
        observationRecorded: { observations: [{ value: 62 }] },
      });
      expect(watcher.received).toHaveLength(2);
    } finally {
      await watcher.close();
    }
  });

  it('refuses a malformed region code with BAD_USER_INPUT', async () => {
    const bad = await subscribeForTest(indicators.url, SUBSCRIBE, { regions: ['not a code'] });
    // graphql-ws sends the failed subscribe as one `next` with errors, then completes.
    expect(await bad.ended).toEqual({});
    expect(bad.received).toEqual([
      {
        errors: [
          expect.objectContaining({
            message: 'Invalid input: regions[0]: "not a code" is not a NUTS region code',
            extensions: expect.objectContaining({
              code: 'BAD_USER_INPUT',
              fieldErrors: [{ path: 'regions[0]', messages: ['"not a code" is not a NUTS region code'] }],
            }),
          }),
        ],
      },
    ]);
  });

  it('reaches a subscriber held by another replica (a second process on the same database)', async () => {
    const replica = await startSubgraphProcess(path.resolve(__dirname, '..'), {
      DATABASE_URL: inject('databaseServerUrl'),
      DATABASE_NAME: indicators.databaseName,
      LOG_LEVEL: 'info',
    });
    try {
      const watcher = await subscribeForTest(replica.url, SUBSCRIBE, { regions: ['EL43'] });
      // The other process's bus listener cannot be watched from here, so write (each time a correction with
      // the current version) until the first write after it started listening arrives.
      let version: number | undefined;
      let delivered: Awaited<ReturnType<typeof watcher.next>> | undefined;
      for (let attempt = 0; attempt < 20 && !delivered; attempt += 1) {
        const written = await record([row('EL43', 40 + attempt, version ? { version } : {})]);
        version = written.body.data!.recordObservations.observations[0]!.version;
        delivered = await watcher.next(500).catch(() => undefined);
      }
      expect(delivered?.data).toMatchObject({
        observationRecorded: { observations: [{ region: { code: 'EL43' }, period: 2021 }] },
      });
      await watcher.close();
    } finally {
      expect(await replica.stop()).toBe(0);
    }
  });
});
