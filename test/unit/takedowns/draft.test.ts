import { describe, expect, it } from 'vitest';
import { chooseDraftLanguage, draftTakedown, exposedKinds, type DraftInput } from '../../../src/modules/takedowns/draft.models.ts';
import { fillPlaceholders, placeholdersIn, splitAtPlaceholders } from '../../../src/modules/takedowns/draft-placeholders.models.ts';

const PHONE = '+32 470 12 34 56';
const ADDRESS = 'Rue des Tanneurs 14, 1000 Bruxelles';
const IMAGE_URL = 'https://cdn.leaks.example/i/abc123.jpg';

function input(overrides: Partial<DraftInput> = {}): DraftInput {
  return {
    url: 'https://leaks.example/gallery/42',
    pageLanguage: 'en',
    categories: ['intimate_media', 'phone', 'home_address'],
    matches: [
      { kind: 'phone', value: PHONE } as { kind: string },
      { kind: 'address', value: ADDRESS } as { kind: string },
      { kind: 'photo', imageUrl: IMAGE_URL, photo: 'demo-1.jpg', distance: 12 } as { kind: string },
    ],
    bases: ['dsa_art16', 'gdpr_art17'],
    sender: { name: 'Lola Velvet', email: 'lola@example.org' },
    personFacts: { displayName: 'Lola Velvet', legalName: 'Marie-Claire Dubois' },
    recipient: { kind: 'email', address: 'abuse@leaks.example', confidence: 'medium' },
    now: new Date('2026-11-01T09:00:00Z'),
    ...overrides,
  };
}

describe('draftTakedown', () => {
  it('returns exactly the draft contract', () => {
    const d = draftTakedown(input());
    expect(Object.keys(d).sort()).toEqual(['basis', 'body', 'language', 'placeholders', 'recipient', 'subject']);
    expect(d.placeholders).toEqual([]);
    expect(d.recipient).toEqual({ kind: 'email', address: 'abuse@leaks.example', confidence: 'medium' });
    expect(d.basis).toEqual(['dsa_art16', 'gdpr_art17']);
  });

  it('signs with the chosen display name and never writes the legal name by default', () => {
    const d = draftTakedown(input());
    expect(d.body).toContain('/s/ Lola Velvet');
    expect(d.body).not.toContain('Marie-Claire');
    expect(d.body).not.toContain('Dubois');
  });

  it('writes the legal name only when the sender identity asks for it', () => {
    const d = draftTakedown(input({ sender: { name: 'Lola Velvet', email: 'lola@example.org', useLegalName: true } }));
    expect(d.body).toContain('/s/ Marie-Claire Dubois');
    expect(d.body).not.toContain('Lola Velvet');
  });

  it('names what is exposed without repeating the exposed values or the image address', () => {
    const d = draftTakedown(input());
    expect(d.body).toContain('intimate images of me, my home address and my phone number');
    expect(d.body).not.toContain(PHONE);
    expect(d.body).not.toContain('Tanneurs');
    expect(d.body).not.toContain(IMAGE_URL);
    expect(d.body).not.toContain('demo-1.jpg');
  });

  it('contains no embedded image even if a person-supplied fact carries one', () => {
    const d = draftTakedown(input({
      bases: ['dmca_512c3'],
      personFacts: { copyrightWork: 'My photo data:image/png;base64,iVBORw0KGgoAAAANSUhEUg== from 2025', originalUrl: 'https://lola.example/pic.JPG' },
    }));
    expect(d.body).not.toMatch(/data:/i);
    expect(d.body).toContain('My photo from 2025');
    expect(d.body).not.toContain('pic.JPG');
  });

  it('writes the original-work page of a DMCA notice when it is not an image file', () => {
    const d = draftTakedown(input({ bases: ['dmca_512c3'], personFacts: { originalUrl: 'https://lola.example/gallery' } }));
    expect(d.body).toContain('(original: https://lola.example/gallery)');
  });

  it('adds postal address and phone only to a DMCA notice', () => {
    const facts = { postalAddress: 'PO Box 7, 1000 Brussels', phone: '+32 2 000 00 00' };
    expect(draftTakedown(input({ bases: ['dmca_512c3'], personFacts: facts })).body).toContain('Postal address: PO Box 7, 1000 Brussels');
    const gdpr = draftTakedown(input({ personFacts: facts })).body;
    expect(gdpr).not.toContain('PO Box 7');
    expect(gdpr).not.toContain('+32 2 000 00 00');
  });

  it('keeps a DMCA-only notice silent about intimate images and other exposures', () => {
    const d = draftTakedown(input({ bases: ['dmca_512c3'] }));
    expect(d.body).not.toMatch(/intimate|phone number|home address/i);
    expect(d.body).toContain('under penalty of perjury');
  });

  it('writes as an agent when sending on behalf of the person', () => {
    const d = draftTakedown(input({ sender: { name: 'Case Worker', email: 'help@org.example', onBehalfOf: 'Lola Velvet' } }));
    expect(d.body).toContain('I act on behalf of Lola Velvet, the person concerned, who has authorised me');
    expect(d.body).toContain('/s/ Case Worker, on behalf of Lola Velvet');
    expect(d.body).toContain('intimate images of them');
  });

  it('keeps the subject free of names, addresses and the URL', () => {
    const d = draftTakedown(input());
    expect(d.subject).toBe('Removal request: DSA Art. 16 notice / GDPR Art. 17 erasure');
    expect(d.subject).not.toContain('Lola');
    expect(d.subject).not.toContain('leaks.example');
  });

  it('states the due dates computed from now', () => {
    const d = draftTakedown(input({ bases: ['take_it_down', 'gdpr_art17'] }));
    expect(d.body).toContain('(by 2026-11-03 09:00 UTC)');
    expect(d.body).toContain('(by 2026-12-01)');
  });

  it('cites the national offence in the DSA explanation', () => {
    const d = draftTakedown(input({ bases: ['nl_139h', 'dsa_art16'], pageLanguage: 'nl' }));
    expect(d.body).toMatch(/Waarom de inhoud illegaal is: het is strafbaar volgens artikel 139h/);
  });

  it('mentions the earlier notice in an escalation to the host', () => {
    const d = draftTakedown(input({ audience: 'hosting_provider', previousNoticeAt: new Date('2026-10-01T12:00:00Z') }));
    expect(d.subject).toBe('Abuse report (removal request): DSA Art. 16 notice / GDPR Art. 17 erasure');
    expect(d.body).toContain('hosting provider of the website leaks.example');
    expect(d.body).toContain('I reported this content to the website on 2026-10-01');
    expect(d.body).toContain('forward this notice to your customer');
  });

  it('asks a search engine to delist', () => {
    const d = draftTakedown(input({ audience: 'search_engine', bases: ['gdpr_art17'], pageLanguage: 'de' }));
    expect(d.subject.startsWith('Antrag auf Auslistung')).toBe(true);
    expect(d.body).toContain('aus Ihren Suchergebnissen');
  });

  it('drops newlines and control characters from the sender name', () => {
    const d = draftTakedown(input({ sender: { name: 'Lola\nBcc: x@evil.example\u0007', email: 'lola@example.org' } }));
    expect(d.body).toContain('/s/ Lola Bcc: x@evil.example');
    expect(d.body).not.toContain('\u0007');
  });

  it('refuses a page address that is not http(s)', () => {
    expect(() => draftTakedown(input({ url: 'data:text/html,<b>x</b>' }))).toThrowError(expect.objectContaining({ code: 'takedowns.invalid_url' }));
    expect(() => draftTakedown(input({ url: 'javascript:alert(1)' }))).toThrowError(expect.objectContaining({ code: 'takedowns.invalid_url' }));
  });

  it('refuses a draft without basis or without a usable sender address', () => {
    expect(() => draftTakedown(input({ bases: [] }))).toThrowError(expect.objectContaining({ code: 'takedowns.no_basis' }));
    expect(() => draftTakedown(input({ sender: { name: 'Lola', email: 'not-an-address' } }))).toThrowError(expect.objectContaining({ code: 'takedowns.invalid_sender' }));
  });

  it('falls back to a general description when nothing specific is known', () => {
    expect(draftTakedown(input({ categories: [], matches: [] })).body).toContain('The page shows personal information about me.');
  });
});

