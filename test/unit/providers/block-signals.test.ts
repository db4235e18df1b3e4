import { describe, expect, it } from 'vitest';
import { ALL_BLOCK_SIGNALS, detectCloudflare, screenResponse, SIGNAL_OUTCOME, SUSPENSION_SECONDS } from '../../../src/providers/block-signals.ts';
import type { RawResponse } from '../../../src/providers/provider.types.ts';
import { detectDuckDuckGoSignal } from '../../../src/providers/duckduckgo/duckduckgo.parser.ts';
import { detectGoogleSignal } from '../../../src/providers/google/google.parser.ts';
import { detectYandexSignal } from '../../../src/providers/yandex/yandex.parser.ts';

const response = (status: number, body: string, headers: Record<string, string> = {}): RawResponse => ({ status, finalUrl: 'https://engine.example/search', headers, body });

describe('block signals', () => {
  it('reads 429 as rate limited and 403 as blocked', () => {
    expect(screenResponse(response(429, 'slow down'))).toMatchObject({ outcome: 'rate_limited', signal: 'http_429', results: [] });
    expect(screenResponse(response(403, 'no'))).toMatchObject({ outcome: 'blocked', signal: 'http_403' });
  });

  it('lets a 200 page through to the parser', () => {
    expect(screenResponse(response(200, '<html></html>'))).toBeNull();
  });

  it('recognises the Cloudflare challenge by SearXNG\'s markers and by the cf-mitigated header', () => {
    expect(detectCloudflare(response(503, '<script>window._cf_chl_enter(x)</script> /cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1', { server: 'cloudflare' }))).toBe('cloudflare_challenge');
    expect(detectCloudflare(response(403, '<form action="?__cf_chl_captcha_tk__=abc">', { server: 'cloudflare' }))).toBe('cloudflare_challenge');
    expect(detectCloudflare(response(403, 'Just a moment...', { 'cf-mitigated': 'challenge' }))).toBe('cloudflare_challenge');
    expect(screenResponse(response(403, '<noscript><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></noscript>'))?.signal).toBe('cloudflare_challenge');
  });

  it('tells the Cloudflare firewall (error 1020) apart from a challenge', () => {
    expect(screenResponse(response(403, '<span class="cf-error-code">1020</span>', { server: 'cloudflare' }))).toMatchObject({ outcome: 'blocked', signal: 'cloudflare_firewall' });
  });

  it('recognises a reCAPTCHA wall on a 503', () => {
    expect(screenResponse(response(503, '<script src="https://www.google.com/recaptcha/api.js"></script>'))).toMatchObject({ outcome: 'captcha', signal: 'recaptcha' });
  });

  it('prefers the engine\'s own signal over the generic ones', () => {
    expect(screenResponse(response(429, 'x'), () => 'google_sorry')?.signal).toBe('google_sorry');
  });

  it('reads other error statuses as HTTP errors with the status in the detail', () => {
    expect(screenResponse(response(502, 'bad gateway'))).toMatchObject({ outcome: 'error', signal: 'http_error', detail: 'HTTP 502' });
  });

  it('has an outcome and a suspension for every signal, with SearXNG\'s defaults', () => {
    for (const signal of ALL_BLOCK_SIGNALS) {
      expect(SIGNAL_OUTCOME[signal]).toMatch(/^(blocked|captcha|rate_limited|error)$/);
      expect(SUSPENSION_SECONDS[signal]).toBeGreaterThan(0);
    }
    expect(SUSPENSION_SECONDS).toMatchObject({ http_403: 180, http_429: 180, google_sorry: 3600, cloudflare_challenge: 1_296_000, cloudflare_firewall: 86_400, recaptcha: 604_800 });
  });
});

describe('challenge markup read from the parsed page', () => {
  it('recognises the challenge forms of DuckDuckGo and Yandex, but not the same markup inside a comment', () => {
    expect(detectDuckDuckGoSignal(response(200, '<form id="challenge-form" action="/anomaly.js?sv=html"><input type="hidden"></form>'))).toBe('ddg_challenge_form');
    expect(detectDuckDuckGoSignal(response(200, '<!-- <form id="challenge-form"> --><div id="links"></div>'))).toBeNull();
    expect(detectYandexSignal(response(200, '<form method="post" action="/CheckCaptcha?key=1&amp;retpath=x"><input name="rep"></form>'))).toBe('yandex_captcha');
    expect(detectYandexSignal(response(200, '<p>action="/checkcaptcha" is how Yandex asks for a CAPTCHA</p>'))).toBeNull();
  });

  it('recognises Google\'s "Verifying your request" page by its title, not by the words elsewhere', () => {
    expect(detectGoogleSignal(response(200, '<html><head><title>\n  Verifying your request</title></head><body></body></html>'))).toBe('google_sorry');
    expect(detectGoogleSignal(response(200, '<html><head><title>Results</title></head><body>Verifying your request takes a second</body></html>'))).toBeNull();
  });

  it('recognises the challenge notice only inside noscript', () => {
    expect(detectCloudflare(response(403, '<noscript><div><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript>'))).toBe('cloudflare_challenge');
    expect(detectCloudflare(response(403, '<p id="challenge-error-text">Enable JavaScript</p>'))).toBeNull();
  });
});
