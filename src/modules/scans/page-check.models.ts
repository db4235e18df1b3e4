/**
 * Whether a visited candidate page was really checked. A page that refuses the scanner (an HTTP error, a
 * login wall, a bot challenge, a paywall) says nothing about whether the person is exposed on it, so it is
 * reported as "could not check" and retried later, never as "no match". Pure: decides from what the visit
 * returned (status, address, title, text, HTML) or from the error code the visit threw.
 */
import { detectCloudflare, detectRecaptcha } from '../../providers/block-signals.ts';
import { parseHtml, selectOne } from '../../shared/html-dom.ts';

export const UNCHECKED_REASONS = [
  'http_401', 'http_403', 'http_429', 'http_451', 'http_5xx', 'login_wall', 'challenge', 'paywall', 'timeout', 'refused', 'too_large', 'error',
] as const;
export type UncheckedReason = (typeof UNCHECKED_REASONS)[number];

export type PageCheck = { checked: true } | { checked: false; reason: UncheckedReason };

export interface VisitedSnapshot {
  status: number | null;
  requestedUrl: string;
  finalUrl: string;
  headers: Record<string, string>;
  title: string;
  text: string;
  html: string;
  redirectChain?: string[];
}

export function isUncheckedReason(value: string): value is UncheckedReason {
  return (UNCHECKED_REASONS as readonly string[]).includes(value);
}

/** The error codes `visitPage` and `safeFetch` throw, as reasons. */
export function reasonForVisitError(code: string): UncheckedReason {
  if (code === 'fetch.url_refused') return 'refused';
  if (code === 'fetch.timeout') return 'timeout';
  if (code === 'fetch.too_large') return 'too_large';
  return 'error';
}

/**
 * Why a page visit job that died left its page unchecked, from the error stored on the job: it ran out of
 * time on its last attempt, or it failed or was interrupted (a worker that died under it) too often.
 */
export function reasonForDeadVisit(lastError: string | null): UncheckedReason {
  return lastError !== null && /\btimed out\b|\btimeout\b/i.test(lastError) ? 'timeout' : 'error';
}

/**
 * A refused address stays refused (the guard's policy does not change between tries) and a page over the
 * size cap stays over it; everything else may answer differently later or on the other path.
 */
export function isRetryable(reason: UncheckedReason): boolean {
  return reason !== 'refused' && reason !== 'too_large';
}

// A challenge or a wall is a short page: a real page that happens to embed a captcha in its comment form,
// or a "log in" link in its header, has far more text than that.
const SHORT_PAGE_CHARS = 1500;

