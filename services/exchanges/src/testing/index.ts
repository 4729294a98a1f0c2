import { randomUUID } from 'node:crypto';

// Fixtures shared by this subgraph's tests (test/helpers.ts) and the end-to-end tests through the gateway
// (infra/local/test/exchanges-fixtures.ts), as `@hub/exchanges/testing`: plain data, no test runner.

/** A valid `createProgramme` input (a CoR mentoring programme whose call runs for 30 days), with `changes`. */
export function programmeInput(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    idempotencyKey: randomUUID(),
    kind: 'MENTORING',
    title: 'Mentoring on labour-market integration',
    description: 'Regions with **smaller** employment gaps mentor others.',
    policyAreas: ['EMPLOYMENT_AND_SKILLS', 'HOUSING'],
    languages: ['en', 'fr'],
    applicationsOpenAt: new Date(now - 60_000).toISOString(),
    applicationsCloseAt: new Date(now + 30 * 86_400_000).toISOString(),
    startsOn: '2027-01-15',
    endsOn: '2027-12-15',
    places: 10,
    ...changes,
  };
}
