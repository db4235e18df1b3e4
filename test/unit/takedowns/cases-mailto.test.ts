import { describe, expect, it } from 'vitest';
import { buildMailto, encodeMailtoAddress, encodeMailtoValue } from '../../../src/modules/takedowns/cases.mailto.models.ts';

const decodeBody = (href: string) => decodeURIComponent(new URL(href).searchParams.has('body') ? href.split('&body=')[1]! : '');

describe('mailto links (RFC 6068)', () => {
  it('encodes line breaks as CRLF and reserved characters in subject and body', () => {
    const link = buildMailto({ to: 'abuse@site.example', subject: 'Removal request: DSA & GDPR', body: 'Line one\nLine two? 100% #1', language: 'en' })!;
    expect(link.href).toBe('mailto:abuse@site.example?subject=Removal%20request%3A%20DSA%20%26%20GDPR&body=Line%20one%0D%0ALine%20two%3F%20100%25%20%231');
    expect(link.truncated).toBe(false);
  });

  it('encodes non-ASCII text as UTF-8', () => {
    expect(encodeMailtoValue('Né €')).toBe('N%C3%A9%20%E2%82%AC');
  });

  it('refuses anything that is not one plain address', () => {
    expect(encodeMailtoAddress('a@b.example,c@d.example')).toBeNull();
    expect(encodeMailtoAddress('a@b.example\r\nBcc: x@y.example')).toBeNull();
    expect(encodeMailtoAddress('no-at-sign')).toBeNull();
    expect(buildMailto({ to: 'x y@b.example', subject: 's', body: 'b', language: 'en' })).toBeNull();
  });

  it('keeps a plus or percent in the local part from being read as something else', () => {
    expect(encodeMailtoAddress('abuse+dsa@site.example')).toBe('abuse%2Bdsa@site.example');
  });

  it('shortens a long body under the limit, between whole characters, with a note in the draft language', () => {
    const body = `${'Één paragraaf met tekst € '.repeat(200)}\n\nEinde`;
    const link = buildMailto({ to: 'abuse@site.example', subject: 'Verwijderverzoek', body, language: 'nl', maxLength: 1000 })!;
    expect(link.truncated).toBe(true);
    expect(link.href.length).toBeLessThanOrEqual(1000);
    const decoded = decodeBody(link.href);
    expect(decoded).toContain('De tekst is ingekort');
    expect(decoded).not.toContain('\uFFFD');
    expect(link.keptChars).toBeGreaterThan(100);
    expect(link.keptChars).toBeLessThan(body.length);
    expect(body.replace(/\r\n/g, '\n').startsWith(decoded.replace(/\r\n/g, '\n').split('\n\n[De tekst')[0]!)).toBe(true);
  });

  it('never splits a surrogate pair when cutting', () => {
    const body = '😀'.repeat(2000);
    const link = buildMailto({ to: 'abuse@site.example', subject: 's', body, language: 'en', maxLength: 500 })!;
    expect(() => decodeURIComponent(link.href.split('&body=')[1]!)).not.toThrow();
    expect(link.href.length).toBeLessThanOrEqual(500);
  });

  it('leaves a short body whole', () => {
    const link = buildMailto({ to: 'abuse@site.example', subject: 's', body: 'short', language: 'fr' })!;
    expect(link.truncated).toBe(false);
    expect(decodeBody(link.href)).toBe('short');
  });
});
