/**
 * The PostgreSQL text search configuration for each ISO 639-1 language code that has one (stemming and stop
 * words of that language); any other language is indexed with `simple` (words as written, accents and case
 * folded). Used by the migration's `library_ts_config` and `library_tsquery`.
 */
export const TEXT_SEARCH_CONFIGURATIONS: Readonly<Record<string, string>> = {
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  it: 'italian',
  lt: 'lithuanian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  sv: 'swedish',
};

/** An ISO 639-1 code: two lower-case letters. */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2}$/;
