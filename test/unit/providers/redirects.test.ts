import { describe, expect, it } from 'vitest';
import { decodeBingU, encodeBingU, unwrapResultUrl } from '../../../src/providers/redirects.models.ts';

describe('result link unwrapping', () => {
  it('decodes DuckDuckGo uddg= links, protocol-relative ones included', () => {
    expect(unwrapResultUrl('//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1&rut=abc', { base: 'https://html.duckduckgo.com/html/' })).toBe('https://example.org/a?b=1');
  });

  it('decodes Bing ck/a links: "a1" followed by base64url', () => {
    const href = `https://www.bing.com/ck/a?!&&p=abc&ptn=3&ver=2&hsh=4&fclid=1&u=${encodeBingU('https://example.org/ü?x=1&y=2')}&ntb=1`;
    expect(unwrapResultUrl(href)).toBe('https://example.org/%C3%BC?x=1&y=2');
    expect(decodeBingU('a1aHR0cHM6Ly9leGFtcGxlLm9yZy8')).toBe('https://example.org/');
    expect(decodeBingU('b1aHR0cHM6Ly9leGFtcGxlLm9yZy8')).toBeNull();
  });

  it('decodes Google /url?q= and /url?url= links relative to the result page', () => {
    expect(unwrapResultUrl('/url?q=https://example.org/p&sa=U&ved=x', { base: 'https://www.google.com/search?q=a' })).toBe('https://example.org/p');
    expect(unwrapResultUrl('/url?sa=t&url=https%3A%2F%2Fexample.org%2Fq', { base: 'https://www.google.com/search?q=a' })).toBe('https://example.org/q');
  });

  it('decodes the wrappers of a local copy of an engine on its own host', () => {
    const base = 'http://127.0.0.1:4321/engine/google/search?q=x';
    expect(unwrapResultUrl('/engine/google/url?q=http%3A%2F%2F127.0.0.1%3A4321%2Fsite%2Fa', { base })).toBe('http://127.0.0.1:4321/site/a');
  });

  it('leaves look-alike wrappers on unrelated hosts alone', () => {
    expect(unwrapResultUrl('https://forum.example/url?q=https://elsewhere.example/', { base: 'https://www.google.com/search' })).toBe('https://forum.example/url?q=https://elsewhere.example/');
  });

  it('unwraps nested wrappers', () => {
    const inner = `https://www.bing.com/ck/a?u=${encodeBingU('https://example.org/deep')}`;
    expect(unwrapResultUrl(`https://www.google.com/url?q=${encodeURIComponent(inner)}`)).toBe('https://example.org/deep');
  });

  it('returns nothing for javascript:, data:, vbscript:, file: and obfuscated schemes', () => {
    for (const href of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'file:///etc/passwd', 'ftp://x.example/']) {
      expect(unwrapResultUrl(href, { base: 'https://example.org/' })).toBeNull();
    }
  });

  it('returns nothing for a wrapper whose target is not a web address', () => {
    expect(unwrapResultUrl('https://duckduckgo.com/l/?uddg=javascript%3Aalert(1)')).toBeNull();
    expect(unwrapResultUrl(`https://www.bing.com/ck/a?u=${encodeBingU('data:text/html,x')}`)).toBeNull();
    expect(unwrapResultUrl('https://www.bing.com/ck/a?u=a1!!!')).toBeNull();
  });

  it('refuses links with credentials in them', () => {
    expect(unwrapResultUrl('https://user:pass@example.org/')).toBeNull();
  });
});
