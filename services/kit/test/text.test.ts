import { describe, it, expect } from 'vitest';

import { normaliseSearchText } from '../src/data/text';

describe('normaliseSearchText', () => {
  it.each<[string, string]>([
    ['Île-de-France', 'ile de france'],
    ['Κρήτη', 'κρητη'],
    ['Skåne län', 'skane lan'],
    ['Provence-Alpes-Côte d’Azur', 'provence alpes cote d azur'],
  ])('folds %j to %j', (input: string, expected: string) => {
    expect(normaliseSearchText(input)).toBe(expected);
  });

  it('returns an empty string for empty input', () => {
    expect(normaliseSearchText('')).toBe('');
  });

  it('returns an empty string when the input has only punctuation and spaces', () => {
    expect(normaliseSearchText(' -–—/,.;:’"()  ')).toBe('');
  });

  it('maps letters that NFKD does not decompose', () => {
    expect(normaliseSearchText('Łódzkie')).toBe('lodzkie');
    expect(normaliseSearchText('Świętokrzyskie / Małopolska')).toBe('swietokrzyskie malopolska');
    expect(normaliseSearchText('Großstadt STRAẞE')).toBe('grossstadt strasse');
    expect(normaliseSearchText('Sjælland Færøerne Bornholm Ø')).toBe('sjaelland faeroerne bornholm o');
    expect(normaliseSearchText('Œuvre')).toBe('oeuvre');
    expect(normaliseSearchText('Đakovo Þingvellir Ðoð')).toBe('dakovo thingvellir dod');
    expect(normaliseSearchText('Diyarbakır')).toBe('diyarbakir');
    expect(normaliseSearchText('Għawdex u Kemmuna')).toBe('ghawdex u kemmuna');
  });

  it('keeps Greek and Cyrillic in their script and folds the Greek final sigma', () => {
    expect(normaliseSearchText('ΑΤΤΙΚΉ')).toBe('αττικη');
    expect(normaliseSearchText('Νότιο Αιγαίο, Νήσοι')).toBe('νοτιο αιγαιο νησοι');
    expect(normaliseSearchText('Северозападен')).toBe('северозападен');
    expect(normaliseSearchText('Београдски регион')).toBe('београдски регион');
    expect(normaliseSearchText('Йоан')).toBe('иоан');
  });

  it('collapses runs of separators and trims, keeping digits', () => {
    expect(normaliseSearchText('  Stuttgart,   Stadtkreis  DE111 ')).toBe('stuttgart stadtkreis de111');
    expect(normaliseSearchText('Trøndelag/Trööndelage')).toBe('trondelag troondelage');
    expect(normaliseSearchText('Agglomeratie ’s-Gravenhage')).toBe('agglomeratie s gravenhage');
  });

  it('is idempotent', () => {
    const once: string = normaliseSearchText('Provence-Alpes-Côte d’Azur — Région Sud');
    expect(normaliseSearchText(once)).toBe(once);
  });
});
