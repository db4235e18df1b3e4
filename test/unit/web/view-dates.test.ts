import { describe, expect, it } from 'vitest';
import { createViewContext, formatDate, formatDateTime, timeTag, type ViewContext } from '../../../src/web/views/context.ts';

const contextAt = (now: string, lang: ViewContext['lang'], timeZone: string): ViewContext => createViewContext({
  lang, actor: null, csrf: null, quickExitUrl: 'https://example.org', path: '/', query: {}, timeZone,
  assets: { css: '', js: '' }, now: new Date(now), ownPersonId: null,
});

describe('dates on pages (formatted once per instant, language, zone and year)', () => {
  const instant = new Date('2026-03-01T23:30:00Z');

  it('shows the year only when it is not this year, also after the same instant was shown in another year', () => {
    const thisYear = contextAt('2026-12-05T10:00:00Z', 'en', 'UTC');
    const nextYear = contextAt('2027-01-02T10:00:00Z', 'en', 'UTC');
    expect(formatDateTime(thisYear, instant)).not.toContain('2026');
    expect(formatDateTime(nextYear, instant)).toContain('2026');
    expect(formatDateTime(thisYear, instant)).not.toContain('2026');
  });

  it('follows the zone and the language of each reader', () => {
    const utc = contextAt('2026-12-05T10:00:00Z', 'en', 'UTC');
    const berlin = contextAt('2026-12-05T10:00:00Z', 'en', 'Europe/Berlin');
    const german = contextAt('2026-12-05T10:00:00Z', 'de', 'Europe/Berlin');
    expect(formatDate(utc, instant)).toBe('Mar 1, 2026');
    expect(formatDate(berlin, instant)).toBe('Mar 2, 2026');
    expect(formatDateTime(german, instant)).not.toBe(formatDateTime(berlin, instant));
    expect(formatDateTime(german, instant)).toMatch(/März|Mär/);
  });

  it('refuses a zone Intl does not know, also when asked again', () => {
    for (let i = 0; i < 2; i++) expect(() => formatDate(contextAt('2026-12-05T10:00:00Z', 'en', 'Mars/Olympus'), instant)).toThrow(RangeError);
  });

  it('gives a <time> element with the machine-readable instant, the same on every call', () => {
    const ctx = contextAt('2026-12-05T10:00:00Z', 'en', 'UTC');
    const first = timeTag(ctx, instant).value;
    expect(first).toBe(`<time datetime="2026-03-01T23:30:00.000Z">${formatDateTime(ctx, instant)}</time>`);
    expect(timeTag(ctx, new Date(instant)).value).toBe(first);
    expect(timeTag(ctx, null).value).toContain('—');
  });
});
