import { randomUUID } from 'node:crypto';
import type { TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  aerContributor,
  cemrContributor,
  corContributor,
  corEditor,
  errorOf,
  eurocitiesEditor,
  mutate,
  PAIRING_FIELDS,
  pairingState,
  proposedPairing,
  refused,
  startExchanges,
  written,
} from './helpers';

let exchanges: TestSubgraph;
beforeAll(async () => {
  exchanges = await startExchanges();
});
afterAll(async () => exchanges?.stop());

describe('the pairing state machine', () => {
  it('runs PROPOSED → ACCEPTED (only once both sides accepted) → ACTIVE → COMPLETED', async () => {
    const { pairing, mentor, mentee } = await proposedPairing(exchanges);
    expect(pairing.status).toBe('PROPOSED');

    const oneSide = await mutate(
      exchanges,
      'acceptPairing',
      { id: pairing.id, version: 1, side: 'MENTOR' },
      aerContributor,
      PAIRING_FIELDS,
    );
    expect(oneSide).toMatchObject({
      status: 'PROPOSED',
      version: 2,
      mentor: { side: 'MENTOR', organisation: { id: 'aer' }, territory: { code: 'AT12' } },
      mentee: { side: 'MENTEE', acceptedAt: null, organisation: { id: 'cemr' }, territory: { code: 'AT13' } },
    });
    expect(oneSide.mentor).toHaveProperty('acceptedAt', expect.any(String));

    const both = await mutate(
      exchanges,
      'acceptPairing',
      { id: pairing.id, version: 2, side: 'MENTEE' },
      cemrContributor,
    );
    expect(both).toMatchObject({ status: 'ACCEPTED', version: 3 });
    const active = await mutate(exchanges, 'activatePairing', { id: pairing.id, version: 3 }, corEditor);
    expect(active.status).toBe('ACTIVE');
    const completed = await mutate(exchanges, 'completePairing', { id: pairing.id, version: 4 }, corEditor);
    expect(completed).toMatchObject({ status: 'COMPLETED', version: 5 });

    const { body } = await exchanges.query<{
      pairing: Record<string, { application: { id: string } | null }>;
    }>(
      `query ($id: ID!) { pairing(id: $id) { mentor { application { id } } mentee { application { id } } } }`,
      { id: pairing.id },
      corEditor,
    );
    expect(body.data!.pairing).toEqual({
      mentor: { application: { id: mentor.id } },
      mentee: { application: { id: mentee.id } },
    });
  });

  it('refuses every illegal move with CONFLICT and the current status, writing nothing', async () => {
    const { pairing } = await proposedPairing(exchanges);
    const before = await pairingState(exchanges, pairing.id);
    const moves: Array<[string, Record<string, unknown>, Parameters<TestSubgraph['query']>[2]]> = [
      ['activatePairing', {}, corEditor],
      ['completePairing', {}, corEditor],
    ];
    for (const [name, extra, caller] of moves) {
      const errors = await refused(exchanges, name, { id: pairing.id, version: 1, ...extra }, caller);
      expect(errorOf(errors), name).toMatchObject({ code: 'CONFLICT', currentStatus: 'PROPOSED' });
    }
    await mutate(exchanges, 'acceptPairing', { id: pairing.id, version: 1, side: 'MENTOR' }, aerContributor);
    const accepted = await pairingState(exchanges, pairing.id);
    const twice = await refused(
      exchanges,
      'acceptPairing',
      { id: pairing.id, version: 2, side: 'MENTOR' },
      aerContributor,
    );
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', currentStatus: 'PROPOSED' });
    expect(await pairingState(exchanges, pairing.id)).toEqual(accepted);

    const declined = await mutate(
      exchanges,
      'declinePairing',
      { id: pairing.id, version: 2, side: 'MENTEE' },
      cemrContributor,
    );
    expect(declined.status).toBe('DECLINED');
    const after = await pairingState(exchanges, pairing.id);
    for (const [name, input, caller] of [
      ['acceptPairing', { side: 'MENTEE' }, cemrContributor],
      ['declinePairing', { side: 'MENTOR' }, aerContributor],
      ['activatePairing', {}, corEditor],
      ['completePairing', {}, corEditor],
      ['withdrawPairing', {}, corEditor],
    ] as const) {
      const errors = await refused(exchanges, name, { id: pairing.id, version: 3, ...input }, caller);
      expect(errorOf(errors), name).toMatchObject({ code: 'CONFLICT', currentStatus: 'DECLINED' });
    }
    expect(await pairingState(exchanges, pairing.id)).toEqual(after);
    expect(before.row).not.toEqual(after.row);
  });

  it('refuses a stale version with CONFLICT and currentVersion', async () => {
    const { pairing } = await proposedPairing(exchanges);
    await mutate(exchanges, 'acceptPairing', { id: pairing.id, version: 1, side: 'MENTOR' }, aerContributor);
    const errors = await refused(
      exchanges,
      'acceptPairing',
      { id: pairing.id, version: 1, side: 'MENTEE' },
      cemrContributor,
    );
    expect(errorOf(errors)).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it('refuses a side acting for the other side, and outsiders, with FORBIDDEN; nothing is written', async () => {
    const { pairing } = await proposedPairing(exchanges);
    const before = await pairingState(exchanges, pairing.id);
    const other = await refused(
      exchanges,
      'acceptPairing',
      { id: pairing.id, version: 1, side: 'MENTEE' },
      aerContributor,
    );
    expect(errorOf(other).code).toBe('FORBIDDEN');
    const declineForOther = await refused(
      exchanges,
      'declinePairing',
      { id: pairing.id, version: 1, side: 'MENTOR' },
      cemrContributor,
    );
    expect(errorOf(declineForOther).code).toBe('FORBIDDEN');
    const sideAsOrganiser = await refused(
      exchanges,
      'withdrawPairing',
      { id: pairing.id, version: 1 },
      aerContributor,
    );
    expect(errorOf(sideAsOrganiser).code).toBe('FORBIDDEN');
    const contributorAsOrganiser = await refused(
      exchanges,
      'activatePairing',
      { id: pairing.id, version: 1 },
      corContributor,
    );
    // Only the organiser's editors see a PROPOSED pairing: to its contributors (and to a fourth organisation)
    // its existence is not revealed.
    expect(errorOf(contributorAsOrganiser).code).toBe('NOT_FOUND');
    const outsider = await refused(
      exchanges,
      'acceptPairing',
      { id: pairing.id, version: 1, side: 'MENTOR' },
      eurocitiesEditor,
    );
    expect(errorOf(outsider).code).toBe('NOT_FOUND');
    expect(await pairingState(exchanges, pairing.id)).toEqual(before);
  });

  it('lets a side or the organiser withdraw a live pairing, and admins act for either side', async () => {
    const first = await proposedPairing(exchanges);
    const bySide = await mutate(
      exchanges,
      'withdrawPairing',
      { id: first.pairing.id, version: 1, side: 'MENTEE' },
      cemrContributor,
    );
    expect(bySide.status).toBe('WITHDRAWN');
    const second = await proposedPairing(exchanges);
    await mutate(exchanges, 'acceptPairing', { id: second.pairing.id, version: 1, side: 'MENTOR' }, admin);
    await mutate(exchanges, 'acceptPairing', { id: second.pairing.id, version: 2, side: 'MENTEE' }, admin);
    const byOrganiser = await mutate(
      exchanges,
      'withdrawPairing',
      { id: second.pairing.id, version: 3 },
      corEditor,
    );
    expect(byOrganiser.status).toBe('WITHDRAWN');
  });

  it('is proposed only by the organiser, of a mentor and a mentee application of one programme, once', async () => {
    const { mentor, mentee, pairing } = await proposedPairing(exchanges);
    const input = (changes: Record<string, unknown> = {}) => ({
      idempotencyKey: randomUUID(),
      mentorApplication: mentor.id,
      menteeApplication: mentee.id,
      policyAreas: ['HOUSING'],
      ...changes,
    });
    const before = await written(exchanges);
    expect(errorOf(await refused(exchanges, 'createPairing', input(), aerContributor)).code).toBe(
      'FORBIDDEN',
    );
    expect(errorOf(await refused(exchanges, 'createPairing', input(), corEditor))).toMatchObject({
      code: 'CONFLICT',
      existingId: pairing.id,
    });
    const swapped = await refused(
      exchanges,
      'createPairing',
      input({ mentorApplication: mentee.id, menteeApplication: mentor.id }),
      corEditor,
    );
    expect(errorOf(swapped).code).toBe('BAD_USER_INPUT');
    expect(await written(exchanges)).toEqual(before);
    const key = randomUUID();
    const again = await mutate(exchanges, 'withdrawPairing', { id: pairing.id, version: 1 }, corEditor);
    const retried = await Promise.all([
      mutate(exchanges, 'createPairing', input({ idempotencyKey: key }), corEditor),
      mutate(exchanges, 'createPairing', input({ idempotencyKey: key }), corEditor),
    ]);
    expect(again.status).toBe('WITHDRAWN');
    expect(retried[0]!.id).toBe(retried[1]!.id);
  });
});

describe('feedback', () => {
  it('is given once per side on an active pairing and seen only by the organiser and the side that gave it', async () => {
    const { pairing } = await proposedPairing(exchanges);
    const feedback = (side: string, rating: number, text: string) => ({
      idempotencyKey: randomUUID(),
      pairing: pairing.id,
      side,
      rating,
      text,
    });
    const early = await refused(
      exchanges,
      'recordPairingFeedback',
      feedback('MENTOR', 4, 'Too early'),
      aerContributor,
    );
    expect(errorOf(early)).toMatchObject({ code: 'CONFLICT', currentStatus: 'PROPOSED' });
    await mutate(exchanges, 'acceptPairing', { id: pairing.id, version: 1, side: 'MENTOR' }, aerContributor);
    await mutate(exchanges, 'acceptPairing', { id: pairing.id, version: 2, side: 'MENTEE' }, cemrContributor);
    await mutate(exchanges, 'activatePairing', { id: pairing.id, version: 3 }, corEditor);
    const forOther = await refused(
      exchanges,
      'recordPairingFeedback',
      feedback('MENTEE', 1, 'Pretending'),
      aerContributor,
    );
    expect(errorOf(forOther).code).toBe('FORBIDDEN');
    const outOfRange = await refused(
      exchanges,
      'recordPairingFeedback',
      feedback('MENTOR', 6, 'Too good'),
      aerContributor,
    );
    expect(errorOf(outOfRange).code).toBe('BAD_USER_INPUT');
    await mutate(
      exchanges,
      'recordPairingFeedback',
      feedback('MENTOR', 5, 'Mentor notes: very useful'),
      aerContributor,
      'id',
    );
    await mutate(
      exchanges,
      'recordPairingFeedback',
      feedback('MENTEE', 4, 'Mentee notes: learnt a lot'),
      cemrContributor,
      'id',
    );
    const twice = await refused(
      exchanges,
      'recordPairingFeedback',
      feedback('MENTEE', 2, 'Again'),
      cemrContributor,
    );
    expect(errorOf(twice).code).toBe('CONFLICT');

    const seenBy = async (caller: Parameters<TestSubgraph['query']>[2]) => {
      const { body } = await exchanges.query<{
        pairing: { feedback: Array<{ side: string; rating: number; text: string }> };
      }>(
        `query ($id: ID!) { pairing(id: $id) { feedback { side rating text organisation { id } } } }`,
        { id: pairing.id },
        caller,
      );
      expect(body.errors).toBeUndefined();
      return body.data!.pairing.feedback.map((f) => `${f.side}:${f.rating}`);
    };
    expect(await seenBy(corEditor)).toEqual(['MENTOR:5', 'MENTEE:4']);
    expect(await seenBy(admin)).toEqual(['MENTOR:5', 'MENTEE:4']);
    expect(await seenBy(aerContributor)).toEqual(['MENTOR:5']);
    expect(await seenBy(cemrContributor)).toEqual(['MENTEE:4']);
    expect(await seenBy(eurocitiesEditor)).toEqual([]);
    expect(await seenBy(corContributor)).toEqual([]);
    expect(await seenBy(undefined)).toEqual([]);
  });
});
