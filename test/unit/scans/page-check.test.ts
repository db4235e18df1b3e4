import { describe, expect, it } from 'vitest';
import { classifyVisitedPage, isRetryable, planRetry, reasonForDeadVisit, reasonForVisitError, type VisitedSnapshot } from '../../../src/modules/scans/page-check.models.ts';

const ARTICLE = 'Forum thread about the weekend. '.repeat(80);

function page(overrides: Partial<VisitedSnapshot> = {}): VisitedSnapshot {
  return {
    status: 200,
    requestedUrl: 'https://forum.example/thread/1',
    finalUrl: 'https://forum.example/thread/1',
    headers: {},
    title: 'Thread 1',
    text: ARTICLE,
    html: `<html><body><p>${ARTICLE}</p></body></html>`,
    ...overrides,
  };
}

describe('classifying a visited page as checked or not', () => {
  it('counts an ordinary page as checked', () => {
    expect(classifyVisitedPage(page())).toEqual({ checked: true });
  });

  it('counts a page that is gone (404, 410) as checked: it no longer shows anything', () => {
    expect(classifyVisitedPage(page({ status: 404, text: 'Not found', html: '<h1>Not found</h1>' }))).toEqual({ checked: true });
    expect(classifyVisitedPage(page({ status: 410, text: 'Gone', html: '<h1>Gone</h1>' }))).toEqual({ checked: true });
  });

  it.each([
    [401, 'http_401'], [403, 'http_403'], [429, 'http_429'], [451, 'http_451'], [500, 'http_5xx'], [502, 'http_5xx'], [503, 'http_5xx'], [402, 'paywall'],
  ] as const)('reports HTTP %i as could not check: %s', (status, reason) => {
    expect(classifyVisitedPage(page({ status, title: 'Error', text: 'Sorry.', html: '<p>Sorry.</p>' }))).toEqual({ checked: false, reason });
  });

  it('recognises a Cloudflare "Just a moment" challenge even though it answers 403', () => {
    const html = '<html><head><title>Just a moment...</title></head><body><script>window._cf_chl_opt={cvId:"3"}</script><noscript><div id="challenge-error-text">Enable JavaScript and cookies to continue</div></noscript></body></html>';
    expect(classifyVisitedPage(page({ status: 403, headers: { server: 'cloudflare' }, title: 'Just a moment...', text: 'Enable JavaScript and cookies to continue', html }))).toEqual({ checked: false, reason: 'challenge' });
  });

  it('recognises a short captcha page served with status 200', () => {
    const html = '<html><body><h1>Security check</h1><div class="h-captcha" data-sitekey="x"></div></body></html>';
    expect(classifyVisitedPage(page({ title: 'Verify', text: 'Please complete the security check to access the site.', html }))).toEqual({ checked: false, reason: 'challenge' });
  });

  it('does not mistake a long article with a captcha-protected comment form for a challenge', () => {
    const html = `<html><body><p>${ARTICLE}</p><form><div class="g-recaptcha" data-sitekey="x"></div></form></body></html>`;
    expect(classifyVisitedPage(page({ html }))).toEqual({ checked: true });
  });

  it('recognises a redirect to a platform login page as a login wall', () => {
    expect(classifyVisitedPage(page({
      requestedUrl: 'https://social.example/lola', finalUrl: 'https://social.example/accounts/login/?next=/lola', redirectChain: ['https://social.example/lola'],
      title: 'Log in', text: 'Log in. Phone number, username or email. Password.', html: '<form><input name="u"><input type="password" name="p"></form>',
    }))).toEqual({ checked: false, reason: 'login_wall' });
  });

  it('recognises "log in to continue" over a password form as a login wall', () => {
    const text = `Members area. Log in to continue. ${'Some teaser text. '.repeat(20)}`;
    expect(classifyVisitedPage(page({ text, html: `<p>${text}</p><form><input type="password"></form>` }))).toEqual({ checked: false, reason: 'login_wall' });
  });

  it('recognises a page that is nothing but a password form as a login wall', () => {
    expect(classifyVisitedPage(page({ title: 'Private', text: 'Username Password Enter', html: '<form><input name="u"><input type=password name="p"><button>Enter</button></form>' }))).toEqual({ checked: false, reason: 'login_wall' });
  });

  it('does not count a page with a "log in" link in its header as a login wall', () => {
    const html = `<header><a href="/login">Log in</a></header><p>${ARTICLE}</p>`;
    expect(classifyVisitedPage(page({ text: `Log in ${ARTICLE}`, html }))).toEqual({ checked: true });
  });

  it('recognises a paywall by its schema.org marking or its wording', () => {
    expect(classifyVisitedPage(page({ html: `<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree": false}</script><p>${ARTICLE}</p>` }))).toEqual({ checked: false, reason: 'paywall' });
    expect(classifyVisitedPage(page({ text: `${ARTICLE} Subscribe to continue reading.` }))).toEqual({ checked: false, reason: 'paywall' });
    expect(classifyVisitedPage(page({ text: `${ARTICLE} Abonnez-vous pour lire la suite.` }))).toEqual({ checked: false, reason: 'paywall' });
  });
});

