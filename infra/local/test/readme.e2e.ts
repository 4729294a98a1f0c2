import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/hub';
import { startTestHub, type TestHub } from './harness';

/**
 * The root README's GraphQL examples, exactly as written there, through the real gateway on a fresh hub: a
 * newcomer who copies them into the playground gets data, not errors. Writes run with the token the README
 * tells them to issue (`npm run token -- --org cpmr --role editor`).
 */
const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const EXAMPLES = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

describe("the root README's examples", () => {
  it('has GraphQL examples to run', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(2);
  });

  it.each(EXAMPLES.map((example, index) => [index + 1, example] as const))(
    'example %i answers data without errors',
    async (_index, example) => {
      const isWrite = /^\s*mutation\b/.test(example);
      const token = isWrite ? await hub.token('cpmr', ['editor']) : undefined;
      const { status, body } = await hub.query<Record<string, unknown>, Record<string, never>>(
        example,
        {},
        token,
      );
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
      const values = Object.values(body.data ?? {});
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).not.toBeNull();
    },
  );
});
