import { randomUUID } from 'node:crypto';
import type { SubgraphConfig } from '@hub/kit';
import { countRowsOn, sqlOn, startTestSubgraph, testCaller, type TestSubgraph } from '@hub/kit/testing';
import { expect, inject } from 'vitest';
import { subgraph as dialogueSubgraph } from '../src';
import { consultationInput } from '../src/testing';

/** A dialogue subgraph on port 0 with its own freshly migrated database (peers as given: none by default). */
export function startDialogue(overrides: Partial<SubgraphConfig> = {}): Promise<TestSubgraph> {
  return startTestSubgraph(dialogueSubgraph, inject('databaseServerUrl'), {
    logLevel: 'error',
    ...overrides,
  });
}

export const sql = sqlOn;
export const count = countRowsOn;

/** The organiser (CoR) and respondents (partner organisations of the regions seed). */
export const corEditor = testCaller('cor', ['editor'], 'editor-cor');
export const corContributor = testCaller('cor', ['contributor'], 'contributor-cor');
export const admin = testCaller('ec-dg-home', ['admin'], 'admin-1');
export const islandsContributor = testCaller(
  'cpmr-islands-commission',
  ['contributor'],
  'contributor-islands',
);
export const aerContributor = testCaller('aer', ['contributor'], 'contributor-aer');
export const cemrEditor = testCaller('cemr', ['editor'], 'editor-cemr');
export const eurocitiesEditor = testCaller('eurocities', ['editor'], 'editor-eurocities');

export { QUESTIONS } from '../src/testing';
export { consultationInput };

export const CONSULTATION_FIELDS = /* GraphQL */ `
  id
  title
  description
  descriptionHtml
  status
  version
  needsAssessment
  opensAt
  closesAt
  responseCount
  organiser { id }
  audience { kind organisations { id } }
  questions { id position kind prompt required scaleLabels options unit min max policyArea }
`;

export interface QuestionData {
  id: string;
  position: number;
  kind: string;
  [field: string]: unknown;
}

export interface ConsultationData {
  id: string;
  status: string;
  version: number;
  description: string;
  descriptionHtml: string;
  responseCount: number;
  questions: QuestionData[];
  [field: string]: unknown;
}

export const CREATE = /* GraphQL */ `
  mutation ($input: CreateConsultationInput!) {
    createConsultation(input: $input) { ${CONSULTATION_FIELDS} }
  }
`;

export const TRANSITION = (
  name: 'openConsultation' | 'closeConsultation' | 'publishConsultationResults',
) => /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    ${name}(input: { id: $id, version: $version }) { ${CONSULTATION_FIELDS} openedAt closedAt resultsPublishedAt }
  }
`;

interface GraphQLErrorLike {
  message?: string;
  extensions?: Record<string, unknown>;
}

/** Creates a consultation and fails the test on any error. */
export async function createConsultation(
  subgraph: TestSubgraph,
  changes: Record<string, unknown> = {},
  caller = corEditor,
): Promise<ConsultationData> {
  const { body } = await subgraph.query<{ createConsultation: ConsultationData }>(
    CREATE,
    { input: consultationInput(changes) },
    caller,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createConsultation;
}

/** Runs one transition and fails the test on any error. */
export async function transition(
  subgraph: TestSubgraph,
  name: 'openConsultation' | 'closeConsultation' | 'publishConsultationResults',
  consultation: { id: string; version: number },
  caller = corEditor,
): Promise<ConsultationData> {
  const { body } = await subgraph.query<Record<string, ConsultationData>>(
    TRANSITION(name),
    { id: consultation.id, version: consultation.version },
    caller,
  );
  expect(body.errors, name).toBeUndefined();
  return body.data![name]!;
}

/** An open consultation of the CoR, with the five questions. */
export async function openConsultation(
  subgraph: TestSubgraph,
  changes: Record<string, unknown> = {},
): Promise<ConsultationData> {
  return transition(subgraph, 'openConsultation', await createConsultation(subgraph, changes));
}

export const CREATE_RESPONSE = /* GraphQL */ `
  mutation ($input: CreateResponseInput!) {
    createResponse(input: $input) {
      id
      status
      version
      territory {
        code
      }
      organisation {
        id
      }
      answers {
        question {
          id
        }
        scale
        choices
        number
        text
      }
    }
  }
`;

export interface ResponseData {
  id: string;
  status: string;
  version: number;
  [field: string]: unknown;
}

/** Answers for the five QUESTIONS of `consultation` (scale, choice, funds, arrivals, text). */
export function answersFor(
  consultation: ConsultationData,
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

/** A `createResponse` input. */
export function responseInput(
  consultation: ConsultationData,
  territory: string,
  answers: Array<Record<string, unknown>>,
  idempotencyKey = randomUUID(),
): Record<string, unknown> {
  return { idempotencyKey, consultation: consultation.id, territory, answers };
}

/** Creates a response and fails the test on any error. */
export async function respond(
  subgraph: TestSubgraph,
  consultation: ConsultationData,
  territory: string,
  answers: Array<Record<string, unknown>>,
  caller = islandsContributor,
): Promise<ResponseData> {
  const { body } = await subgraph.query<{ createResponse: ResponseData }>(
    CREATE_RESPONSE,
    { input: responseInput(consultation, territory, answers) },
    caller,
  );
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.createResponse;
}

/**
 * Asserts the one BAD_USER_INPUT shape: `extensions.fieldErrors` holds `path`, with at least one message;
 * returns that field error's messages.
 */
export function expectFieldError(errors: readonly GraphQLErrorLike[] | undefined, path: string): string[] {
  const extensions = errors?.[0]?.extensions ?? {};
  expect(extensions.code, `${path}: ${JSON.stringify(errors)}`).toBe('BAD_USER_INPUT');
  const fieldErrors = (extensions.fieldErrors ?? []) as Array<{ path: string; messages: string[] }>;
  const match = fieldErrors.find((fieldError) => fieldError.path === path);
  expect(match, `${path} in ${JSON.stringify(fieldErrors)}`).toBeDefined();
  expect(match!.messages.length).toBeGreaterThan(0);
  return match!.messages;
}

/** The code (and extensions) of the first error. */
export function errorOf(errors: readonly GraphQLErrorLike[] | undefined): Record<string, unknown> {
  expect(errors, 'an error').toBeDefined();
  return errors![0]!.extensions ?? {};
}

/** Rows written so far, to prove a refused write wrote nothing. */
export async function written(subgraph: TestSubgraph) {
  return {
    consultations: await count(subgraph, 'consultation'),
    questions: await count(subgraph, 'question'),
    responses: await count(subgraph, 'response'),
    answers: await count(subgraph, 'answer'),
    audit: await count(subgraph, 'hub_audit_log'),
  };
}
