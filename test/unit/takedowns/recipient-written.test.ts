import { describe, expect, it } from 'vitest';
import { resolveRecipient, type FetchedText, type ResolverDeps } from '../../../src/modules/takedowns/recipient-resolver.ts';

const NOW = new Date('2026-11-01T00:00:00Z');
const html = (body: string): FetchedText => ({ status: 200, body, contentType: 'text/html' });

/** Pages from a table; RDAP, DNS and everything else unreachable, as for a site seen offline. */
function deps(pages: Record<string, FetchedText>): ResolverDeps {
  return {
    fetchText: async (url) => pages[url] ?? null,
    resolveIp: async () => null,
    rdap: { ipBaseUrl: 'https://rdap.test/', domainBaseUrl: 'https://rdap.test/' },
    timeoutMs: 200,
  };
}

const POST = 'https://klatschblog.de/2026/lola';
const POST_HTML = `<html lang="de"><body><article>Lola Velvet wohnt ...</article>
<footer><a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a></footer></body></html>`;
const IMPRINT = `<html lang="de"><head><title>Impressum</title></head><body><h1>Impressum</h1><h2>Angaben gemäß § 5 DDG</h2>
<p>Klatschblog UG<br>Hauptstraße 5<br>50667 Köln</p><h2>Kontakt</h2><p>E-Mail: kontakt [at] klatschblog [dot] de</p>
<h2>Datenschutzbeauftragte</h2><p>datenschutz@klatschblog.de</p><h2>Webdesign</h2><p>Agentur Nord, hallo@agentur-nord.de</p></body></html>`;

describe('recipients written on imprint and contact pages', () => {
  it('takes the address a German Impressum writes as text, with high confidence, instead of the imprint page', async () => {
    const r = await resolveRecipient({ url: POST, html: POST_HTML, bases: ['dsa_art16', 'gdpr_art17'], now: NOW }, deps({ 'https://klatschblog.de/impressum': html(IMPRINT) }));
    expect(r.recipient).toEqual({ kind: 'email', address: 'kontakt@klatschblog.de', confidence: 'high', source: 'contact_page:imprint' });
    const all = [r.recipient, ...r.alternatives].map((c) => c?.address ?? c?.formUrl);
    expect(all).not.toContain('https://klatschblog.de/impressum');
    expect(all).not.toContain('hallo@agentur-nord.de');
    // The privacy officer stays available, after the general contact.
    expect(all.indexOf('datenschutz@klatschblog.de')).toBeGreaterThan(0);
  });

  it('sends a GDPR-only erasure request to the privacy officer', async () => {
    const r = await resolveRecipient({ url: POST, html: POST_HTML, bases: ['gdpr_art17'], now: NOW }, deps({ 'https://klatschblog.de/impressum': html(IMPRINT) }));
    expect(r.recipient).toMatchObject({ kind: 'email', address: 'datenschutz@klatschblog.de', confidence: 'high' });
    expect(r.alternatives[0]).toMatchObject({ address: 'kontakt@klatschblog.de' });
  });

  it('prefers a general contact over a privacy mailbox linked in the footer for a doxxing notice', async () => {
    const page = '<footer><a href="mailto:privacy@board.example">Privacy</a> <a href="mailto:contact@board.example">Contact</a></footer>';
    const r = await resolveRecipient({ url: 'https://board.example/t/1', html: page, bases: ['dsa_art16', 'gdpr_art17'], now: NOW }, deps({}));
    expect(r.recipient).toMatchObject({ address: 'contact@board.example', confidence: 'medium' });
  });

  it('offers the contact form when the site gives no address anywhere', async () => {
    const page = '<html lang="de"><body><p>Profil</p><footer><a href="/kontakt">Kontakt</a></footer></body></html>';
    const form = '<h1>Kontakt</h1><form method="post" action="/kontakt/senden"><input name="name"><input type="email" name="email"><textarea name="nachricht"></textarea><button>Senden</button></form>';
    const r = await resolveRecipient({ url: 'https://nurformular.de/p/1', html: page, now: NOW }, deps({ 'https://nurformular.de/kontakt': html(form) }));
    expect(r.recipient).toEqual({ kind: 'form', formUrl: 'https://nurformular.de/kontakt', confidence: 'medium', source: 'contact_page:form' });
  });
});

describe('report forms beside a copyright mailbox', () => {
  it('keeps a "DMCA / Report content" form first for intimate images, ahead of the copyright mailbox', async () => {
    const page = '<footer><a href="/report">DMCA / Report content</a> · <a href="mailto:dmca@tube.example">dmca@tube.example</a></footer>';
    const form = '<h1>Report content</h1><form method="post"><input name="url"><textarea name="details"></textarea><button>Send</button></form>';
    const r = await resolveRecipient({ url: 'https://tube.example/v/1', html: page, categories: ['intimate_media'], now: NOW }, deps({ 'https://tube.example/report': html(form) }));
    expect(r.recipient).toMatchObject({ kind: 'form', formUrl: 'https://tube.example/report', confidence: 'medium' });
    expect(r.alternatives[0]).toMatchObject({ kind: 'email', address: 'dmca@tube.example' });
  });
});
