import { hostOf } from '../../shared/url.models.ts';

/**
 * Why a profile lookup could not tell whether a profile under the person's handle exists, in the few kinds a
 * person can understand. The stored reasons are the lookup's own codes (impersonation.models.ts classifyAnswer
 * and the fetch errors in impersonation.usecases.ts); anything not known here is an unexplained failure.
 */
export const UNCLEAR_LOOKUP_REASONS = ['rate_limited', 'refused_access', 'server_error', 'timeout', 'not_visited', 'too_large', 'unclear_answer', 'failed'] as const;
export type UnclearLookupReason = (typeof UNCLEAR_LOOKUP_REASONS)[number];

export function unclearLookupReason(reason: string | null): UnclearLookupReason {
  const code = reason ?? '';
  if (code === 'http_429') return 'rate_limited';
  if (code === 'http_401' || code === 'http_403' || code === 'http_451') return 'refused_access';
  if (/^http_5\d\d$/.test(code)) return 'server_error';
  if (code === 'timeout') return 'timeout';
  if (code === 'refused') return 'not_visited';
  if (code === 'too_large') return 'too_large';
  // The site answered, but not in a way that says "profile" or "no profile" (or said both).
  if (code === 'no_signal' || code === 'both_signals' || code === 'account_not_named' || /^http_\d{3}$/.test(code)) return 'unclear_answer';
  return 'failed';
}

/**
 * The address shown for a lookup: the site's host only. The profile address holds the person's handle, and a
 * site's address may carry more than the profile (query, fragment); the host is enough to know which site it was.
 */
export function lookupSite(url: string): string {
  return hostOf(url, { port: true });
}
