import { randomUUID } from 'node:crypto';
import { CACHE_STATUS_HEADER, DEFAULT_RESPONSE_CACHE_SETTINGS } from '@hub/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness';

/**
 * Issue 16's "data you can trust" through the real gateway: Accept-Language reaches the indicators subgraph,
 * the response cache keeps one answer per language, and a value for a future year is refused.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({
    responseCache: {
      ...DEFAULT_RESPONSE_CACHE_SETTINGS,
      namespace: `test_${randomUUID().replace(/-/g, '_')}`,
    },
  });
});
afterAll(async () => hub?.stop());

const LABELS = '{ indicator(code: "employment_gap_20_64") { name unitLabel } }';
type Labels = { indicator: { name: string; unitLabel: string } };

/** An anonymous POST /graphql, as a browser widget sends it. */
async function ask(query: string, acceptLanguage?: string) {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollo-require-preflight': 'true',
      ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
    },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: Labels; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { cache: response.headers.get(CACHE_STATUS_HEADER), labels: body.data!.indicator };
}

describe('indicator labels and periods through the gateway', () => {
  it('answers in the language of Accept-Language, and the cache never gives one language another’s answer', async () => {
    // what the graph itself says in each language (the `lang` argument, another document and cache entry)
    const expected = async (lang: string) =>
      (
        await ask(
          `{ indicator(code: "employment_gap_20_64") { name(lang: ${lang}) unitLabel(lang: ${lang}) } }`,
        )
      ).labels;
    const [english, french, german] = [await expected('EN'), await expected('FR'), await expected('DE')];
    expect(new Set([english.name, french.name, german.name]).size).toBe(3);
    expect(french.unitLabel).toBe('points de pourcentage');

    const fr = await ask(LABELS, 'fr-FR, fr;q=0.9, en;q=0.5');
    expect(fr).toEqual({ cache: 'miss', labels: french });
    const de = await ask(LABELS, 'de');
    expect(de).toEqual({ cache: 'miss', labels: german });
    // a different header that chooses the same language shares its entry
    expect(await ask(LABELS, 'fr-CH')).toEqual({ cache: 'hit', labels: french });
    expect(await ask(LABELS, 'de-AT, en;q=0.1')).toEqual({ cache: 'hit', labels: german });
    const none = await ask(LABELS);
    expect(none).toEqual({ cache: 'miss', labels: english });
    expect(await ask(LABELS, 'en-GB')).toEqual({ cache: 'hit', labels: english });
    expect(await ask(LABELS, 'it')).toEqual({ cache: 'hit', labels: english });
  });

  it('refuses a value for a year later than the current one, and writes nothing', async () => {
    const next = new Date().getUTCFullYear() + 1;
    const token = await hub.token('cpmr', ['contributor']);
    const RECORD = `mutation ($input: RecordObservationsInput!) { recordObservations(input: $input) { id } }`;
    const observation = {
      indicator: 'employment_rate_20_64',
      region: 'FRH0',
      period: next,
      breakdown: 'FOREIGN_BORN',
      value: 61.5,
    };
    const { body } = await hub.query(
      RECORD,
      { input: { idempotencyKey: randomUUID(), observations: [observation] } },
      token,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.fieldErrors).toEqual([
      { path: 'input.observations[0].period', messages: [expect.stringContaining(String(next))] },
    ]);
    const series = await hub.query<{ series: unknown[] }, Record<string, never>>(
      `{ series(indicator: "employment_rate_20_64", region: "FRH0", breakdown: FOREIGN_BORN, from: ${next}) { value } }`,
    );
    expect(series.body.data!.series).toEqual([]);
  });
});