describe('pages whose visit failed', () => {
  it('names the reason from the error code the visit threw', () => {
    expect(reasonForVisitError('fetch.url_refused')).toBe('refused');
    expect(reasonForVisitError('fetch.timeout')).toBe('timeout');
    expect(reasonForVisitError('fetch.too_large')).toBe('too_large');
    expect(reasonForVisitError('fetch.failed')).toBe('error');
    expect(reasonForVisitError('something.else')).toBe('error');
  });

  it('names a dead visit job a timeout when its last attempt ran out of time, and an error otherwise', () => {
    expect(reasonForDeadVisit('timed out after 180000 ms')).toBe('timeout');
    expect(reasonForDeadVisit('lease expired on the last attempt (the worker stopped while running it)')).toBe('error');
    expect(reasonForDeadVisit('fetch.failed: net::ERR_CONNECTION_RESET')).toBe('error');
    expect(reasonForDeadVisit(null)).toBe('error');
  });

  it('does not retry a refused address or an oversized page, but retries everything else', () => {
    expect(isRetryable('refused')).toBe(false);
    expect(isRetryable('too_large')).toBe(false);
    for (const reason of ['http_403', 'login_wall', 'challenge', 'timeout', 'error'] as const) expect(isRetryable(reason)).toBe(true);
  });
});

describe('planning the retry of an unchecked page', () => {
  const now = new Date('2026-09-01T12:00:00Z');
  const hours = (plan: { at: Date } | null) => (plan ? (plan.at.getTime() - now.getTime()) / 3_600_000 : null);

  it('waits longer after each retry and gives up after the fourth', () => {
    const delays = [0, 1, 2, 3, 4].map((retriesDone) => hours(planRetry({ retriesDone, reason: 'http_403', lastPath: 'browser', now, random: () => 0 })));
    expect(delays).toEqual([1, 6, 24, 72, null]);
  });

  it('switches to the plain path after the browser was refused, and back', () => {
    expect(planRetry({ retriesDone: 0, reason: 'http_403', lastPath: 'browser', now, random: () => 0 })?.path).toBe('plain');
    expect(planRetry({ retriesDone: 1, reason: 'challenge', lastPath: 'plain', now, random: () => 0 })?.path).toBe('browser');
  });

  it('adds at most a quarter of jitter', () => {
    expect(hours(planRetry({ retriesDone: 1, reason: 'timeout', lastPath: 'browser', now, random: () => 0.999 }))).toBeCloseTo(7.5, 1);
  });

  it('plans nothing for a refused address', () => {
    expect(planRetry({ retriesDone: 0, reason: 'refused', lastPath: 'browser', now, random: () => 0 })).toBeNull();
  });
});
