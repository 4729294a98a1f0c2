/**
 * Time-zone rules and arithmetic with the platform's own IANA database (Intl), so no time-zone library is needed:
 * the hub stores instants and the venue's zone, and only needs "is this a zone", "is this a local midnight" (input
 * rules) and "which instant is this local time" (the seed's documented schedules).
 */

/**
 * A valid IANA time zone name, or null: the platform's spelling when only the case differs ("europe/brussels" →
 * "Europe/Brussels"), else the name as given, so a current name is not replaced by the older alias ICU may
 * prefer ("Europe/Kyiv" stays, though ICU resolves it to "Europe/Kiev").
 */
export function canonicalTimeZone(name: string): string | null {
  // Offsets such as "+01:00" are not zones: their daylight-saving rules are unknown.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(instant).map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant (e.g. +2 h in Brussels in summer). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localParts(new Date(instant), timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** True when the instant is 00:00:00.000 on the wall clock of the zone. */
export function isLocalMidnight(instant: Date, timeZone: string): boolean {
  const local = localParts(instant, timeZone);
  return local.hour === 0 && local.minute === 0 && local.second === 0 && instant.getTime() % 1000 === 0;
}

/**
 * The instant of a wall-clock time in a zone, e.g. `zonedInstant('2019-04-10T00:00', 'Europe/Brussels')` →
 * 2019-04-09T22:00:00Z. A date alone means its midnight; "24:00" is not accepted (use the next day's 00:00).
 */
export function zonedInstant(localDateTime: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(localDateTime);
  if (!match) throw new Error(`Not a local date-time: ${localDateTime}`);
  const [, year, month, day, hour = '0', minute = '0'] = match;
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
  // The offset at the guess can differ from the offset at the answer across a DST change: correct once.
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}
