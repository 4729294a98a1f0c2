import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestHub } from './harness';
import { consultationInput } from '@hub/dialogue/testing';

/**
 * Dialogue (issue 13) set-up through the real gateway, shared by dialogue.e2e.ts, exports.e2e.ts and
 * error-extensions.e2e.ts: a needs assessment of the CoR with one question of every kind.
 */

/** The consultationChanged topic on the dialogue subgraph's bus (kit: `<subgraph>.<field>`). */
export const CONSULTATION_CHANGED_TOPIC = 'dialogue.consultationChanged';

export { QUESTIONS } from '@hub/dialogue/testing';
export { consultationInput };

export interface ConsultationRef {
  id: string;
  version: number;
  status: string;
  questions: Array<{ id: string }>;
}

const CONSULTATION = 'id version status questions { id }';
export const CREATE_CONSULTATION = `mutation ($input: CreateConsultationInput!) { createConsultation(input: $input) { ${CONSULTATION} } }`;
export const TRANSITION = (name: 'openConsultation' | 'closeConsultation' | 'publishConsultationResults') =>
  `mutation ($id: ID!, $version: Int!) { ${name}(input: { id: $id, version: $version }) { ${CONSULTATION} } }`;
export const CREATE_RESPONSE =
  'mutation ($input: CreateResponseInput!) { createResponse(input: $input) { id version status territory { code name } } }';

/** Answers for the five QUESTIONS (scale; choice, funds, arrivals, text when given). */
export function answersFor(
  consultation: ConsultationRef,
  values: { scale: number; choice?: string; funds?: string[]; arrivals?: number; text?: string },
): Array<Record<string, unknown>> {
  const [scale, single, multiple, number, text] = consultation.questions;
  return [
    { question: scale!.id, scale: values.scale },
    ...(values.choice ? [{ question: single!.id, choices: [values.choice] }] : []),
    ...(values.funds ? [{ question: multiple!.id, choices: values.funds }] : []),
    ...(values.arrivals !== undefined ? [{ question: number!.id, number: values.arrivals }] : []),
    ...(values.text ? [{ question: text!.id, text: values.text }] : []),
  ];
}

/** Sends `query` through the gateway and returns its data, failing the test on any error. */
export async function okThrough<T>(
  hub: TestHub,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const { body } = await hub.query<T, Record<string, unknown>>(query, variables, token);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

/** A consultation of the CoR created by a CoR editor (a draft). */
export async function createConsultation(
  hub: TestHub,
  changes: Record<string, unknown> = {},
): Promise<ConsultationRef> {
  const token = await hub.token('cor', ['editor']);
  return (
    await okThrough<{ createConsultation: ConsultationRef }>(
      hub,
      CREATE_CONSULTATION,
      { input: consultationInput(changes) },
      token,
    )
  ).createConsultation;
}

/** One status transition by a CoR editor. */
export async function transition(
  hub: TestHub,
  name: 'openConsultation' | 'closeConsultation' | 'publishConsultationResults',
  consultation: { id: string; version: number },
): Promise<ConsultationRef> {
  const token = await hub.token('cor', ['editor']);
  const data = await okThrough<Record<string, ConsultationRef>>(
    hub,
    TRANSITION(name),
    { id: consultation.id, version: consultation.version },
    token,
  );
  return data[name]!;
}

/** An OPEN consultation of the CoR. */
export async function openConsultation(
  hub: TestHub,
  changes: Record<string, unknown> = {},
): Promise<ConsultationRef> {
  return transition(hub, 'openConsultation', await createConsultation(hub, changes));
}

/** A `createResponse` input for `territory`. */
export function responseInput(
  consultation: ConsultationRef,
  territory: string,
  answers: Array<Record<string, unknown>>,
): Record<string, unknown> {
  return { idempotencyKey: randomUUID(), consultation: consultation.id, territory, answers };
}

/**
 * The cycle of issue 13's check: three organisations answer for EL41, EL42 and EL43 (scale 4, 2, 5; arrivals
 * 400, 200, 500), then the CoR closes the consultation and publishes its results.
 */
export const CYCLE_ANSWERS: ReadonlyArray<readonly [organisation: string, territory: string, scale: number]> =
  [
    ['cpmr-islands-commission', 'EL41', 4],
    ['aer', 'EL42', 2],
    ['cemr', 'EL43', 5],
  ];

export async function publishedConsultation(hub: TestHub): Promise<ConsultationRef> {
  const open = await openConsultation(hub);
  for (const [organisation, territory, scale] of CYCLE_ANSWERS) {
    await okThrough(
      hub,
      CREATE_RESPONSE,
      { input: responseInput(open, territory, answersFor(open, { scale, arrivals: scale * 100 })) },
      await hub.token(organisation, ['contributor']),
    );
  }
  const closed = await transition(hub, 'closeConsultation', open);
  return transition(hub, 'publishConsultationResults', closed);
}
