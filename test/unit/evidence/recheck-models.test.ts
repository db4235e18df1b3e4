import { describe, expect, it } from 'vitest';
import { decideRecheckOutcome } from '../../../src/modules/evidence/recheck.models.ts';

const page = { status: 200, title: 'A post', text: 'Some page text', matchCount: 0 };

describe('deciding what a re-check proves', () => {
  it('calls a page removed when the server says it is gone', () => {
    expect(decideRecheckOutcome({ ...page, status: 404 }).outcome).toBe('removed');
    expect(decideRecheckOutcome({ ...page, status: 410 }).outcome).toBe('removed');
  });

  it('calls a page removed when it loads but the person\'s information is gone', () => {
    expect(decideRecheckOutcome(page)).toEqual({ outcome: 'removed', reason: expect.stringContaining('no longer shows') });
  });

  it('keeps a page that still shows the person as still up, whatever else it says', () => {
    expect(decideRecheckOutcome({ ...page, matchCount: 2 }).outcome).toBe('still_up');
    expect(decideRecheckOutcome({ ...page, matchCount: 1, title: 'Just a moment...' }).outcome).toBe('still_up');
  });

  it('never reads a wall as removal: 403, 429 and bot checks are blocked', () => {
    expect(decideRecheckOutcome({ ...page, status: 403 }).outcome).toBe('blocked');
    expect(decideRecheckOutcome({ ...page, status: 429 }).outcome).toBe('blocked');
    expect(decideRecheckOutcome({ ...page, title: 'Attention Required! | Cloudflare' }).outcome).toBe('blocked');
    expect(decideRecheckOutcome({ ...page, text: 'Please complete the CAPTCHA to continue' }).outcome).toBe('blocked');
    expect(decideRecheckOutcome({ ...page, errorCode: 'fetch.url_refused', status: null }).outcome).toBe('blocked');
  });

  it('never reads an error as removal', () => {
    expect(decideRecheckOutcome({ ...page, status: 503 }).outcome).toBe('failed');
    expect(decideRecheckOutcome({ ...page, errorCode: 'fetch.timeout', status: null }).outcome).toBe('failed');
    expect(decideRecheckOutcome({ ...page, status: null }).outcome).toBe('failed');
  });
});

describe('a re-check that cannot see everything the scan saw', () => {
  it('does not call a photo hit removed when photos cannot be matched', () => {
    expect(decideRecheckOutcome({ ...page, canProveAbsence: false }).outcome).toBe('failed');
    expect(decideRecheckOutcome({ ...page, status: 404, canProveAbsence: false }).outcome).toBe('removed');
  });
});
