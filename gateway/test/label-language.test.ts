import { createLogger } from '@hub/kit';
import { describe, expect, it } from 'vitest';
import { labelLanguageOf, ResponseCache } from '../src/response-cache';
import { forwardClientHeaders } from '../src/transport';

describe('the language of labels', () => {
  it('is the best of en, fr and de the Accept-Language asks for, else en', () => {
    expect(labelLanguageOf(undefined)).toBe('en');
    expect(labelLanguageOf('fr-BE, fr;q=0.9')).toBe('fr');
    expect(labelLanguageOf('it, de;q=0.3, fr;q=0.2')).toBe('de');
    expect(labelLanguageOf('pl')).toBe('en');
  });

  it('keys the response cache: one entry per language, English and no header alike', async () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 1024 }, createLogger('test', 'silent'));
    const key = (language?: string) => cache.key('hash', 'Op', { a: 1 }, language);
    expect(key('fr')).not.toBe(key('de'));
    expect(key('fr')).not.toBe(key());
    expect(key('en')).toBe(key());
    await cache.stop();
  });

  it('sends Accept-Language on to subgraphs for a client request, nothing for the gateway’s own', () => {
    const sent = new Map<string, string>();
    const outgoing = { set: (name: string, value: string) => void sent.set(name, value) };
    const client = (headers: Record<string, string>) => ({
      incomingRequestContext: { request: { http: { headers: new Map(Object.entries(headers)) } } },
    });
    forwardClientHeaders(
      client({ 'accept-language': 'fr-CH, fr;q=0.9', authorization: 'Bearer x' }),
      outgoing,
    );
    expect([...sent]).toEqual([['accept-language', 'fr-CH, fr;q=0.9']]);
    sent.clear();
    forwardClientHeaders({}, outgoing);
    forwardClientHeaders(client({ 'accept-language': 'x'.repeat(1000) }), outgoing);
    expect(sent.size).toBe(0);
  });
});
