import { describe, expect, it } from 'vitest';
import { extractContactCandidates } from '../../../src/modules/takedowns/contact-discovery.parser.ts';
import { deobfuscate, readWrittenContacts, roleOfLabel } from '../../../src/modules/takedowns/written-contacts.parser.ts';

// Test pages follow the structures real imprints use: the generator layout of German small businesses
// (h2 sections), an Austrian Offenlegung as a definition list, a one-paragraph imprint with an address split
// across spans, French mentions légales with éditeur/hébergeur/réalisation sections, a Dutch colofon.

const GERMAN_GENERATOR_IMPRINT = `<!DOCTYPE html><html lang="de"><head><title>Impressum – Bäckerei Sonnenschein</title></head><body>
<nav><a href="/">Start</a> <a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></nav>
<main><h1>Impressum</h1>
<h2>Angaben gemäß § 5 DDG</h2>
<p>Bäckerei Sonnenschein GmbH<br>Lindenstraße 4<br>04109 Leipzig</p>
<p>Handelsregister: HRB 12345<br>Registergericht: Amtsgericht Leipzig</p>
<p><strong>Vertreten durch:</strong><br>Sabine Korn</p>
<h2>Kontakt</h2>
<p>Telefon: +49 (0) 341 1234567<br>E-Mail: kontakt [at] baeckerei-sonnenschein [dot] de</p>
<h2>Umsatzsteuer-ID</h2><p>Umsatzsteuer-Identifikationsnummer gemäß § 27 a UStG: DE123456789</p>
<h2>Datenschutzbeauftragter</h2><p>Dr. Max Sicher<br>datenschutz(at)baeckerei-sonnenschein.de</p>
<h2>Webdesign &amp; Hosting</h2><p>Pixelwerk Agentur<br>Hafenstraße 2<br><span>info</span><span>&#64;</span><span>pixelwerk-agentur.de</span></p>
<h2>Newsletter</h2><p>Abmeldung jederzeit an newsletter@baeckerei-sonnenschein.de</p>
<h2>EU-Streitschlichtung</h2><p>Die Europäische Kommission stellt eine Plattform zur Online-Streitbeilegung bereit: https://ec.europa.eu/consumers/odr/.</p>
</main><script>var spam = "trap@baeckerei-sonnenschein.de";</script><!-- alt: old@baeckerei-sonnenschein.de --></body></html>`;

const AUSTRIAN_OFFENLEGUNG = `<!DOCTYPE html><html lang="de-AT"><head><title>Impressum | Grätzlzeitung</title></head><body>
<h1>Impressum und Offenlegung gemäß § 25 MedienG</h1>
<p>Informationspflicht laut § 5 E-Commerce-Gesetz</p>
<dl><dt>Medieninhaber und Herausgeber:</dt><dd>Verein Grätzlzeitung, Praterstraße 9, 1020 Wien</dd>
<dt>E-Mail:</dt><dd><a href="mailto:redaktion&#64;graetzlzeitung.at">Schreiben Sie uns</a></dd>
<dt>Grafik &amp; Umsetzung:</dt><dd>studio-nord.at, hallo@studio-nord.at</dd></dl></body></html>`;

const ONE_PARAGRAPH_IMPRINT = `<html lang="de"><head><title>Ferienwohnung Seeblick</title></head><body>
<div class="footer-imprint"><p>Angaben gemäß § 5 TMG: Ferienwohnung Seeblick, Inh. Petra Wind, Seeweg 3, 82319 Starnberg.
Tel. 08151 555 123, E-Mail: info<span class="at">&#64;</span>seeblick-starnberg<span>.</span>de</p></div></body></html>`;

const FRENCH_MENTIONS = `<!DOCTYPE html><html lang="fr"><head><title>Mentions légales - Atelier Lune</title></head><body>
<h1>Mentions légales</h1>
<h2>Éditeur du site</h2><p>Atelier Lune SARL, 12 rue des Lilas, 69003 Lyon<br>Courriel : contact [arobase] atelier-lune [point] fr</p>
<h2>Directrice de la publication</h2><p>Claire Martin</p>
<h2>Hébergeur</h2><p>OVH SAS, 2 rue Kellermann, 59100 Roubaix<br><a href="mailto:abuse@ovh.net">abuse@ovh.net</a></p>
<h2>Réalisation</h2><p>Studio Pixel — hello@studio-pixel.fr</p>
<h2>Protection des données</h2><p>Délégué à la protection des données : dpo@atelier-lune.fr</p></body></html>`;

