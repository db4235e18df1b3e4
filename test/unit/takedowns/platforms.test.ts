import { describe, expect, it } from 'vitest';
import {
  bundledPlatformCatalogue,
  findPlatform,
  matchPlatform,
  matchPlatformByOrgName,
  parsePlatformCatalogue,
  rankChannels,
} from '../../../src/modules/takedowns/platforms.models.ts';
import { registrableDomain, topLevelDomain } from '../../../src/shared/url.models.ts';

describe('platform catalogue', () => {
  it('is versioned and every entry passes validation', () => {
    const catalogue = bundledPlatformCatalogue();
    expect(catalogue.version).toBe('2026-11-01');
    expect(catalogue.platforms.length).toBeGreaterThanOrEqual(17);
  });

  it('lists the channels the project needs', () => {
    const ids = bundledPlatformCatalogue().platforms.map((p) => p.id);
    for (const id of ['x', 'facebook', 'instagram', 'snapchat', 'tiktok', 'reddit', 'telegram', 'discord', 'youtube', 'google_search', 'bing', 'pornhub', 'xvideos', 'xhamster', 'onlyfans', 'pastebin']) {
      expect(ids).toContain(id);
    }
  });

  it('offers Google personal-information and intimate-image removal forms', () => {
    const google = findPlatform('google_search');
    const urls = google?.channels.map((c) => c.formUrl);
    expect(urls).toContain('https://support.google.com/websearch/answer/9673730');
    expect(urls).toContain('https://support.google.com/websearch/answer/6302812');
  });

  it('marks channels that the reference could not confirm', () => {
    expect(findPlatform('reddit')?.channels.find((c) => c.id === 'reddit-report')?.verify).toBe(true);
    expect(findPlatform('xhamster')?.verify).toBe(true);
    expect(findPlatform('x')?.channels[0]?.verify).toBeUndefined();
  });

  it('flags the Google DMCA form as published to Lumen', () => {
    expect(findPlatform('google_search')?.channels.find((c) => c.id === 'google-dmca')?.publishedToLumen).toBe(true);
  });

  it('rejects an email channel that carries a form URL', () => {
    const bad = {
      version: '2026-11-01',
      platforms: [{ id: 'p', label: 'P', role: 'platform', hostnames: ['p.example'], channels: [{ id: 'c', label: 'C', kind: 'email', formUrl: 'https://p.example/f', topics: ['copyright'], steps: ['s'], asks: ['a'] }] }],
    };
    expect(() => parsePlatformCatalogue(bad)).toThrowError(expect.objectContaining({ code: 'takedowns.invalid_platform_catalogue' }));
  });

  it('rejects two platforms with the same id', () => {
    const p = { id: 'p', label: 'P', role: 'platform', hostnames: ['p.example'], channels: [{ id: 'c', label: 'C', kind: 'email', address: 'a@p.example', topics: ['copyright'], steps: ['s'], asks: ['a'] }] };
    expect(() => parsePlatformCatalogue({ version: '2026-11-01', platforms: [p, p] })).toThrow();
  });
});

describe('matchPlatform', () => {
  it('matches the bare host, www and mobile hosts', () => {
    expect(matchPlatform('https://facebook.com/some.page')?.id).toBe('facebook');
    expect(matchPlatform('https://www.facebook.com/photo?fbid=1')?.id).toBe('facebook');
    expect(matchPlatform('https://m.facebook.com/story.php')?.id).toBe('facebook');
    expect(matchPlatform('https://mobile.twitter.com/someone/status/1')?.id).toBe('x');
  });

  it('matches any subdomain of a listed host', () => {
    expect(matchPlatform('https://es.pornhub.com/view_video.php?viewkey=1')?.id).toBe('pornhub');
    expect(matchPlatform('https://i.redd.it/abc.jpg')?.id).toBe('reddit');
  });

  it('ignores case and a trailing dot', () => {
    expect(matchPlatform('https://WWW.TikTok.COM./@someone')?.id).toBe('tiktok');
  });

  it('does not match a look-alike host that only ends with the same letters', () => {
    expect(matchPlatform('https://notfacebook.com/')).toBeNull();
    expect(matchPlatform('https://facebook.com.evil.example/')).toBeNull();
  });

  it('returns null for non-web URLs and garbage', () => {
    expect(matchPlatform('ftp://facebook.com/')).toBeNull();
    expect(matchPlatform('not a url')).toBeNull();
  });

  it('recognises a CDN by the network owner name from RDAP', () => {
    expect(matchPlatformByOrgName('Cloudflare, Inc.')?.id).toBe('cloudflare');
    expect(matchPlatformByOrgName('Example Hosting B.V.')).toBeNull();
  });
});

describe('rankChannels', () => {
  it('puts the intimate-image form first for intimate media', () => {
    const fb = findPlatform('facebook');
    if (!fb) throw new Error('missing');
    expect(rankChannels(fb, ['intimate_media', 'private_information', 'data_protection'])[0]?.id).toBe('facebook-ncii');
  });

  it('puts the privacy form first for private information', () => {
    const fb = findPlatform('facebook');
    if (!fb) throw new Error('missing');
    expect(rankChannels(fb, ['private_information'])[0]?.id).toBe('facebook-privacy');
  });

  it('puts copyright channels first when copyright is the topic', () => {
    const tiktok = findPlatform('tiktok');
    if (!tiktok) throw new Error('missing');
    expect(rankChannels(tiktok, ['copyright'])[0]?.id).toBe('tiktok-copyright');
  });
});

describe('registrableDomain', () => {
  it('keeps the last two labels of an ordinary host', () => {
    expect(registrableDomain('a.b.example.com')).toBe('example.com');
  });

  it('keeps three labels under a known two-label suffix', () => {
    expect(registrableDomain('www.shop.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('someone.github.io')).toBe('someone.github.io');
  });

  it('follows the Public Suffix List where a short list of suffixes went wrong', () => {
    expect(registrableDomain('example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('a.foo.github.io')).toBe('foo.github.io');
    expect(registrableDomain('bar.blogspot.com')).toBe('bar.blogspot.com');
    // Two buckets on one storage service belong to two owners.
    expect(registrableDomain('x.s3.amazonaws.com')).toBe('x.s3.amazonaws.com');
    expect(registrableDomain('www.health.gov.au')).toBe('health.gov.au');
    expect(registrableDomain('shop.example.com.de')).toBe('example.com.de');
    expect(registrableDomain('www.city.kobe.jp')).toBe('city.kobe.jp');
  });

  it('returns null for a bare public suffix', () => {
    expect(registrableDomain('co.uk')).toBeNull();
    expect(registrableDomain('github.io')).toBeNull();
  });

  it('returns null for IP addresses and single labels', () => {
    expect(registrableDomain('192.0.2.1')).toBeNull();
    expect(registrableDomain('[2001:db8::1]')).toBeNull();
    expect(registrableDomain('localhost')).toBeNull();
  });

  it('reads the top-level domain', () => {
    expect(topLevelDomain('www.example.be')).toBe('be');
    expect(topLevelDomain('192.0.2.1')).toBeNull();
  });
});
