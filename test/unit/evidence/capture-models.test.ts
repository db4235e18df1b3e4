import { describe, expect, it } from 'vitest';
import { bannerLines, formatInTimeZone, imageMimeType, safeTimeZone } from '../../../src/modules/evidence/capture.models.ts';

describe('capture banner and metadata', () => {
  it('shows UTC and local time with its offset', () => {
    const lines = bannerLines({ requestedUrl: 'https://a.example/x', finalUrl: 'https://b.example/y', capturedAt: new Date('2026-07-01T10:00:00Z'), timeZone: 'Europe/Brussels', captureId: 'cap_1' });
    expect(lines).toEqual([
      ['URL', 'https://a.example/x'],
      ['Final URL', 'https://b.example/y'],
      ['Captured (UTC)', '2026-07-01 10:00:00 UTC'],
      ['Captured (local)', '2026-07-01 12:00:00 GMT+02:00 (Europe/Brussels)'],
      ['Capture id', 'cap_1'],
    ]);
  });

  it('says when there was no redirect and shortens absurdly long URLs', () => {
    const long = `https://a.example/${'x'.repeat(5000)}`;
    const lines = bannerLines({ requestedUrl: long, finalUrl: long, capturedAt: new Date(0), timeZone: 'UTC', captureId: 'c' });
    expect(lines[0]![1].length).toBeLessThan(700);
    expect(lines[1]![1]).toMatch(/\(no redirect\)$/);
  });

  it('falls back to UTC for an unknown time zone', () => {
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(formatInTimeZone(new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toBe('2026-01-01 00:00:00 GMT+00:00 (UTC)');
    // Asked again (its answer is kept), still no zone.
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
  });

  it('gives each instant its own offset when a zone is asked for again', () => {
    expect(formatInTimeZone(new Date('2026-01-15T12:00:00Z'), 'Europe/Brussels')).toBe('2026-01-15 13:00:00 GMT+01:00 (Europe/Brussels)');
    expect(formatInTimeZone(new Date('2026-07-15T12:00:00Z'), 'Europe/Brussels')).toBe('2026-07-15 14:00:00 GMT+02:00 (Europe/Brussels)');
    expect(formatInTimeZone(new Date('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-07-15 17:30:00 GMT+05:30 (Asia/Kolkata)');
  });

  it('trusts image bytes over a declared type, and never keeps an unknown type', () => {
    expect(imageMimeType('text/html', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageMimeType('image/webp; charset=x', Buffer.from('RIFF0000WEBP'))).toBe('image/webp');
    expect(imageMimeType('text/html', Buffer.from('<html>'))).toBe('application/octet-stream');
  });
});
