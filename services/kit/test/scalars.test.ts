import 'reflect-metadata';
import { graphql, parseValue, printSchema, valueFromAST } from 'graphql';
import { Arg, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildFederatedSchema } from '../src/graphql/federated-schema';
import { DateScalar, DateTimeScalar, parseCalendarDate, parseInstant } from '../src/graphql/scalars';

describe('DateTime', () => {
  it('parses RFC 3339 date-times with Z or an offset to the instant they name', () => {
    expect(DateTimeScalar.parseValue('2026-03-01T09:30:00Z')).toEqual(new Date(Date.UTC(2026, 2, 1, 9, 30)));
    expect(DateTimeScalar.parseValue('2026-03-01T09:30:00.250+01:00')).toEqual(
      new Date(Date.UTC(2026, 2, 1, 8, 30, 0, 250)),
    );
    expect(DateTimeScalar.parseLiteral(parseValue('"2024-02-29T23:59:59z"'))).toEqual(
      new Date(Date.UTC(2024, 1, 29, 23, 59, 59)),
    );
  });

  it.each([
    '2026-03-01',
    '2026-03-01T09:30:00',
    '2026-03-01 09:30:00Z',
    '2026-02-30T09:30:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T09:60:00Z',
    '2026-03-01T09:30:00+25:00',
    'yesterday',
    '',
  ])('refuses %j', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(/is not a DateTime/);
    expect(parseInstant(value)).toBeNull();
  });

  it('refuses non-strings, in variables and in literals', () => {
    expect(() => DateTimeScalar.parseValue(1_700_000_000_000)).toThrow(/must be a string/);
    expect(() => DateTimeScalar.parseLiteral(parseValue('1700000000'))).toThrow(/must be a string/);
  });

  it('serialises a JS Date in UTC with milliseconds and Z, and refuses what is not an instant', () => {
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 2, 1, 8, 30)))).toBe('2026-03-01T08:30:00.000Z');
    expect(DateTimeScalar.serialize('2026-03-01T09:30:00+01:00')).toBe('2026-03-01T08:30:00.000Z');
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(/cannot represent/);
    expect(() => DateTimeScalar.serialize('soon')).toThrow(/cannot represent/);
    expect(() => DateTimeScalar.serialize(1_700_000_000_000)).toThrow(/cannot represent/);
  });
});

describe('Date', () => {
  it('keeps a real calendar day as its YYYY-MM-DD string', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(valueFromAST(parseValue('"2026-12-31"'), DateScalar)).toBe('2026-12-31');
    expect(DateScalar.serialize('2026-03-01')).toBe('2026-03-01');
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-3-1',
    '2026-03-01T00:00:00Z',
    '01/03/2026',
  ])('refuses %j', (value) => {
    expect(() => DateScalar.parseValue(value)).toThrow(/is not a Date/);
    expect(parseCalendarDate(value)).toBeNull();
    expect(() => DateScalar.serialize(value)).toThrow(/cannot represent/);
  });

  it('refuses to serialise a JS Date (calendar dates stay strings, so no time zone can shift them)', () => {
    expect(() => DateScalar.serialize(new Date(Date.UTC(2026, 2, 1)))).toThrow(/YYYY-MM-DD/);
  });
});

@ObjectType('Meeting', { description: 'A meeting.' })
class Meeting {
  @Field({ description: 'When it starts (design type Date, no thunk).' })
  startsAt!: Date;

  @Field(() => DateScalar, { description: 'The day it was agreed.' })
  agreedOn!: string;
}

@Resolver()
class MeetingResolver {
  @Query(() => Meeting, { description: 'The meeting after `after`, agreed on `agreedOn`.' })
  nextMeeting(
    @Arg('after', { description: 'An instant.' }) after: Date,
    @Arg('agreedOn', () => DateScalar, { description: 'A day.' }) agreedOn: string,
  ): Meeting {
    expect(after).toBeInstanceOf(Date);
    return Object.assign(new Meeting(), { startsAt: new Date(after.getTime() + 3_600_000), agreedOn });
  }
}

describe('scalars in a hub schema', () => {
  it('maps a Date design type to DateTime (never DateTimeISO) and round-trips both scalars', async () => {
    const schema = await buildFederatedSchema({ resolvers: [MeetingResolver] });
    const sdl = printSchema(schema);
    expect(sdl).toContain('startsAt: DateTime!');
    const args = schema.getQueryType()!.getFields().nextMeeting!.args;
    expect(args.map((arg) => `${arg.name}: ${String(arg.type)}`).sort()).toEqual([
      'after: DateTime!',
      'agreedOn: Date!',
    ]);
    expect(sdl).not.toContain('DateTimeISO');
    const result = await graphql({
      schema,
      source:
        '{ nextMeeting(after: "2026-03-01T09:30:00+01:00", agreedOn: "2026-02-20") { startsAt agreedOn } }',
    });
    expect(result).toEqual({
      data: { nextMeeting: { startsAt: '2026-03-01T09:30:00.000Z', agreedOn: '2026-02-20' } },
    });
    const refused = await graphql({
      schema,
      source: '{ nextMeeting(after: "2026-03-01", agreedOn: "2026-02-30") { startsAt } }',
    });
    expect(refused.errors?.map((error) => error.message).sort()).toEqual([
      expect.stringContaining('"2026-02-30" is not a Date:'),
      expect.stringContaining('"2026-03-01" is not a DateTime:'),
    ]);
  });
});
