import { describe, expect, it } from 'vitest';
import { hostOf, topLevelDomain } from '../../../src/shared/url.models.ts';

describe('hostOf', () => {
  it('names a page by its lower-cased host without trailing dot or port', () => {
    expect(hostOf('https://WWW.Example.COM./a?b=1')).toBe('www.example.com');
    expect(hostOf('http://127.0.0.1:8123/site/page')).toBe('127.0.0.1');
    expect(hostOf('http://[2001:DB8::1]:8080/')).toBe('2001:db8::1');
  });

  it('keeps a non-default port when asked, with IPv6 brackets restored', () => {
    expect(hostOf('http://127.0.0.1:8123/site/page', { port: true })).toBe('127.0.0.1:8123');
    expect(hostOf('https://example.com:443/', { port: true })).toBe('example.com');
    expect(hostOf('http://[::1]:8025/', { port: true })).toBe('[::1]:8025');
  });

  it('gives no host for text that is not an address, or for a scheme that is not a web page', () => {
    expect(hostOf('not a url')).toBe('');
    expect(hostOf(null)).toBe('');
    expect(hostOf('javascript:alert(1)')).toBe('');
    expect(hostOf('mailto:abuse@example.com')).toBe('');
    expect(hostOf('smtp://mail.example.org:2525')).toBe('');
  });

  it('reads the host of an operator service address of any scheme when asked', () => {
    expect(hostOf('smtp://user:secret@Mail.Example.org:2525', { anyScheme: true, port: true })).toBe('mail.example.org:2525');
    expect(hostOf('ws://10.0.0.5:3000/playwright', { anyScheme: true })).toBe('10.0.0.5');
  });
});

describe('topLevelDomain', () => {
  it('is the last label, whatever public suffix the site sits under', () => {
    expect(topLevelDomain('www.example.co.uk')).toBe('uk');
    expect(topLevelDomain('blog.example.de.')).toBe('de');
    expect(topLevelDomain('[2001:db8::1]')).toBeNull();
  });
});
