/**
 * Letters that carry no combining mark under NFKD (so they survive mark removal) mapped to the plain
 * letters a user types when searching. Keys are lower case: the mapping runs after lowercasing.
 * Greek final sigma is folded to σ so that a word matches whatever its position.
 */
const UNDECOMPOSABLE_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h', // Maltese, e.g. 'Għawdex' (MT002); not in the original list but needed by the NUTS names
  ς: 'σ',
};

const UNDECOMPOSABLE_PATTERN: RegExp = new RegExp(`[${Object.keys(UNDECOMPOSABLE_LETTERS).join('')}]`, 'gu');
const COMBINING_MARKS: RegExp = /\p{M}+/gu;
const NON_LETTER_OR_DIGIT_RUN: RegExp = /[^\p{L}\p{N}]+/gu;

/**
 * Folds a name into the form used for accent- and case-insensitive search:
 * NFKD, combining marks removed, lower case, non-decomposing letters mapped (ø→o, ß→ss, ł→l, ħ→h …, ς→σ),
 * every run of characters that are neither letters nor digits collapsed to one space, trimmed.
 * Non-Latin scripts (Greek, Cyrillic) stay in their script, only without accents.
 *
 * @example normaliseSearchText('Île-de-France') === 'ile de france'
 * @example normaliseSearchText('Κρήτη') === 'κρητη'
 */
export function normaliseSearchText(input: string): string {
  return input
    .normalize('NFKD')
    .toLowerCase()
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSABLE_PATTERN, (letter: string): string => UNDECOMPOSABLE_LETTERS[letter] ?? letter)
    .replace(NON_LETTER_OR_DIGIT_RUN, ' ')
    .trim();
}

/** A NUTS 2024 / statistical-regions code: country code then up to three letters or digits (`FR`, `FRH0`, `FRH01`). */
export const NUTS_CODE_PATTERN: RegExp = /^[A-Z]{2}[A-Z0-9]{0,3}$/;

/**
 * A SQL `LIKE` pattern matching a NUTS region and all of its descendants. NUTS codes are prefix-hierarchical
 * (a parent's code is its child's code minus the last character), so `FR` covers `FRH`, `FRH0` and `FRH01`.
 * The code must match `NUTS_CODE_PATTERN` (checked here), so it holds no `%` or `_` to escape.
 */
export function regionAndDescendantsPattern(code: string): string {
  if (!NUTS_CODE_PATTERN.test(code)) throw new Error(`Not a NUTS code: ${code}`);
  return `${code}%`;
}

/** An organisation id: a stable slug of 2-63 lower-case letters, digits or hyphens (`cor`, `cpmr-north-sea-commission`). */
export const ORGANISATION_ID_PATTERN: RegExp = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A UUID in its textual form, any case (ids of events, threads, posts). Checked before it reaches a `uuid` column. */
export const UUID_PATTERN: RegExp = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
