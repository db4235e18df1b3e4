import type { SearchOutcome } from '../../providers/provider.types.ts';

// How long an engine is left alone after it refused a search. Fixed multi-day bans (SearXNG's 7 days for
// reCAPTCHA, 15 for a Cloudflare challenge) suit a public instance serving thousands of strangers; for one
// person's monitor they mean a week with one engine fewer after a single bad minute. So every block starts
// at minutes and doubles while the engine keeps refusing, up to a cap; one successful search ends it.

const MINUTE = 60;

/** First pause after a refusal, by what the refusal looked like. */
export const BASE_BACKOFF_SECONDS: Readonly<Record<Exclude<SearchOutcome, 'ok'>, number>> = {
  // Timeouts and broken pages are usually the network or a deploy on the engine's side: retry soon.
  error: MINUTE,
  rate_limited: 3 * MINUTE,
  blocked: 10 * MINUTE,
  captcha: 15 * MINUTE,
};

/**
 * Signals whose first pause differs from their outcome's. Interstitials that track the caller (Cloudflare's
 * challenge, reCAPTCHA, a firewall rule) clear more slowly than a per-minute rate limit; a SearXNG that
 * refuses JSON needs its operator, and retrying it every few minutes costs nothing.
 */
export const SIGNAL_BASE_BACKOFF_SECONDS: Readonly<Record<string, number>> = {
  cloudflare_challenge: 30 * MINUTE,
  recaptcha: 30 * MINUTE,
  cloudflare_firewall: 60 * MINUTE,
  ddg_challenge_form: 30 * MINUTE,
  searxng_format_disabled: 3 * MINUTE,
};

export interface BackoffInput {
  outcome: Exclude<SearchOutcome, 'ok'>;
  signal: string | null | undefined;
  /** Refusals in a row from this engine, counting this one (1 for the first). */
  consecutiveFailures: number;
  maxSeconds: number;
}

/** The pause after this refusal: the signal's first pause, doubled for each refusal before it in a row, capped. */
export function backoffSeconds(input: BackoffInput): number {
  const base = (input.signal ? SIGNAL_BASE_BACKOFF_SECONDS[input.signal] : undefined) ?? BASE_BACKOFF_SECONDS[input.outcome];
  const doublings = Math.max(0, Math.floor(input.consecutiveFailures) - 1);
  // 2^40 seconds is far beyond any cap; stopping there keeps the arithmetic finite.
  const uncapped = base * 2 ** Math.min(doublings, 40);
  return Math.max(0, Math.min(uncapped, input.maxSeconds));
}

export type EngineState = 'unused' | 'ok' | 'blocked' | 'retrying';

/**
 * What an engine's status row means now: `blocked` while its pause runs, `retrying` once the pause is over
 * but no search has succeeded since (the next search tries it), `ok` after a success.
 */
export function engineStateAt(row: { state: 'ok' | 'suspended'; suspendedUntil: Date | null } | null | undefined, now: Date): EngineState {
  if (!row) return 'unused';
  if (row.state === 'ok') return 'ok';
  return row.suspendedUntil !== null && row.suspendedUntil.getTime() > now.getTime() ? 'blocked' : 'retrying';
}
