import type { PageLanguage } from './html';

/** Intl formatters are costly to build: one per language and number of decimals, kept for the process. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Decimals of a value as the graph gives it (JSON's shortest round-trip form): 71.5 → 1, 78 → 0. The page
 * shows exactly these, so a value is never rounded differently from its source.
 */
export function decimalsOf(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) {
    const [mantissa = '', exponent = '0'] = text.toLowerCase().split('e');
    const fraction = mantissa.split('.')[1]?.length ?? 0;
    return Math.min(Math.max(fraction - Number(exponent), 0), 20);
  }
  return text.split('.')[1]?.length ?? 0;
}

/** A number in the page's language with exactly the decimals it came with. */
export function formatNumber(value: number, lang: PageLanguage): string {
  const decimals = decimalsOf(value);
  const key = `${lang}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date (no time) in the page's language, in `timeZone` (the event's own zone; UTC for records). */
export function formatDate(iso: string, lang: PageLanguage, timeZone = 'UTC'): string {
  const key = `${lang}:${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone });
    } catch {
      // an unknown zone name: the date in UTC rather than no page
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    }
    dateFormats.set(key, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone, for `<time datetime>`. */
export function isoDateIn(iso: string, timeZone = 'UTC'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/** An http(s) URL as given, or null: other schemes (javascript:, data:) never become links. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An enum value as words when no label is given: "GOOD_PRACTICE" → "Good practice". */
export function enumWords(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
