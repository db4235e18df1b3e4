import { describe, expect, it } from 'vitest';
import { lookupSite, unclearLookupReason } from '../../../src/modules/impersonation/unclear-lookups.models.ts';

describe('why a profile lookup could not tell, in words a person understands', () => {
  it('names a rate limit, a refusal and a server error apart', () => {
    expect(unclearLookupReason('http_429')).toBe('rate_limited');
    expect(unclearLookupReason('http_403')).toBe('refused_access');
    expect(unclearLookupReason('http_503')).toBe('server_error');
  });

  it('names the lookup\'s own failures: too slow, an address not visited, an answer too large', () => {
    expect(unclearLookupReason('timeout')).toBe('timeout');
    expect(unclearLookupReason('refused')).toBe('not_visited');
    expect(unclearLookupReason('too_large')).toBe('too_large');
  });

  it('calls an answer that showed neither signal, both, or no account name unclear', () => {
    for (const code of ['no_signal', 'both_signals', 'account_not_named', 'http_302']) expect(unclearLookupReason(code)).toBe('unclear_answer');
  });

  it('treats an unknown or missing code as a failed lookup', () => {
    expect(unclearLookupReason('job_died')).toBe('failed');
    expect(unclearLookupReason(null)).toBe('failed');
  });

  it('shows only the site\'s host, never the profile path, its query or fragment', () => {
    expect(lookupSite('https://fotogram.example:8443/u/lola_v?ref=x#top')).toBe('fotogram.example:8443');
    expect(lookupSite('not a url')).toBe('');
  });
});
