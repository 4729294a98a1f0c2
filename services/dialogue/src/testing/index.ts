import { randomUUID } from 'node:crypto';

// Fixtures shared by this subgraph's tests (test/helpers.ts) and the end-to-end tests through the gateway
// (infra/local/test/dialogue-fixtures.ts), as `@hub/dialogue/testing`: plain data, no test runner.

/** Questions of every kind, as `createConsultation` takes them (scale, single, multiple, number, free text). */
export const QUESTIONS = [
  {
    kind: 'SCALE',
    prompt: 'How severe is the need for housing of newly arrived migrants in your territory?',
    required: true,
    scaleLabels: ['No need', 'Low', 'Moderate', 'High', 'Severe'],
    policyArea: 'HOUSING',
  },
  {
    kind: 'SINGLE_CHOICE',
    prompt: 'Which level of government funds your reception services?',
    options: ['Local', 'Regional', 'National', 'EU'],
  },
  {
    kind: 'MULTIPLE_CHOICE',
    prompt: 'Which EU funds did you use for integration in 2021-2027?',
    options: ['AMIF', 'ESF+', 'ERDF'],
  },
  {
    kind: 'NUMBER',
    prompt: 'How many arrivals did you receive in 2025?',
    unit: 'persons',
    min: 0,
    max: 1000000,
  },
  { kind: 'FREE_TEXT', prompt: 'What should the partnership do first?' },
];

/**
 * A valid `createConsultation` input (a needs assessment of the CoR with the five QUESTIONS, open since a minute
 * ago, for 30 days), with `changes`.
 */
export function consultationInput(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    idempotencyKey: randomUUID(),
    title: 'Needs of regions receiving migrants',
    summary: 'The Forum of forefront regions maps where needs are most acute.',
    description: 'Answer for **your** territory.',
    strand: 'DIALOGUE',
    policyAreas: ['HOUSING'],
    languages: ['en', 'fr'],
    audience: { kind: 'ALL_PARTNERS' },
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    needsAssessment: true,
    questions: QUESTIONS,
    ...changes,
  };
}
