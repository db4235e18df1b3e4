export type RecheckOutcome = 'removed' | 'still_up' | 'blocked' | 'failed';

export interface RecheckObservation {
  /** AppError code when the page could not be opened at all. */
  errorCode?: string | null;
  status: number | null;
  title: string;
  text: string;
  /** Text and photo matches of the person's profile found on the page now. */
  matchCount: number;
  /** False when part of the original match cannot be checked now (a photo hit without the photo matcher). */
  canProveAbsence?: boolean;
}

const challenge = /captcha|are you (a )?(human|robot)|verify (that )?you are (a )?human|unusual traffic|access denied|attention required|just a moment|checking (if the site connection is secure|your browser)|ddos protection|too many requests|request blocked/i;

/**
 * `removed` only on positive proof: the server says the page is gone (404, 410) or the page loads and no
 * longer shows anything of the person. A wall (403, 429, a CAPTCHA) is `blocked`; an error is `failed`;
 * neither is ever read as removal.
 */
export function decideRecheckOutcome(o: RecheckObservation): { outcome: RecheckOutcome; reason: string } {
  if (o.errorCode) {
    if (o.errorCode === 'fetch.url_refused') return { outcome: 'blocked', reason: 'the address was refused (it now leads to a private or forbidden address)' };
    return { outcome: 'failed', reason: `the page could not be loaded (${o.errorCode})` };
  }
  if (o.status === 404 || o.status === 410) return { outcome: 'removed', reason: `the server answers HTTP ${o.status}: the page is gone` };
  if (o.matchCount > 0) return { outcome: 'still_up', reason: 'the page still shows the person\'s information' };
  if (o.status !== null && [401, 403, 429, 451].includes(o.status)) return { outcome: 'blocked', reason: `the server refused access (HTTP ${o.status})` };
  if (challenge.test(o.title) || challenge.test(o.text.slice(0, 3000))) return { outcome: 'blocked', reason: 'a bot check or access wall was shown instead of the page' };
  if (o.status === null || o.status >= 500) return { outcome: 'failed', reason: o.status === null ? 'no HTTP response' : `the server failed (HTTP ${o.status})` };
  if (o.status >= 400) return { outcome: 'blocked', reason: `the server answered HTTP ${o.status}` };
  if (o.canProveAbsence === false) return { outcome: 'failed', reason: 'cannot tell whether the matched photo is gone (photo matching is not available)' };
  return { outcome: 'removed', reason: 'the page loads but no longer shows anything of the person' };
}
