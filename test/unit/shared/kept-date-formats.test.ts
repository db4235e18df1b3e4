import { describe, expect, it } from 'vitest';
import { createKeptDateFormats, unknownTimeZone } from '../../../src/shared/kept-date-formats.models.ts';

const zoneOptions = (timeZone: string) => () => ({ timeZone, hour: 'numeric', hourCycle: 'h23' }) as const;

describe('kept date formats', () => {
  it('hands out the same formatter for the same key and builds the options once', () => {
    const kept = createKeptDateFormats();
    let built = 0;
    const options = () => {
      built++;
      return { timeZone: 'Europe/Brussels', hour: 'numeric', hourCycle: 'h23' } as const;
    };
    const first = kept('Europe/Brussels', 'en-GB', options);
    expect(kept('Europe/Brussels', 'en-GB', options)).toBe(first);
    expect(built).toBe(1);
    expect(first?.format(new Date('2026-07-15T12:00:00Z'))).toBe('14');
    expect(kept('Asia/Kolkata', 'en-GB', zoneOptions('Asia/Kolkata'))).not.toBe(first);
  });

  it('keeps no more than its limit: a full map is emptied and the next key starts it again', () => {
    const kept = createKeptDateFormats(2);
    const utc = kept('UTC', 'en-GB', zoneOptions('UTC'));
    kept('Europe/Brussels', 'en-GB', zoneOptions('Europe/Brussels'));
    expect(kept('UTC', 'en-GB', zoneOptions('UTC'))).toBe(utc);
    kept('Asia/Kolkata', 'en-GB', zoneOptions('Asia/Kolkata'));
    // UTC was dropped with the rest when Kolkata came in: built again, a new instance.
    expect(kept('UTC', 'en-GB', zoneOptions('UTC'))).not.toBe(utc);
  });

  it('answers null for an unknown time zone, again when asked again', () => {
    const kept = createKeptDateFormats();
    let built = 0;
    const options = () => {
      built++;
      return { timeZone: 'Mars/Olympus' };
    };
    expect(kept('Mars/Olympus', 'en-GB', options)).toBeNull();
    expect(kept('Mars/Olympus', 'en-GB', options)).toBeNull();
    expect(built).toBe(1);
    expect(() => unknownTimeZone('Mars/Olympus')).toThrow(new RangeError('Invalid time zone specified: Mars/Olympus'));
  });

  it('throws what Intl refuses besides the zone, instead of calling it an unknown zone', () => {
    const kept = createKeptDateFormats();
    expect(() => kept('bad-locale', 'en-GB-!!', zoneOptions('UTC'))).toThrow(RangeError);
    expect(() => kept('bad-locale-and-zone', 'en-GB-!!', zoneOptions('Mars/Olympus'))).toThrow(RangeError);
  });
});
