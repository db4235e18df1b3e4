import { describe, expect, it } from 'vitest';
import { nextCronOccurrence, validateCronExpression } from '../../../src/shared/cron.models.ts';

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

  it('matches either restricted day field, as classic cron does', () => {
    // Day 1 of the month OR a Sunday: after Friday 2026-11-27 the next is Sunday 29th.
    expect(nextCronOccurrence('0 12 1 * 0', local(2026, 11, 27))).toEqual(local(2026, 11, 29, 12, 0));
  });
});