const CHALLENGE_TITLES = /^(?:just a moment|attention required|one more step|please wait|checking your browser|ddos-guard|access denied|are you a robot|verify you are human|security check|captcha)\b/i;
const CHALLENGE_TEXT = /\b(?:checking (?:if the site connection is secure|your browser before accessing)|verify(?:ing)? (?:that )?you are (?:a )?human|enable javascript and cookies to continue|press (?:&|and) hold to confirm you are a human|please complete the security check)\b/i;
const CAPTCHA_MARKUP = /(?:class=["'][^"']*\b(?:g-recaptcha|h-captcha|cf-turnstile)\b|hcaptcha\.com\/1\/api\.js|challenges\.cloudflare\.com\/turnstile|captcha-delivery\.com|id=["']px-captcha["']|\/cdn-cgi\/challenge-platform\/)/i;

function isChallenge(page: VisitedSnapshot): boolean {
  const raw = { status: page.status ?? 0, finalUrl: page.finalUrl, headers: page.headers, body: page.html };
  if (detectCloudflare(raw) !== null || detectRecaptcha(raw) !== null) return true;
  if (CHALLENGE_TITLES.test(page.title.trim())) return true;
  const short = page.text.length < SHORT_PAGE_CHARS;
  return short && (CHALLENGE_TEXT.test(page.text) || CAPTCHA_MARKUP.test(page.html));
}

// Where platforms send a visitor who is not logged in. Only counted when the page was redirected there: a
// candidate that *is* a login page (rare) was returned by the engine for what it shows.
const LOGIN_PATH = /(?:^|\/)(?:login|log-in|signin|sign-in|sign_in|logon|auth|authenticate|accounts\/login|i\/flow\/login|checkpoint|session\/new|users\/sign_in|account\/login|inloggen|connexion|anmelden)(?:\/|$|\.)/i;
const LOGIN_QUERY = /[?&](?:next|redirect|redirect_uri|redirect_url|return|returnTo|return_to|continue|came_from|goto)=/i;
const LOGIN_TEXT = /\b(?:log ?in to (?:continue|see|view|read|access)|sign in to (?:continue|see|view|read|access)|you must (?:be logged in|log in|sign in)|please (?:log ?in|sign in) to|members only|join to (?:see|view)|create an account to (?:see|view|continue)|inloggen om verder te gaan|log in om (?:verder te gaan|te bekijken)|connectez-vous pour (?:continuer|voir|lire)|vous devez (?:être|etre) connecté|melden sie sich an,? um|bitte (?:melde dich|melden sie sich) an|anmelden,? um (?:fortzufahren|weiterzulesen))\b/i;

function isLoginWall(page: VisitedSnapshot): boolean {
  const redirected = page.finalUrl !== page.requestedUrl || (page.redirectChain?.length ?? 0) > 0;
  let path = '';
  try {
    const url = new URL(page.finalUrl);
    path = url.pathname + url.search;
  } catch {
    path = '';
  }
  if (redirected && (LOGIN_PATH.test(path) || (LOGIN_QUERY.test(path) && /log|sign|auth/i.test(path)))) return true;
  // The page is parsed only when its text makes a password field matter.
  let passwordField: boolean | undefined;
  const hasPasswordField = () => (passwordField ??= /password/i.test(page.html) && selectOne(parseHtml(page.html), 'input[type=password i]') !== null);
  if (LOGIN_TEXT.test(page.text) && (page.text.length < SHORT_PAGE_CHARS || hasPasswordField())) return true;
  // A password form that dominates the page: little else to read around it.
  return page.text.length < 600 && hasPasswordField();
}

const PAYWALL_JSON_LD = /"isAccessibleForFree"\s*:\s*(?:false|"false")/i;
const PAYWALL_TEXT = /\b(?:subscribe to (?:continue|read|keep reading|unlock)|this (?:article|content|story) is (?:for|reserved for|available to) (?:paying )?subscribers|already a subscriber\?|abonneer (?:je|u) om verder te lezen|alleen voor abonnees|abonnez-vous pour (?:lire|continuer)|réservé aux abonnés|reserve aux abonnes|jetzt abonnieren und weiterlesen|weiterlesen mit (?:\w+ )?(?:plus|abo))\b/i;

function isPaywall(page: VisitedSnapshot): boolean {
  if (PAYWALL_JSON_LD.test(page.html)) return true;
  return PAYWALL_TEXT.test(page.text);
}

function reasonForStatus(status: number | null): UncheckedReason | null {
  if (status === null) return null;
  if (status === 401 || status === 407) return 'http_401';
  if (status === 402) return 'paywall';
  if (status === 403) return 'http_403';
  if (status === 429) return 'http_429';
  if (status === 451) return 'http_451';
  if (status >= 500) return 'http_5xx';
  return null;
}

/**
 * Checked or not, and why not. What the page says is read before its status, since it is more precise: a
 * Cloudflare challenge answers 403 but is a challenge, a login redirect answers 200 but is a wall. A page
 * that is gone (404, 410) was checked: it no longer shows anything.
 */
export function classifyVisitedPage(page: VisitedSnapshot): PageCheck {
  if (isChallenge(page)) return { checked: false, reason: 'challenge' };
  if (isLoginWall(page)) return { checked: false, reason: 'login_wall' };
  if (isPaywall(page)) return { checked: false, reason: 'paywall' };
  const byStatus = reasonForStatus(page.status);
  return byStatus ? { checked: false, reason: byStatus } : { checked: true };
}

export type VisitPath = 'browser' | 'plain';

const HOUR = 3_600_000;
/** Later and later: a rate limit or an outage passes in hours, a wall may lift after a day or not at all. */
export const RETRY_DELAYS_MS = [1 * HOUR, 6 * HOUR, 24 * HOUR, 72 * HOUR] as const;

/**
 * When and how to try an unchecked page again, or null when it is not worth it. Each retry takes the other
 * path: a site that refuses a headless browser often answers a plain request, and a page that needs its
 * scripts (or a challenge a browser passes) only shows in the browser. Up to a quarter of jitter is added so
 * that many pages refused together do not come back together.
 */
export function planRetry(args: { retriesDone: number; reason: UncheckedReason; lastPath: VisitPath; now: Date; random: () => number }): { at: Date; path: VisitPath } | null {
  if (!isRetryable(args.reason)) return null;
  const base = RETRY_DELAYS_MS[args.retriesDone];
  if (base === undefined) return null;
  const delay = base + Math.floor(args.random() * base * 0.25);
  return { at: new Date(args.now.getTime() + delay), path: args.lastPath === 'browser' ? 'plain' : 'browser' };
}
