import { describe, expect, it } from 'vitest';
import { classifyNonPublicIp } from '../../../src/shared/ip-ranges.models.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { isUnderOwnUrl, normalizeUrl } from '../../../src/shared/url.models.ts';

describe('the address classifier', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['10.1.2.3', 'private'], ['172.20.0.1', 'private'], ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'], ['100.64.0.1', 'carrier-grade NAT'], ['0.0.0.0', 'this network'], ['224.0.0.1', 'multicast'],
    ['::1', 'private or reserved IPv6'], ['fe80::1', 'private or reserved IPv6'], ['fd00::1', 'private or reserved IPv6'],
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::ffff:a9fe:a9fe', 'link-local'],
  ])('refuses %s as %s', (ip, label) => {
    expect(classifyNonPublicIp(ip)).toBe(label);
  });

  it.each(['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1', '11.0.0.1'])('accepts public %s', (ip) => {
    expect(classifyNonPublicIp(ip)).toBeNull();
  });
});

describe('the URL guard', () => {
  const guard = createUrlGuard({ allowHosts: ['127.0.0.1'], resolve: async (h) => (h === 'evil.example' ? ['93.184.216.34', '10.0.0.5'] : h === 'ok.example' ? ['93.184.216.34'] : []) });

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
    await expect(guard.check('http://[::1]/')).rejects.toThrow(/IPv6/);
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
