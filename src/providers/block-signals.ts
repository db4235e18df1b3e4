import { parseHtml, selectOne } from '../shared/html-dom.ts';
import type { BlockSignal, ParsedSearch, RawResponse, SearchOutcome } from './provider.types.ts';

// Recognising a refusal is as important as reading results: a CAPTCHA page read as "no results" would tell
// a person at risk that nothing was found. Every parser runs these checks before it looks for results.

export const SIGNAL_OUTCOME: Record<BlockSignal, SearchOutcome> = {
  http_429: 'rate_limited',
  http_403: 'blocked',
  cloudflare_challenge: 'captcha',
  cloudflare_firewall: 'blocked',
  recaptcha: 'captcha',
  google_sorry: 'captcha',
  ddg_challenge_form: 'captcha',
  startpage_captcha: 'captcha',
  yandex_captcha: 'captcha',
  bing_captcha: 'captcha',
  searxng_format_disabled: 'blocked',
  searxng_limiter: 'rate_limited',
  http_error: 'error',
  unparseable: 'error',
};

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long to leave an engine alone after each signal, in seconds: SearXNG's `search.suspended_times`
 * defaults (access denied 180, CAPTCHA 3600, too many requests 180, Cloudflare challenge 15 days, Cloudflare
 * firewall 1 day, reCAPTCHA 7 days) and its `ban_time_on_fail` of 5 s for plain failures, which the runtime
 * should double up to `MAX_BAN_TIME_ON_FAIL_SECONDS` on repeated failures.
 * DuckDuckGo's challenge gets the CAPTCHA time rather than SearXNG's 0 s because its block is a sliding
 * window that only ends after about an hour without requests.
 */
export const SUSPENSION_SECONDS: Record<BlockSignal, number> = {
  http_403: 180,
  http_429: 180,
  cloudflare_challenge: 15 * DAY,
  cloudflare_firewall: DAY,
  recaptcha: 7 * DAY,
  google_sorry: HOUR,
  ddg_challenge_form: HOUR,
  startpage_captcha: HOUR,
  yandex_captcha: HOUR,
  bing_captcha: HOUR,
  // A SearXNG that refuses JSON needs its operator, not time; retrying every few minutes costs nothing.
  searxng_format_disabled: 180,
  searxng_limiter: 180,
  http_error: 5,
  unparseable: 5,
};
export const MAX_BAN_TIME_ON_FAIL_SECONDS = 120;

export const ALL_BLOCK_SIGNALS = Object.keys(SIGNAL_OUTCOME) as BlockSignal[];

export function isBlockSignal(value: string): value is BlockSignal {
  return Object.hasOwn(SIGNAL_OUTCOME, value);
}

export function refusal(signal: BlockSignal, detail?: string): ParsedSearch {
  return detail === undefined
    ? { outcome: SIGNAL_OUTCOME[signal], results: [], signal }
    : { outcome: SIGNAL_OUTCOME[signal], results: [], signal, detail };
}

export function unparseable(detail: string): ParsedSearch {
  return refusal('unparseable', detail);
}

function header(response: RawResponse, name: string): string {
  return response.headers[name] ?? '';
}

/** Cloudflare's interstitials, following SearXNG's `raise_for_httperror` plus the current `cf-mitigated` header. */
export function detectCloudflare(response: RawResponse): BlockSignal | null {
  const body = response.body;
  const viaCloudflare = /cloudflare/i.test(header(response, 'server')) || header(response, 'cf-ray') !== '';
  const status = response.status;
  const challengeMarkup =
    body.includes('__cf_chl_captcha_tk__=') ||
    body.includes('__cf_chl_jschl_tk__=') ||
    body.includes('window._cf_chl_opt') ||
    (body.includes('/cdn-cgi/challenge-platform/') && (body.includes('orchestrate/jsch/v1') || body.includes('window._cf_chl_enter(') || body.includes('orchestrate/chl_page'))) ||
    // The "Enable JavaScript and cookies" notice of the 2023+ challenge page; the page is parsed only when the marker is there.
    (body.includes('challenge-error-text') && selectOne(parseHtml(body), 'noscript #challenge-error-text') !== null);
  if (header(response, 'cf-mitigated').toLowerCase() === 'challenge') return 'cloudflare_challenge';
  if (challengeMarkup && (viaCloudflare || status === 403 || status === 429 || status === 503)) return 'cloudflare_challenge';
  // Checked after the challenge: real 2020 JS challenges carry the 1020 error markup inside their obfuscated
  // script as a decoy, and a challenge can be passed where a firewall block cannot.
  if (body.includes('<span class="cf-error-code">1020</span>') || (body.includes('id="cf-error-details"') && /Error\s*1020/.test(body))) {
    return 'cloudflare_firewall';
  }
  return null;
}

export function detectRecaptcha(response: RawResponse): BlockSignal | null {
  if (response.status >= 400 && response.body.includes('"https://www.google.com/recaptcha/')) return 'recaptcha';
  return null;
}

/** What the HTTP status alone says, once the engine-specific and interstitial checks found nothing. */
export function statusSignal(status: number): BlockSignal | null {
  if (status === 429) return 'http_429';
  if (status === 402 || status === 403) return 'http_403';
  if (status >= 300) return 'http_error';
  return null;
}

/**
 * The common pre-parse step: the engine's own signals first (they are the most precise), then Cloudflare
 * and reCAPTCHA interstitials, then the status code. `null` means "go on and read the page".
 */
export function screenResponse(response: RawResponse, engineSignal?: (response: RawResponse) => BlockSignal | null): ParsedSearch | null {
  const signal =
    engineSignal?.(response) ?? detectCloudflare(response) ?? detectRecaptcha(response) ?? statusSignal(response.status);
  if (signal === null) return null;
  return signal === 'http_error' ? refusal(signal, `HTTP ${response.status}`) : refusal(signal);
}

/** All URLs a response went through, for redirect-based CAPTCHA checks. */
export function visitedUrls(response: RawResponse): URL[] {
  const urls: URL[] = [];
  for (const raw of [...(response.redirectChain ?? []), response.finalUrl, header(response, 'location')]) {
    if (!raw) continue;
    try {
      urls.push(new URL(raw, response.finalUrl || undefined));
    } catch {
      // An unparsable Location header says nothing about CAPTCHAs.
    }
  }
  return urls;
}
