import { subscribeForTest, waitFor, type TestSubgraph } from '@hub/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSULTATION_CHANGED } from '../src/writes/consultation-changed.write';
import {
  answersFor,
  corEditor,
  createConsultation,
  islandsContributor,
  respond,
  startDialogue,
  transition,
} from './helpers';

let dialogue: TestSubgraph;
beforeAll(async () => {
  dialogue = await startDialogue();
});
afterAll(async () => dialogue?.stop());

const SUBSCRIBE = /* GraphQL */ `
  subscription ($consultation: ID) {
    consultationChanged(consultation: $consultation) {
      change
      status
      responseCount
      consultation {
        id
        title
      }
    }
  }
`;

describe('consultationChanged', () => {
  it('pushes status changes and response counts, never what a response says', async () => {
    const draft = await createConsultation(dialogue);
    const before = dialogue.bus.activeListeners(CONSULTATION_CHANGED);
    const subscription = await subscribeForTest<Record<string, unknown>>(dialogue.url, SUBSCRIBE, {
      consultation: draft.id,
    });
    try {
      await waitFor(
        () => dialogue.bus.activeListeners(CONSULTATION_CHANGED) === before + 1,
        'the subscription',
      );
      const open = await transition(dialogue, 'openConsultation', draft);
      await respond(
        dialogue,
        open,
        'EL43',
        answersFor(open, { scale: 5, text: 'Secret plans' }),
        islandsContributor,
      );
      await transition(dialogue, 'closeConsultation', { id: open.id, version: open.version });
      const messages = [await subscription.next(), await subscription.next(), await subscription.next()];
      expect(messages.map((message) => message.data)).toEqual([
        {
          consultationChanged: {
            change: 'OPENED',
            status: 'OPEN',
            responseCount: 0,
            consultation: { id: draft.id, title: draft.title },
          },
        },
        {
          consultationChanged: {
            change: 'RESPONSES_CHANGED',
            status: 'OPEN',
            responseCount: 1,
            consultation: { id: draft.id, title: draft.title },
          },
        },
        {
          consultationChanged: {
            change: 'CLOSED',
            status: 'CLOSED',
            responseCount: 1,
            consultation: { id: draft.id, title: draft.title },
          },
        },
      ]);
      expect(JSON.stringify(subscription.received)).not.toContain('Secret plans');
    } finally {
      await subscription.close();
    }
  });

  it('does not push changes to drafts to those who may not see them', async () => {
    const watcher = await subscribeForTest<Record<string, unknown>>(dialogue.url, SUBSCRIBE, {});
    const before = dialogue.bus.activeListeners(CONSULTATION_CHANGED);
    try {
      await waitFor(() => dialogue.bus.activeListeners(CONSULTATION_CHANGED) >= before, 'the subscription');
      const draft = await createConsultation(dialogue, { questions: [] });
      const updated = await dialogue.query(
        'mutation ($id: ID!) { updateConsultation(input: { id: $id, version: 1, title: "Renamed draft" }) { id } }',
        { id: draft.id },
        corEditor,
      );
      expect(updated.body.errors).toBeUndefined();
      const open = await transition(dialogue, 'openConsultation', await createConsultation(dialogue));
      const message = await watcher.next();
      expect(message.data).toMatchObject({
        consultationChanged: { change: 'OPENED', consultation: { id: open.id } },
      });
      expect(watcher.received).toHaveLength(1);
    } finally {
      await watcher.close();
    }
  });
});
