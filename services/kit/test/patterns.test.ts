import 'reflect-metadata';
import { validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { isoCountryCodeOf, IsNutsCountryCode, IsNutsLevel, nutsLevelOf } from '../src/vocabulary/nuts';
import { isRegionOrDescendant } from '../src/vocabulary/patterns';

describe('isRegionOrDescendant', () => {
  it('is true for the region itself and every region within it, by NUTS prefix', () => {
    expect(isRegionOrDescendant('FRH01', 'FRH01')).toBe(true);
    expect(isRegionOrDescendant('FRH01', 'FRH0')).toBe(true);
    expect(isRegionOrDescendant('FRH01', 'FR')).toBe(true);
    expect(isRegionOrDescendant('FR', 'FRH0')).toBe(false);
    expect(isRegionOrDescendant('DE30', 'FR')).toBe(false);
    expect(isRegionOrDescendant('EL43', 'EL4')).toBe(true);
    expect(isRegionOrDescendant('EL43', '')).toBe(false);
  });
});

class Scope {
  @IsNutsLevel()
  level?: number | null;

  @IsNutsCountryCode()
  country?: string | null;
}

async function messagesFor(values: Partial<Scope>): Promise<string[]> {
  const errors = await validate(Object.assign(new Scope(), values), { skipMissingProperties: true });
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('NUTS countries and levels', () => {
  it('takes levels 0-3 and two-letter level-0 codes (any case, spaces around)', async () => {
    for (const level of [0, 1, 2, 3]) expect(await messagesFor({ level })).toEqual([]);
    for (const country of ['FR', 'EL', ' el ', 'xk']) expect(await messagesFor({ country })).toEqual([]);
    expect(await messagesFor({})).toEqual([]);
  });

  it('refuses other levels and countries with the messages the services use', async () => {
    expect(await messagesFor({ level: 4 })).toEqual(['level must not be greater than 3']);
    expect(await messagesFor({ level: -1 })).toEqual(['level must not be less than 0']);
    expect(await messagesFor({ level: 1.5 })).toEqual(['level must be an integer number']);
    for (const country of ['France', 'AUT', 'F', 'F1', '']) {
      expect(await messagesFor({ country })).toEqual([
        'country must be the two-letter code of a level-0 region, e.g. "FR" or "EL"',
      ]);
    }
  });

  it('spells ISO country codes and levels once', () => {
    expect(isoCountryCodeOf('EL')).toBe('GR');
    expect(isoCountryCodeOf('FR')).toBe('FR');
    expect(isoCountryCodeOf('XK')).toBe('XK');
    expect(['FR', 'FRH', 'FRH0', 'FRH01'].map(nutsLevelOf)).toEqual([0, 1, 2, 3]);
  });
});
