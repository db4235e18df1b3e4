import { describe, expect, it } from 'vitest';
import { latestOccurrence, nextCronOccurrence, validateCronExpression } from '../../../src/shared/cron.models.ts';

const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi);

describe('cron schedules', () => {
  it('accepts standard expressions and names the bad field of invalid ones', () => {
    expect(validateCronExpression('0 3 * * *')).toBeNull();
    expect(validateCronExpression('*/15 * * * 1-5')).toBeNull();
    expect(validateCronExpression('61 * * * *')).toMatch(/minute/);
    expect(validateCronExpression('')).toMatch(/empty/);
    expect(validateCronExpression('every day')).not.toBeNull();
  });

  it('finds the next daily run strictly after the given time', () => {
    expect(nextCronOccurrence('0 3 * * *', local(2026, 11, 22, 2, 59))).toEqual(local(2026, 11, 22, 3, 0));
    expect(nextCronOccurrence('0 3 * * *', local(2026, 11, 22, 3, 0))).toEqual(local(2026, 11, 23, 3, 0));
  });

  it('respects weekdays and month boundaries', () => {
    // 2026-11-27 is a Friday; the next weekday 09:30 after Friday evening is Monday 30 November.
    expect(nextCronOccurrence('30 9 * * 1-5', local(2026, 11, 27, 18, 0))).toEqual(local(2026, 11, 30, 9, 30));
    expect(nextCronOccurrence('0 0 1 * *', local(2026, 12, 15))).toEqual(local(2027, 1, 1));
  });

  it('requires both restricted day fields, exactly as the node-cron scheduler fires', () => {
    // Day 1 of the month AND a Sunday: after Friday 2026-11-27 the next such day is Sunday 1 August 2027.
    expect(nextCronOccurrence('0 12 1 * 0', local(2026, 11, 27))).toEqual(local(2027, 8, 1, 12, 0));
  });

  it('evaluates in the time zone it is given, across a daylight-saving change', () => {
    const utc = (iso: string) => new Date(iso);
    expect(nextCronOccurrence('0 3 * * *', utc('2026-07-01T12:00:00Z'), 'Europe/Brussels')).toEqual(utc('2026-07-02T01:00:00Z'));
    expect(nextCronOccurrence('0 3 * * *', utc('2026-12-01T12:00:00Z'), 'Europe/Brussels')).toEqual(utc('2026-12-02T02:00:00Z'));
    // Brussels moves from CET to CEST on 29 March 2026.
    expect(nextCronOccurrence('0 12 * * *', utc('2026-03-28T12:00:00Z'), 'Europe/Brussels')).toEqual(utc('2026-03-29T10:00:00Z'));
    expect(nextCronOccurrence('30 9 * * *', utc('2026-11-22T00:00:00Z'), 'America/New_York')).toEqual(utc('2026-11-22T14:30:00Z'));
  });

  it('understands the syntax node-cron accepts, such as the last day of the month', () => {
    expect(validateCronExpression('0 6 L * *')).toBeNull();
    expect(nextCronOccurrence('0 6 L * *', local(2027, 2, 3))).toEqual(local(2027, 2, 28, 6, 0));
    // The first Monday of the month.
    expect(nextCronOccurrence('0 9 * * 1#1', local(2026, 11, 27))).toEqual(local(2026, 12, 7, 9, 0));
  });

  it('refuses an expression that can never fire', () => {
    expect(validateCronExpression('0 0 30 2 *')).toMatch(/impossible/);
  });
});

describe('latest occurrence', () => {
  it('finds the last firing in a long gap without walking every minute of it', () => {
    const after = new Date('2026-01-01T00:00:00Z');
    const upTo = new Date('2026-11-22T10:17:30Z');
    expect(latestOccurrence({ expression: '* * * * *', timeZone: 'UTC', after, upTo })).toEqual(new Date('2026-11-22T10:17:00Z'));
    expect(latestOccurrence({ expression: '0 8 1 * *', timeZone: 'UTC', after, upTo })).toEqual(new Date('2026-11-01T08:00:00Z'));
    expect(latestOccurrence({ expression: '0 8 1 1 *', timeZone: 'UTC', after, upTo })).toEqual(new Date('2026-01-01T08:00:00Z'));
    expect(latestOccurrence({ expression: '0 8 1 1 *', timeZone: 'UTC', after: new Date('2026-01-01T08:00:00Z'), upTo })).toBeNull();
  });
});
