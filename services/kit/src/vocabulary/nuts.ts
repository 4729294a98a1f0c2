import { IsInt, Matches, Max, Min } from 'class-validator';

// Countries and levels of the NUTS classification, as arguments and as output: one spelling for every subgraph.

/** The NUTS levels: 0 (countries) to 3 (small regions); a code's level is its length minus 2. */
export const NUTS_LEVELS = [0, 1, 2, 3] as const;
export type NutsLevel = (typeof NUTS_LEVELS)[number];

/** A code's NUTS level (`FR` 0, `FRH` 1, `FRH0` 2, `FRH01` 3), from its length. */
export function nutsLevelOf(code: string): number {
  return code.length - 2;
}

/**
 * A country argument before normalisation: the code of a level-0 region, two letters in NUTS spelling (`EL` for
 * Greece), any case, surrounding spaces ignored (the query trims and upper-cases it).
 */
export const NUTS_COUNTRY_ARGUMENT_PATTERN: RegExp = /^\s*[A-Za-z]{2}\s*$/;

/**
 * class-validator: a country as the code of its level-0 region (two letters, NUTS spelling: "FR", "EL" for
 * Greece; case and surrounding spaces ignored). Message: `country must be the two-letter code of a level-0
 * region, e.g. "FR" or "EL"`.
 */
export function IsNutsCountryCode(): PropertyDecorator {
  return Matches(NUTS_COUNTRY_ARGUMENT_PATTERN, {
    message: '$property must be the two-letter code of a level-0 region, e.g. "FR" or "EL"',
  });
}

/**
 * class-validator: a NUTS level, a whole number from 0 to 3 (class-validator's own messages: `level must not be
 * greater than 3`, `level must be an integer number`).
 */
export function IsNutsLevel(): PropertyDecorator {
  return (target, propertyName) => {
    IsInt()(target, propertyName);
    Min(NUTS_LEVELS[0])(target, propertyName);
    Max(NUTS_LEVELS[NUTS_LEVELS.length - 1]!)(target, propertyName);
  };
}

/**
 * Eurostat's country codes that differ from ISO 3166-1 alpha-2. Of the 37 NUTS / statistical-region countries
 * in the NUTS 2024 data only Greece does (EL, ISO GR); Kosovo's `XK` is the user-assigned code the EU and
 * ISO-based systems use.
 */
const ISO_BY_EUROSTAT_COUNTRY: Readonly<Record<string, string>> = { EL: 'GR' };

/** The ISO 3166-1 alpha-2 code of a Eurostat (NUTS level-0) country code: `EL` → `GR`; the others are the same. */
export function isoCountryCodeOf(eurostatCountryCode: string): string {
  return ISO_BY_EUROSTAT_COUNTRY[eurostatCountryCode] ?? eurostatCountryCode;
}
