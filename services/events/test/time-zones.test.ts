import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isLocalMidnight, zonedInstant } from '../src/inputs/time-zones.input';

describe('time zones', () => {
  it('accepts IANA zones in any case and refuses offsets and unknown names', () => {
    expect(canonicalTimeZone('europe/brussels')).toBe('Europe/Brussels');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(canonicalTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
    for (const bad of ['+01:00', 'CET+1', 'Europe/Atlantis', '', 'Europe/../etc']) {
      expect(canonicalTimeZone(bad), bad).toBeNull();
    }
  });

  it('turns wall-clock times into instants on both sides of a daylight-saving change', () => {
    expect(zonedInstant('2021-03-19', 'Europe/Brussels').toISOString()).toBe('2021-03-18T23:00:00.000Z');
    expect(zonedInstant('2019-04-10', 'Europe/Brussels').toISOString()).toBe('2019-04-09T22:00:00.000Z');
    // Brussels moved to summer time at 02:00 on 28 March 2021.
    expect(zonedInstant('2021-03-28T00:00', 'Europe/Brussels').toISOString()).toBe(
      '2021-03-27T23:00:00.000Z',
    );
    expect(zonedInstant('2021-03-28T12:00', 'Europe/Brussels').toISOString()).toBe(
      '2021-03-28T10:00:00.000Z',
    );
    expect(zonedInstant('2019-06-25T14:30', 'Europe/Lisbon').toISOString()).toBe('2019-06-25T13:30:00.000Z');
    expect(zonedInstant('2030-01-01', 'Asia/Kolkata').toISOString()).toBe('2029-12-31T18:30:00.000Z');
  });

  it('tells local midnights', () => {
    expect(isLocalMidnight(new Date('2019-04-09T22:00:00Z'), 'Europe/Brussels')).toBe(true);
    expect(isLocalMidnight(new Date('2019-04-10T00:00:00Z'), 'Europe/Brussels')).toBe(false);
    expect(isLocalMidnight(new Date('2019-04-09T22:00:00.001Z'), 'Europe/Brussels')).toBe(false);
    expect(isLocalMidnight(new Date('2019-04-10T00:00:00Z'), 'UTC')).toBe(true);
  });
});
