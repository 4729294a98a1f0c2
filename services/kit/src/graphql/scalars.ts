import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

// The hub's two time scalars. Hand-written rather than graphql-scalars' `DateTime`/`Date`: that `DateTime`
// serialises to a JS `Date` (so the wire format depends on whoever stringifies it) and that `Date` parses to a
// JS `Date` at midnight UTC, which shifts a calendar date as soon as someone formats it in another time zone.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** True when year, month and day name a day of the Gregorian calendar (no 2026-02-30). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date `YYYY-MM-DD` that exists, or null. */
export function parseCalendarDate(value: string): string | null {
  const match = DATE.exec(value);
  if (!match) return null;
  return isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3])) ? value : null;
}

/** An RFC 3339 date-time with `Z` or an offset (`2026-03-01T09:30:00Z`, `…+01:00`) as an instant, or null. */
export function parseInstant(value: string): Date | null {
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds, , zone, , offsetHours, offsetMinutes] = match;
  if (!isCalendarDay(Number(year), Number(month), Number(day))) return null;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  if (zone?.toUpperCase() !== 'Z' && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function stringLiteral(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) {
    throw new GraphQLError(`${scalar} must be a string, got ${ast.kind}.`, { nodes: ast });
  }
  return ast.value;
}

function parseDateTimeInput(value: unknown): Date {
  if (typeof value !== 'string') {
    throw new GraphQLError(`DateTime must be a string such as "2026-03-01T09:30:00Z", got ${typeof value}.`);
  }
  const instant = parseInstant(value);
  if (!instant) {
    throw new GraphQLError(
      `"${value}" is not a DateTime: an RFC 3339 date-time with Z or an offset, such as "2026-03-01T09:30:00Z".`,
    );
  }
  return instant;
}

function parseDateInput(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError(`Date must be a string such as "2026-03-01", got ${typeof value}.`);
  }
  const date = parseCalendarDate(value);
  if (!date)
    throw new GraphQLError(`"${value}" is not a Date: a calendar date YYYY-MM-DD, such as "2026-03-01".`);
  return date;
}

/**
 * `DateTime`: an instant. Clients send an RFC 3339 date-time with `Z` or an offset; resolvers receive a JS
 * `Date`. Results are always written in UTC with milliseconds and `Z` (`2026-03-01T08:30:00.000Z`). A field
 * whose design type is `Date` gets this scalar without a thunk (see `HUB_SCALARS_MAP`).
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'An instant in time: an RFC 3339 / ISO 8601 date-time. Results are in UTC with a Z, such as "2026-03-01T08:30:00.000Z"; arguments may carry Z or an offset, such as "2026-03-01T09:30:00+01:00".',
  serialize(value) {
    const instant = value instanceof Date ? value : typeof value === 'string' ? parseInstant(value) : null;
    if (!instant || Number.isNaN(instant.getTime())) {
      throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}: give a JS Date.`);
    }
    return instant.toISOString();
  },
  parseValue: parseDateTimeInput,
  parseLiteral: (ast) => parseDateTimeInput(stringLiteral(ast, 'DateTime')),
  extensions: { jsonSchema: { type: 'string', format: 'date-time' } },
});

/**
 * `Date`: a calendar date without time or zone, `YYYY-MM-DD` (a membership's `since`). Kept as that string in
 * JS on both sides, so no time zone can shift it; resolvers return it as a string (`@Field(() => DateScalar)`).
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description:
    'A calendar date without time of day or time zone: YYYY-MM-DD (ISO 8601), such as "2026-03-01".',
  serialize(value) {
    if (typeof value !== 'string' || !parseCalendarDate(value)) {
      throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}: give a "YYYY-MM-DD" string.`);
    }
    return value;
  },
  parseValue: parseDateInput,
  parseLiteral: (ast) => parseDateInput(stringLiteral(ast, 'Date')),
  extensions: { jsonSchema: { type: 'string', format: 'date' } },
});

/** type-graphql's `scalarsMap` of every hub schema: a `Date` design type is a `DateTime` (never `DateTimeISO`). */
export const HUB_SCALARS_MAP = [{ type: Date, scalar: DateTimeScalar }];