describe('chooseDraftLanguage', () => {
  it("follows the site's language", () => {
    expect(chooseDraftLanguage('nl-BE', null)).toBe('nl');
  });
  it("lets the person's choice override the site", () => {
    expect(chooseDraftLanguage('nl', 'fr')).toBe('fr');
  });
  it('falls back to English for languages without templates', () => {
    expect(chooseDraftLanguage('es', null)).toBe('en');
    expect(chooseDraftLanguage(null, 'pt')).toBe('en');
  });
});

describe('exposedKinds', () => {
  it('merges categories and match kinds in a fixed order and folds photos into intimate images', () => {
    expect(exposedKinds(['intimate_media'], [{ kind: 'alias' }, { kind: 'photo' }, { kind: 'email' }])).toEqual(['intimate_media', 'email', 'name']);
    expect(exposedKinds([], [{ kind: 'photo' }, { kind: 'unknown' }])).toEqual(['photo']);
  });
});

describe('drafting before the sender is configured', () => {
  it('writes the reply address as a placeholder in the notice’s language and names it in the contract', () => {
    const d = draftTakedown(input({ sender: { name: 'Lola Velvet', email: null }, pageLanguage: 'de' }));
    expect(d.placeholders).toEqual(['replyAddress']);
    expect(d.body).toContain('[Ihre Antwortadresse]');
    expect(d.body).toContain('Lola Velvet');
  });

  it('writes a name placeholder when nobody can sign yet, and fills every marker in any language', () => {
    const d = draftTakedown(input({ sender: { name: '', email: null }, personFacts: {} }));
    expect(d.placeholders).toEqual(['senderName', 'replyAddress']);
    const filled = fillPlaceholders(d.body, { replyAddress: 'reply@example.org', senderName: 'L. V.' });
    expect(placeholdersIn(filled)).toEqual([]);
    expect(filled).toContain('reply@example.org');
    expect(fillPlaceholders('a [je antwoordadres] b [votre adresse de réponse]', { replyAddress: 'x@y.example' })).toBe('a x@y.example b x@y.example');
  });

  it('splits a text at its markers so a view can highlight them and nothing else', () => {
    expect(splitAtPlaceholders('Email: [your reply address]\nName: [your name].')).toEqual([
      { text: 'Email: ', placeholder: null },
      { text: '[your reply address]', placeholder: 'replyAddress' },
      { text: '\nName: ', placeholder: null },
      { text: '[your name]', placeholder: 'senderName' },
      { text: '.', placeholder: null },
    ]);
    expect(splitAtPlaceholders('[not a marker]')).toEqual([{ text: '[not a marker]', placeholder: null }]);
  });
});