const DUTCH_COLOFON = `<!DOCTYPE html><html lang="nl"><head><title>Colofon | Buurtkrant De Pijp</title></head><body>
<h1>Colofon</h1><p>Buurtkrant De Pijp is een uitgave van Stichting Pijpnieuws.</p>
<p><strong>Redactieadres</strong><br>Sarphatipark 1, 1073 CR Amsterdam<br>redactie (at) pijpnieuws (punt) nl</p>
<p>Vormgeving en website: Bureau Blauw, info@bureaublauw.nl</p>
<p>Nieuwsbrief: nieuwsbrief@pijpnieuws.nl</p></body></html>`;

const roles = (html: string, url: string) => Object.fromEntries(readWrittenContacts(html, url).addresses.map((a) => [a.address, a.role]));

describe('readWrittenContacts', () => {
  it('reads a German generator-style Impressum: the Kontakt address is general, the agency, DPO and newsletter are labelled', () => {
    const read = readWrittenContacts(GERMAN_GENERATOR_IMPRINT, 'https://www.baeckerei-sonnenschein.de/impressum');
    expect(read.legalNotice).toBe('impressum');
    expect(read.requiredImprint).toBe(true);
    expect(Object.fromEntries(read.addresses.map((a) => [a.address, a.role]))).toEqual({
      'kontakt@baeckerei-sonnenschein.de': 'general',
      'datenschutz@baeckerei-sonnenschein.de': 'privacy',
      'info@pixelwerk-agentur.de': 'credit',
      'newsletter@baeckerei-sonnenschein.de': 'newsletter',
    });
  });

  it('ignores addresses that only sit in scripts and comments', () => {
    const found = readWrittenContacts(GERMAN_GENERATOR_IMPRINT, 'https://www.baeckerei-sonnenschein.de/impressum').addresses.map((a) => a.address);
    expect(found).not.toContain('trap@baeckerei-sonnenschein.de');
    expect(found).not.toContain('old@baeckerei-sonnenschein.de');
  });

  it('reads an Austrian Offenlegung laid out as a definition list, with the mailto link under its E-Mail label', () => {
    const read = readWrittenContacts(AUSTRIAN_OFFENLEGUNG, 'https://www.graetzlzeitung.at/impressum');
    expect(read.requiredImprint).toBe(true);
    expect(roles(AUSTRIAN_OFFENLEGUNG, 'https://www.graetzlzeitung.at/impressum')).toEqual({ 'redaktion@graetzlzeitung.at': 'general', 'hallo@studio-nord.at': 'credit' });
  });

  it('finds an address split across spans inside a one-paragraph Impressum statement', () => {
    const read = readWrittenContacts(ONE_PARAGRAPH_IMPRINT, 'https://seeblick-starnberg.de/');
    expect(read.requiredImprint).toBe(true);
    expect(read.addresses).toEqual([{ address: 'info@seeblick-starnberg.de', role: 'general', inLegalNotice: true }]);
  });

  it('reads French mentions légales: éditeur is general, hébergeur and réalisation are credits, the DPO is privacy', () => {
    const read = readWrittenContacts(FRENCH_MENTIONS, 'https://atelier-lune.fr/mentions-legales');
    expect(read.legalNotice).toBe('mentions_legales');
    expect(read.requiredImprint).toBe(false);
    expect(roles(FRENCH_MENTIONS, 'https://atelier-lune.fr/mentions-legales')).toEqual({
      'contact@atelier-lune.fr': 'general',
      'abuse@ovh.net': 'credit',
      'hello@studio-pixel.fr': 'credit',
      'dpo@atelier-lune.fr': 'privacy',
    });
  });

  it('reads a Dutch colofon with an obfuscated editorial address and a design credit', () => {
    expect(roles(DUTCH_COLOFON, 'https://pijpnieuws.nl/colofon')).toEqual({
      'redactie@pijpnieuws.nl': 'responsible',
      'info@bureaublauw.nl': 'credit',
      'nieuwsbrief@pijpnieuws.nl': 'newsletter',
    });
  });

  it('treats the English "Imprint" of a .de site as its Impressum, but not the legal notice of a .com site', () => {
    const html = '<html lang="en"><body><h1>Imprint</h1><p>Responsible for this site: Example GmbH, Berlin</p><p>Email: hello@example-shop.de</p></body></html>';
    expect(readWrittenContacts(html, 'https://example-shop.de/imprint').requiredImprint).toBe(true);
    expect(readWrittenContacts(html, 'https://example-shop.com/imprint').requiredImprint).toBe(false);
  });

  it('does not treat a German page with an "Impressum" footer link as the imprint itself', () => {
    const html = '<html lang="de"><body><p>Schreib ihr: lola@example.be</p><footer><ul><li><a href="/impressum">Impressum</a></li></ul></footer></body></html>';
    const read = readWrittenContacts(html, 'https://klatsch.example/post/1');
    expect(read.legalNotice).toBeNull();
    expect(read.requiredImprint).toBe(false);
  });

  it('tells a message form from a search form', () => {
    expect(readWrittenContacts('<form action="/send"><input name="email" type="email"><textarea name="nachricht"></textarea><button>Senden</button></form>', 'https://x.de/').hasMessageForm).toBe(true);
    expect(readWrittenContacts('<form action="/suche"><input name="q"><button>Suchen</button></form>', 'https://x.de/').hasMessageForm).toBe(false);
  });

  it('stays fast on hostile markup: unclosed scripts, comment floods and thousands of obfuscated @', () => {
    const hostile = '<p>x</p>'.repeat(20_000) + ' [at] '.repeat(50_000) + '<!--'.repeat(10_000) + '<script>'.repeat(10_000) + '<form>'.repeat(20_000);
    // A quadratic scan takes minutes on this input and runs into the test's limit; a linear one takes well under a second.
    const read = readWrittenContacts(hostile, 'https://x.example/');
    expect(read.addresses).toEqual([]);
  }, 20_000);
});

