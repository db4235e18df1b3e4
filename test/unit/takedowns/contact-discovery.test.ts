import { describe, expect, it } from 'vitest';
import {
  classifyText,
  extractContactCandidates,
  findEmailsInText,
  parseSecurityTxt,
  securityTxtChannels,
} from '../../../src/modules/takedowns/contact-discovery.parser.ts';

const PAGE = 'https://www.site.example/gallery/123';

describe('extractContactCandidates', () => {
  it('ranks an abuse mailto above a contact page link', () => {
    const html = `<footer><a href="/contact">Contact</a> <a href="mailto:abuse@site.example">Report abuse</a></footer>`;
    const found = extractContactCandidates(html, PAGE);
    expect(found[0]).toEqual({ kind: 'email', value: 'abuse@site.example', category: 'abuse', score: 100, sameSite: true });
    expect(found[1]).toMatchObject({ kind: 'link', value: 'https://www.site.example/contact', category: 'contact' });
  });

  it('finds footer links in Dutch, French and German', () => {
    const html = `
      <a href="/colofon">Colofon</a>
      <a href="/mentions">Mentions légales</a>
      <a href="/impressum">Impressum</a>
      <a href="/melden">Inhalte melden</a>
      <a href="/signaler">Signaler un contenu</a>
      <a href="/klacht">Klacht indienen</a>`;
    const byUrl = new Map(extractContactCandidates(html, PAGE).map((c) => [new URL(c.value).pathname, c]));
    expect(byUrl.get('/colofon')?.category).toBe('legal');
    expect(byUrl.get('/mentions')?.category).toBe('legal');
    expect(byUrl.get('/impressum')?.category).toBe('legal');
    expect(byUrl.get('/melden')?.category).toBe('report');
    expect(byUrl.get('/signaler')?.category).toBe('report');
    expect(byUrl.get('/klacht')?.category).toBe('report');
  });

  it('recognises a DSA notice link and a DMCA link', () => {
    const html = `<a href="/legal/dsa-notice">Report illegal content (DSA)</a><a href="/dmca">DMCA</a><a href="/about">About us</a>`;
    const found = extractContactCandidates(html, PAGE);
    expect(found.map((c) => c.category)).toEqual(['report', 'copyright']);
  });

  it('classifies a link by its address when the text says nothing', () => {
    const found = extractContactCandidates('<a href="/pages/takedown-request"><img src="x.png"></a>', PAGE);
    expect(found[0]).toMatchObject({ category: 'report', score: 90 });
  });

  it('uses title and aria-label of icon links', () => {
    const found = extractContactCandidates('<a href="/x" aria-label="Datenschutz"><svg></svg></a>', PAGE);
    expect(found[0]?.category).toBe('privacy');
  });

  it('marks and demotes links to other sites', () => {
    const html = '<a href="https://www.dmca-badge.example/protection">DMCA protected</a><a href="/dmca">DMCA</a>';
    const found = extractContactCandidates(html, PAGE);
    expect(found[0]).toMatchObject({ value: 'https://www.site.example/dmca', sameSite: true });
    expect(found[1]).toMatchObject({ sameSite: false });
    expect(found[1]!.score).toBeLessThan(found[0]!.score);
  });

  it('decodes entities and percent-escapes in mailto addresses and splits several', () => {
    const html = '<a href="mailto:dmca&#64;site.example,legal%40site.example?subject=x">write</a>';
    const values = extractContactCandidates(html, PAGE).map((c) => c.value);
    expect(values).toEqual(['dmca@site.example', 'legal@site.example']);
  });

  it('drops javascript: and other non-web links', () => {
    const html = '<a href="javascript:alert(1)">Report abuse</a><a href="ftp://site.example/contact">Contact</a>';
    expect(extractContactCandidates(html, PAGE)).toEqual([]);
  });

  it('finds addresses written in the text, ranked below linked ones', () => {
    const html = '<p>Write to support@site.example or abuse@site.example.</p><a href="mailto:abuse@site.example">abuse</a>';
    const found = extractContactCandidates(html, PAGE);
    expect(found[0]).toMatchObject({ value: 'abuse@site.example', score: 100 });
    expect(found.find((c) => c.value === 'support@site.example')?.score).toBe(25);
  });

  it('ends an unclosed anchor where the next one opens', () => {
    const html = '<a href="/a">Gallery <a href="mailto:abuse@site.example">Abuse</a>';
    const found = extractContactCandidates(html, PAGE);
    expect(found.map((c) => c.value)).toEqual(['abuse@site.example']);
  });

  it('handles many unclosed anchors, an unterminated attribute and an @ flood', () => {
    // A quadratic scan of this input would run into the test timeout.
    const hostile = '<a href="/contact">'.repeat(50_000) + '<a ' + 'x="'.repeat(10_000) + '</a>' + 'a@'.repeat(100_000);
    const found = extractContactCandidates(hostile, PAGE);
    expect(found).toEqual([{ kind: 'link', value: 'https://www.site.example/contact', category: 'contact', score: 35, sameSite: true }]);
  });

  it('returns at most 25 candidates', () => {
    const html = Array.from({ length: 100 }, (_, i) => `<a href="/contact-${i}">Contact ${i}</a>`).join('');
    expect(extractContactCandidates(html, PAGE)).toHaveLength(25);
  });
});

