import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from '../src/vocabulary/languages';

const HUB = ['en', 'fr', 'de'] as const;

describe('negotiateLanguage', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['fr', 'fr'],
    ['FR-ch', 'fr'],
    ['fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', 'fr'],
    ['de;q=0.4, fr;q=0.8', 'fr'],
    ['en;q=0.5, de;q=0.5', 'en'], // equal q: the order the client wrote
    ['it, de;q=0.1', 'de'], // an unsupported language is skipped
    ['it, es', null],
    ['*', 'en'],
    ['en;q=0, *', 'fr'], // q=0 refuses; * is then the first one not named
    ['fr;q=0', null],
    ['fr-CA;q=0, fr', 'fr'], // refusing one variant does not refuse the language
    ['fr;q=abc, de', 'fr'], // a malformed q-value is ignored, not fatal
    ['<script>, de', 'de'],
  ])('%j → %j', (header, expected) => {
    expect(negotiateLanguage(header, HUB)).toBe(expected);
  });
});