describe('deobfuscate', () => {
  it.each([
    ['kontakt [at] example [dot] de', 'kontakt@example.de'],
    ['info(at)example.de', 'info@example.de'],
    ['info (ät) example (punkt) de', 'info@example.de'],
    ['name at example dot com', 'name@example.com'],
    ['contact {arobase} exemple [point] fr', 'contact@exemple.fr'],
    ['redactie (at) pijpnieuws (punt) nl', 'redactie@pijpnieuws.nl'],
    ['info @ example . de', 'info@example.de'],
  ])('writes %s back as an address', (input, address) => {
    expect(deobfuscate(input)).toContain(address);
  });

  it('reads an address written backwards and turned around by CSS', () => {
    const html = '<html lang="de"><body><h2>Kontakt</h2><p>E-Mail: <span style="unicode-bidi: bidi-override; direction: rtl;">ed.lekcid-ehcaeb@<b></b>tkatnok</span></p></body></html>';
    expect(readWrittenContacts(html, 'https://beache-dickel.de/').addresses).toEqual([{ address: 'kontakt@beache-dickel.de', role: 'general', inLegalNotice: false }]);
  });

  it('leaves ordinary sentences alone', () => {
    expect(deobfuscate('Find us at example.com or meet at noon.')).toBe('Find us at example.com or meet at noon.');
  });
});

describe('roleOfLabel', () => {
  it('lets a specific role win over a general word in the same label', () => {
    expect(roleOfLabel('Kontakt zum Webdesigner:')).toBe('credit');
    expect(roleOfLabel('E-Mail:')).toBeNull();
    expect(roleOfLabel('Kontakt')).toBe('general');
  });
});

describe('extractContactCandidates on imprint pages', () => {
  it('makes the address of a German Impressum a top candidate and drops the agency credit', () => {
    const found = extractContactCandidates(GERMAN_GENERATOR_IMPRINT, 'https://www.baeckerei-sonnenschein.de/impressum');
    expect(found[0]).toMatchObject({ kind: 'email', value: 'kontakt@baeckerei-sonnenschein.de', score: 88, foundAs: 'imprint' });
    expect(found.map((c) => c.value)).not.toContain('info@pixelwerk-agentur.de');
    expect(found.find((c) => c.value === 'newsletter@baeckerei-sonnenschein.de')?.score).toBeLessThanOrEqual(10);
  });

  it('gives a mailto link in an Austrian Offenlegung the imprint score too', () => {
    const found = extractContactCandidates(AUSTRIAN_OFFENLEGUNG, 'https://www.graetzlzeitung.at/impressum');
    expect(found.filter((c) => c.kind === 'email')).toEqual([{ kind: 'email', value: 'redaktion@graetzlzeitung.at', category: 'contact', score: 88, sameSite: true, foundAs: 'imprint' }]);
  });

  it("never offers the host's abuse address from a mentions légales as the site's own", () => {
    const found = extractContactCandidates(FRENCH_MENTIONS, 'https://atelier-lune.fr/mentions-legales');
    expect(found.map((c) => c.value)).toEqual(['dpo@atelier-lune.fr', 'contact@atelier-lune.fr']);
    expect(found[1]).toMatchObject({ category: 'contact', score: 45, foundAs: 'text' });
  });
});
