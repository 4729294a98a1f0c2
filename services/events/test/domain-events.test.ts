import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANGED } from '../src/writes/event-changed.write';
import { cpmrContributor, CREATE, createEvent, eurocitiesEditor, eventInput, startEvents } from './helpers';

let events: TestSubgraph;
const received: Array<Record<string, unknown>> = [];
let stopListening: () => void;
beforeAll(async () => {
  events = await startEvents();
  stopListening = await events.bus.subscribe(EVENT_CHANGED, (payload) => received.push(payload));
});
afterAll(async () => {
  stopListening?.();
  await events?.stop();
});

/** Waits until `n` events arrived (NOTIFY is asynchronous), or fails after two seconds. */
async function arrived(n: number): Promise<Array<Record<string, unknown>>> {
  for (let waited = 0; received.length < n && waited < 2_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return received.splice(0, received.length);
}

describe('domain events', () => {
  it('publishes every committed write of an event, after commit, with what changed', async () => {
    const input = eventInput({ publish: false });
    const { body } = await events.query<{ createEvent: { id: string } }>(CREATE, { input }, cpmrContributor);
    const id = body.data!.createEvent.id;
    // A retry with the same idempotency key writes nothing, so it publishes nothing either.
    await events.query(CREATE, { input }, cpmrContributor);
    await events.query(
      'mutation ($id: ID!) { updateEvent(input: { id: $id, version: 1, capacity: 25 }) { version } }',
      { id },
      cpmrContributor,
    );
    await events.query(
      'mutation ($id: ID!) { publishEvent(input: { id: $id, version: 2 }) { version } }',
      { id },
      cpmrContributor,
    );
    await events.query(
      'mutation ($id: ID!) { cancelEvent(input: { id: $id, version: 3, reason: "Rescheduled" }) { version } }',
      { id },
      cpmrContributor,
    );
    const payloads = await arrived(4);
    expect(payloads.map(({ action, status, createdBy }) => [action, status, createdBy])).toEqual([
      ['create', 'DRAFT', 'cpmr'],
      ['update', 'DRAFT', 'cpmr'],
      ['publish', 'PUBLISHED', 'cpmr'],
      ['cancel', 'CANCELLED', 'cpmr'],
    ]);
    expect(payloads.every((payload) => payload.id === id)).toBe(true);
    expect(payloads[1]!.changedFields).toEqual(['capacity']);
  });

  it('publishes nothing for refused or failed writes', async () => {
    const event = await createEvent(events);
    await arrived(1);
    await events.query(CREATE, { input: eventInput({ title: 'No' }) }, cpmrContributor);
    await events.query(
      'mutation ($id: ID!) { updateEvent(input: { id: $id, version: 1, title: "Not yours" }) { version } }',
      { id: event.id },
      eurocitiesEditor,
    );
    await events.query(
      'mutation ($id: ID!) { updateEvent(input: { id: $id, version: 7, title: "Stale" }) { version } }',
      { id: event.id },
      cpmrContributor,
    );
    expect(await arrived(1)).toEqual([]);
  });
});
