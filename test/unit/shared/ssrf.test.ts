import { describe, expect, it } from 'vitest';
import { afterAll } from 'vitest';
import { createTestEgress } from '../../helpers/egress.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { isUnderOwnUrl, normalizeUrl } from '../../../src/shared/url.models.ts';

describe('the URL guard', () => {
  const resolve = async (h: string) => (h === 'evil.example' ? ['93.184.216.34', '10.0.0.5'] : h === 'ok.example' ? ['93.184.216.34'] : []);
  const egress = createTestEgress({ resolve });
  const guard = createUrlGuard({ allowHosts: ['127.0.0.1'], egress, resolve });
  afterAll(() => egress.close());

  it('refuses non-http schemes, credentials, localhost and unresolvable names', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'http://user:pw@ok.example/', 'http://localhost:8080/', 'http://nowhere.example/']) {
      await expect(guard.check(url), url).rejects.toMatchObject({ code: 'fetch.url_refused' });
    }
  });

  it('refuses a name when any of its addresses is private', async () => {
    await expect(guard.check('http://evil.example/')).rejects.toThrow(/private address/);
    await expect(guard.check('http://ok.example/')).resolves.toEqual(['93.184.216.34']);
  });

  it('allows only the allow-listed private hosts', async () => {
    await expect(guard.check('http://127.0.0.1:4567/site/')).resolves.toEqual(['127.0.0.1']);
    await expect(guard.check('http://127.0.0.2/')).rejects.toThrow(/loopback/);
    await expect(guard.check('http://[::1]/')).rejects.toThrow(/loopback/);
    await expect(guard.check('http://2130706434/')).rejects.toThrow(/loopback/);
  });
});

describe('URL normalisation', () => {
  it('treats tracking links, fragments, default ports and parameter order as the same page', () => {
    expect(normalizeUrl('HTTPS://Example.COM:443/a/b/?utm_source=x&z=1&a=2#frag')).toBe('https://example.com/a/b?a=2&z=1');
    expect(normalizeUrl('http://example.com/Path')).not.toBe(normalizeUrl('http://example.com/path'));
  });

  it('recognises pages on the person\'s own site', () => {
    expect(isUnderOwnUrl('https://lola.example/about', ['https://lola.example/'])).toBe(true);
    expect(isUnderOwnUrl('https://lola.example.evil.com/', ['https://lola.example/'])).toBe(false);
    expect(isUnderOwnUrl('https://other.example/lola.example/', ['https://lola.example'])).toBe(false);
  });
});
