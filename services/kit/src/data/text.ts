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