describe('classifyText', () => {
  it('does not match short keywords inside longer words', () => {
    expect(classifyText('Vodsa avgust').category).toBe('other');
  });

  it('matches inflections of long keywords', () => {
    expect(classifyText('Reporting').category).toBe('report');
    expect(classifyText('Kontaktformular').category).toBe('contact');
  });

  it('reads "Trust & Safety" as a report channel', () => {
    expect(classifyText('Trust & Safety')).toEqual({ category: 'report', score: 95 });
  });
});

describe('findEmailsInText', () => {
  it('trims trailing dots and rejects strings that are not addresses', () => {
    expect(findEmailsInText('mail abuse@site.example. or @handle or a@b')).toEqual(['abuse@site.example']);
  });
});

describe('parseSecurityTxt', () => {
  const now = new Date('2026-11-01T00:00:00Z');

  it('reads contacts, expiry and preferred languages', () => {
    const txt = '# comment\nContact: mailto:security@site.example\nContact: https://site.example/report\nExpires: 2027-01-01T00:00:00.000Z\nPreferred-Languages: nl, en\nPolicy: https://site.example/policy\n';
    const parsed = parseSecurityTxt(txt, now);
    expect(parsed.contacts).toEqual(['mailto:security@site.example', 'https://site.example/report']);
    expect(parsed.stale).toBe(false);
    expect(parsed.preferredLanguages).toEqual(['nl', 'en']);
    expect(parsed.policy).toEqual(['https://site.example/policy']);
  });

  it('treats a file whose Expires is past or missing as stale', () => {
    expect(parseSecurityTxt('Contact: mailto:a@site.example\nExpires: 2020-01-01T00:00:00Z', now).stale).toBe(true);
    expect(parseSecurityTxt('Contact: mailto:a@site.example', now).stale).toBe(true);
  });

  it('reads the signed text of a cleartext-signed file and ignores the signature', () => {
    const txt = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      'Contact: mailto:security@site.example',
      'Expires: 2027-01-01T00:00:00Z',
      '- -----not a header',
      '-----BEGIN PGP SIGNATURE-----',
      'Contact: mailto:evil@attacker.example',
      '-----END PGP SIGNATURE-----',
    ].join('\r\n');
    const parsed = parseSecurityTxt(txt, now);
    expect(parsed.contacts).toEqual(['mailto:security@site.example']);
    expect(parsed.stale).toBe(false);
  });

  it('splits contacts into addresses and https forms, dropping other schemes', () => {
    expect(securityTxtChannels(['mailto:sec@site.example', 'https://site.example/vdp', 'tel:+32123', 'http://plain.example'])).toEqual({
      emails: ['sec@site.example'],
      urls: ['https://site.example/vdp'],
    });
  });
});

describe('text between tags', () => {
  it('keeps words on both sides of a tag apart when finding addresses', () => {
    const found = extractContactCandidates('<p>Example Media GmbH</p><a href="mailto:legal@site.example">legal@site.example</a>', PAGE);
    expect(found.map((c) => c.value)).toEqual(['legal@site.example']);
  });
});
