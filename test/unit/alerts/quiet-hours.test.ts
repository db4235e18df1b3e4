import { describe, expect, it } from 'vitest';
import { isQuietAt, parseQuietHours, quietHoursEnd, wallClock } from '../../../src/modules/alerts/quiet-hours.models.ts';
import { latestOccurrence } from '../../../src/shared/cron.models.ts';

const night = parseQuietHours('22:00-07:00')!;
const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  it('reads a window written as HH:MM-HH:MM and refuses nonsense', () => {
    expect(parseQuietHours('22:00-07:00')).toEqual({ startMinute: 1320, endMinute: 420 });
    expect(parseQuietHours(' 9:30 - 12:15 ')).toEqual({ startMinute: 570, endMinute: 735 });
    for (const bad of ['22-07', '25:00-07:00', '22:60-07:00', '07:00-07:00', 'night', '']) expect(parseQuietHours(bad)).toBeNull();
  });

  it('treats a window across midnight as quiet late in the evening and early in the morning', () => {
    expect(isQuietAt(at('2026-11-22T22:00:00Z'), night, 'UTC')).toBe(true);
    expect(isQuietAt(at('2026-11-23T03:00:00Z'), night, 'UTC')).toBe(true);
    expect(isQuietAt(at('2026-11-23T06:59:00Z'), night, 'UTC')).toBe(true);
    expect(isQuietAt(at('2026-11-23T07:00:00Z'), night, 'UTC')).toBe(false);
    expect(isQuietAt(at('2026-11-22T21:59:00Z'), night, 'UTC')).toBe(false);
    expect(isQuietAt(at('2026-11-22T12:00:00Z'), night, 'UTC')).toBe(false);
  });

  it('handles a window within one day', () => {
    const lunch = parseQuietHours('12:00-13:30')!;
    expect(isQuietAt(at('2026-11-22T12:45:00Z'), lunch, 'UTC')).toBe(true);
    expect(isQuietAt(at('2026-11-22T13:30:00Z'), lunch, 'UTC')).toBe(false);
    expect(isQuietAt(at('2026-11-22T11:59:00Z'), lunch, 'UTC')).toBe(false);
  });

  it('is never quiet without a window', () => {
    expect(isQuietAt(at('2026-11-23T03:00:00Z'), null, 'UTC')).toBe(false);
    expect(quietHoursEnd(at('2026-11-23T03:00:00Z'), null, 'UTC').toISOString()).toBe('2026-11-23T03:00:00.000Z');
  });

  it('reads the window on the recipient\'s wall clock, not the server\'s', () => {
    // 21:30 UTC in November is 22:30 in Brussels.
    expect(isQuietAt(at('2026-11-22T21:30:00Z'), night, 'Europe/Brussels')).toBe(true);
    expect(isQuietAt(at('2026-11-22T21:30:00Z'), night, 'UTC')).toBe(false);
    expect(wallClock(at('2026-07-01T21:30:00Z'), 'Europe/Brussels')).toMatchObject({ hour: 23, minute: 30, day: 1, month: 7, weekday: 3 });
  });

  it('finds when the quiet hours end, after midnight and in the recipient\'s zone', () => {
    expect(quietHoursEnd(at('2026-11-22T23:30:00Z'), night, 'Europe/Brussels').toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(quietHoursEnd(at('2026-11-22T22:10:20Z'), night, 'UTC').toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(quietHoursEnd(at('2026-11-22T12:00:00Z'), night, 'UTC').toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });

  it('refuses a zone Intl does not know, also when asked again', () => {
    for (let i = 0; i < 2; i++) expect(() => wallClock(at('2026-11-22T10:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('lands on the local end time across a daylight-saving change', () => {
    // Spring forward in Brussels on 29 March 2026: 03:30 local is 01:30 UTC.
    expect(quietHoursEnd(at('2026-03-29T00:30:00Z'), parseQuietHours('01:00-03:30')!, 'Europe/Brussels').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // Fall back on 25 October 2026: 06:00 local (winter time) is 05:00 UTC.
    expect(quietHoursEnd(at('2026-10-24T22:30:00Z'), parseQuietHours('00:00-06:00')!, 'Europe/Brussels').toISOString()).toBe('2026-10-25T05:00:00.000Z');
    // 02:30 does not exist that spring night: the window ends when the clock jumps to 03:00.
    expect(quietHoursEnd(at('2026-03-28T23:00:00Z'), parseQuietHours('22:00-02:30')!, 'Europe/Brussels').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});

describe('digest schedule', () => {
  it('finds the latest daily occurrence in the recipient\'s zone', () => {
    const occurrence = latestOccurrence({ expression: '0 8 * * *', timeZone: 'Europe/Brussels', after: at('2026-11-21T10:00:00Z'), upTo: at('2026-11-22T10:00:00Z') });
    expect(occurrence?.toISOString()).toBe('2026-11-22T07:00:00.000Z');
  });

  it('finds nothing when the schedule did not fire since the last look', () => {
    expect(latestOccurrence({ expression: '0 8 * * *', timeZone: 'UTC', after: at('2026-11-22T08:00:00Z'), upTo: at('2026-11-22T08:05:00Z') })).toBeNull();
    expect(latestOccurrence({ expression: '0 8 * * *', timeZone: 'UTC', after: at('2026-11-22T07:58:00Z'), upTo: at('2026-11-22T08:00:30Z') })?.toISOString()).toBe('2026-11-22T08:00:00.000Z');
  });

  it('honours the day of week', () => {
    // 22 November 2026 is a Sunday; a Monday-only digest last fired on the 16th.
    const occurrence = latestOccurrence({ expression: '30 9 * * 1', timeZone: 'UTC', after: at('2026-11-14T00:00:00Z'), upTo: at('2026-11-22T10:00:00Z') });
    expect(occurrence?.toISOString()).toBe('2026-11-16T09:30:00.000Z');
  });
});
