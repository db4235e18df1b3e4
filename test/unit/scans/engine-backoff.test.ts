import { describe, expect, it } from 'vitest';
import { BASE_BACKOFF_SECONDS, backoffSeconds, engineStateAt } from '../../../src/modules/scans/engine-backoff.models.ts';

const DAY = 86_400;

describe('the pause after an engine refuses searches', () => {
  it('starts at minutes, not days, even for a Cloudflare challenge or reCAPTCHA', () => {
    for (const signal of ['cloudflare_challenge', 'recaptcha', 'cloudflare_firewall', 'bing_captcha', 'http_429', 'http_403']) {
      const first = backoffSeconds({ outcome: 'captcha', signal, consecutiveFailures: 1, maxSeconds: DAY });
      expect(first, signal).toBeGreaterThanOrEqual(60);
      expect(first, signal).toBeLessThanOrEqual(3600);
    }
  });

  it('doubles with each refusal in a row', () => {
    const pauses = [1, 2, 3, 4].map((n) => backoffSeconds({ outcome: 'captcha', signal: 'bing_captcha', consecutiveFailures: n, maxSeconds: DAY }));
    expect(pauses).toEqual([900, 1800, 3600, 7200]);
  });

  it('never exceeds the configured cap, however long the engine keeps refusing', () => {
    expect(backoffSeconds({ outcome: 'captcha', signal: 'cloudflare_challenge', consecutiveFailures: 30, maxSeconds: DAY })).toBe(DAY);
    expect(backoffSeconds({ outcome: 'captcha', signal: 'cloudflare_challenge', consecutiveFailures: 10_000, maxSeconds: 2 * 3600 })).toBe(2 * 3600);
  });

  it('pauses a rate limit less than a CAPTCHA, and a plain error least', () => {
    const first = (outcome: 'error' | 'rate_limited' | 'captcha', signal: string | null) => backoffSeconds({ outcome, signal, consecutiveFailures: 1, maxSeconds: DAY });
    expect(first('error', 'http_error')).toBeLessThan(first('rate_limited', 'http_429'));
    expect(first('rate_limited', 'http_429')).toBeLessThan(first('captcha', 'startpage_captcha'));
  });

  it('falls back to the outcome\'s pause for a signal it does not know', () => {
    expect(backoffSeconds({ outcome: 'blocked', signal: 'some_new_signal', consecutiveFailures: 1, maxSeconds: DAY })).toBe(BASE_BACKOFF_SECONDS.blocked);
    expect(backoffSeconds({ outcome: 'rate_limited', signal: null, consecutiveFailures: 2, maxSeconds: DAY })).toBe(2 * BASE_BACKOFF_SECONDS.rate_limited);
  });
});

describe('what an engine\'s status means at a given time', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('is blocked while the pause runs and retrying once it is over, until a search succeeds', () => {
    expect(engineStateAt({ state: 'suspended', suspendedUntil: new Date(now.getTime() + 1000) }, now)).toBe('blocked');
    expect(engineStateAt({ state: 'suspended', suspendedUntil: now }, now)).toBe('retrying');
    expect(engineStateAt({ state: 'ok', suspendedUntil: null }, now)).toBe('ok');
    expect(engineStateAt(null, now)).toBe('unused');
  });
});
