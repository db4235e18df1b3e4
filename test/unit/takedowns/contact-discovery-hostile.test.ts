import { describe, expect, it } from 'vitest';
import { extractContactCandidates } from '../../../src/modules/takedowns/contact-discovery.parser.ts';
import { readWrittenContacts } from '../../../src/modules/takedowns/written-contacts.parser.ts';
import { detectPageLanguage } from '../../../src/modules/takedowns/language.models.ts';

// Contact pages are written by whoever runs the site, who may be the person's attacker: a takedown sent to an
// address the page hides from its readers would go to the wrong people.

const PAGE = 'https://www.site.example/impressum';
const values = (html: string) => extractContactCandidates(html, PAGE).map((c) => c.value);

describe('contact discovery on hostile pages', () => {
  it('does not take an abuse address from markup hidden in a comment', () => {
    const html = '<!-- <a href="mailto:abuse@decoy.example">Abuse</a> abuse@decoy.example --><a href="mailto:info@site.example">Kontakt</a>';
    expect(values(html)).toEqual(['info@site.example']);
  });

  it('does not take links or addresses from a template, which a browser never shows', () => {
    const html = '<template><a href="mailto:abuse@decoy.example">Abuse</a><p>E-Mail: report@decoy.example</p></template><p>E-Mail: info@site.example</p>';
    expect(values(html)).toEqual(['info@site.example']);
  });

  it('reads a link written in entities as text, not as a link', () => {
    const html = '<p>&lt;a href="mailto:abuse@decoy.example"&gt;Abuse&lt;/a&gt;</p><a href="&#109;ailto:info&#64;site.example">Kontakt</a>';
    const found = extractContactCandidates(html, PAGE);
    expect(found.find((c) => c.value === 'info@site.example')).toMatchObject({ kind: 'email' });
    // The escaped markup is text on the page: its address may be read as written text, never with the "Abuse" link label.
    expect(found.find((c) => c.value === 'abuse@decoy.example')?.foundAs).not.toBeUndefined();
  });

  it('still finds the footer links of a page nested 100,000 levels deep', () => {
    const html = `${'<div>'.repeat(100_000)}${'</div>'.repeat(100_000)}<footer><a href="/abuse">Report abuse</a></footer>`;
    expect(values(html)).toEqual(['https://www.site.example/abuse']);
  });

  it('reads a 20 MB page without a crash, using its start', () => {
    const html = `<a href="mailto:abuse@site.example">Abuse</a>${'<div><span>filler</span></div>'.repeat(700_000)}<a href="mailto:late@site.example">Late</a>`;
    expect(html.length).toBeGreaterThan(20_000_000);
    expect(values(html)).toEqual(['abuse@site.example']);
  });

  it('reads addresses written in an unclosed element and after unclosed tags', () => {
    const contacts = readWrittenContacts('<h1>Impressum<p>Angaben gemäß § 5 DDG<p>E-Mail: <span>kontakt [at] site [dot] de', 'https://site.de/impressum');
    expect(contacts.addresses.map((a) => a.address)).toEqual(['kontakt@site.de']);
    expect(contacts.requiredImprint).toBe(true);
  });

  it('ignores a message form hidden in a template or a comment', () => {
    expect(readWrittenContacts('<template><form><textarea name="message"></textarea></form></template><!-- <form><textarea></textarea></form> -->', PAGE).hasMessageForm).toBe(false);
    expect(readWrittenContacts('<form><textarea name="message"></textarea></form>', PAGE).hasMessageForm).toBe(true);
  });

  it('does not read a page language hidden in a comment', () => {
    expect(detectPageLanguage({ html: '<!-- <html lang="fr"> --><html lang="de"><body></body></html>' })).toMatchObject({ code: 'de', source: 'html_lang' });
  });
});
