import { describe, expect, it } from 'vitest';
import {
  BASIS_IDS,
  DMCA_WARNING,
  LEGAL_BASES,
  chooseBases,
  deadlineDueAt,
  escalationBodies,
  topicsFor,
} from '../../../src/modules/takedowns/legal-basis.models.ts';
import { DRAFT_LANGUAGES } from '../../../src/modules/takedowns/language.models.ts';

describe('legal bases', () => {
  it('names every basis in all four languages', () => {
    for (const id of BASIS_IDS) for (const lang of DRAFT_LANGUAGES) expect(LEGAL_BASES[id].name[lang].length).toBeGreaterThan(3);
  });

  it('lists the six DMCA elements (i)-(vi)', () => {
    expect(LEGAL_BASES.dmca_512c3.requiredElements.map((e) => e.ref)).toEqual([
      '§512(c)(3)(A)(i)', '§512(c)(3)(A)(ii)', '§512(c)(3)(A)(iii)', '§512(c)(3)(A)(iv)', '§512(c)(3)(A)(v)', '§512(c)(3)(A)(vi)',
    ]);
  });

  it('lists the four DSA Art. 16(2) elements (a)-(d)', () => {
    expect(LEGAL_BASES.dsa_art16.requiredElements.map((e) => e.ref)).toEqual(['DSA Art. 16(2)(a)', 'DSA Art. 16(2)(b)', 'DSA Art. 16(2)(c)', 'DSA Art. 16(2)(d)']);
  });

  it('lists the four TAKE IT DOWN elements (i)-(iv) with a 48-hour deadline', () => {
    expect(LEGAL_BASES.take_it_down.requiredElements).toHaveLength(4);
    expect(LEGAL_BASES.take_it_down.deadline).toMatchObject({ kind: 'hours', hours: 48 });
  });

  it('gives GDPR erasure the one-month deadline of Art. 12(3)', () => {
    expect(LEGAL_BASES.gdpr_art17.deadline).toEqual({ kind: 'months', months: 1, source: 'GDPR Art. 12(3)' });
  });
});

describe('deadlineDueAt', () => {
  const sent = new Date('2026-01-31T10:00:00Z');
  it('adds 48 hours for TAKE IT DOWN', () => {
    expect(deadlineDueAt(LEGAL_BASES.take_it_down.deadline, sent)?.toISOString()).toBe('2026-02-02T10:00:00.000Z');
  });
  it('adds one calendar month, clamped to the end of a shorter month', () => {
    expect(deadlineDueAt(LEGAL_BASES.gdpr_art17.deadline, sent)?.toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(deadlineDueAt(LEGAL_BASES.gdpr_art17.deadline, new Date('2026-03-15T00:00:00Z'))?.toISOString()).toBe('2026-04-15T00:00:00.000Z');
  });
  it('has no date for "without undue delay"', () => {
    expect(deadlineDueAt(LEGAL_BASES.dsa_art16.deadline, sent)).toBeNull();
  });
});

describe('chooseBases', () => {
  it('uses the Belgian offence, DSA and GDPR for intimate images of a person in Belgium on a .be site', () => {
    const r = chooseBases({ categories: ['intimate_media'], site: { tld: 'be' }, personCountry: 'BE' });
    expect(r.bases).toEqual(['be_417_9', 'dsa_art16', 'gdpr_art17']);
    expect(r.dmca).toBeNull();
  });

  it('adds TAKE IT DOWN for intimate images on a generic TLD', () => {
    const r = chooseBases({ categories: ['intimate_media'], site: { tld: 'com' }, personCountry: 'NL' });
    expect(r.bases).toEqual(['take_it_down', 'nl_139h', 'dsa_art16', 'gdpr_art17']);
  });

  it("prefers the person's country over the site's for the national offence", () => {
    const r = chooseBases({ categories: ['intimate_media'], site: { tld: 'de' }, personCountry: 'BE' });
    expect(r.bases).toContain('be_417_9');
    expect(r.bases).not.toContain('de_201a');
  });

  it("falls back to the site's country when the person's has no offence on file", () => {
    expect(chooseBases({ categories: ['intimate_media'], site: { tld: 'de' }, personCountry: null }).bases).toContain('de_201a');
  });

  it('uses the UK offence without EU law for a person in the UK on a .uk site', () => {
    expect(chooseBases({ categories: ['intimate_media'], site: { tld: 'uk' }, personCountry: 'UK' }).bases).toEqual(['uk_soa_66b']);
  });

  it('uses GDPR and DSA but no offence for doxxing data in the EU', () => {
    const r = chooseBases({ categories: ['home_address', 'phone'], site: { tld: 'fr' }, personCountry: 'FR' });
    expect(r.bases).toEqual(['dsa_art16', 'gdpr_art17']);
  });

  it("puts the platform's own rules first on a known platform", () => {
    const r = chooseBases({ categories: ['phone'], site: { tld: 'com' }, personCountry: 'DE', platformRole: 'platform' });
    expect(r.bases[0]).toBe('platform_policy');
  });

  it('does not send DSA or TAKE IT DOWN notices to a search engine', () => {
    const r = chooseBases({ categories: ['intimate_media'], site: { tld: 'com' }, personCountry: 'BE', platformRole: 'search_engine' });
    expect(r.bases).not.toContain('dsa_art16');
    expect(r.bases).not.toContain('take_it_down');
    expect(r.bases).toContain('gdpr_art17');
  });

  it('reads Dutch or German on a generic TLD as a sign of an EU site', () => {
    expect(chooseBases({ categories: ['email'], site: { tld: 'com', pageLanguage: 'nl' } }).bases).toEqual(['dsa_art16', 'gdpr_art17']);
    expect(chooseBases({ categories: ['email'], site: { tld: 'com', pageLanguage: 'en' } }).bases).toEqual(['platform_policy']);
  });

  it('never proposes DMCA unless the person says they own the copyright', () => {
    expect(chooseBases({ categories: ['intimate_media'], site: { tld: 'com' }, personCountry: 'US' }).dmca).toBeNull();
  });

  it('proposes DMCA as a separate notice with the Lumen warning and the non-copyright route', () => {
    const r = chooseBases({ categories: ['intimate_media'], site: { tld: 'com' }, personCountry: 'US', ownsCopyright: true });
    expect(r.bases).not.toContain('dmca_512c3');
    expect(r.dmca).toEqual({ bases: ['dmca_512c3'], warning: DMCA_WARNING, offerAgentSender: true, nonCopyrightRoute: ['take_it_down'] });
  });

  it('has the Lumen warning in all four languages', () => {
    expect(DMCA_WARNING.en).toContain('Lumen');
    expect(DMCA_WARNING.nl).toContain('Lumen');
    expect(DMCA_WARNING.fr).toContain('Lumen');
    expect(DMCA_WARNING.de).toContain('Lumen');
  });
});

describe('escalation bodies and topics', () => {
  it('names IGVM/IEFH in Belgium and Offlimits in the Netherlands', () => {
    expect(escalationBodies('BE').map((b) => b.name).join(' ')).toContain('IGVM');
    expect(escalationBodies('nl').map((b) => b.name).join(' ')).toContain('Offlimits');
    expect(escalationBodies('ZZ')).toEqual([]);
  });

  it('orders topics with intimate media first', () => {
    expect(topicsFor(['phone', 'intimate_media'], ['gdpr_art17'])[0]).toBe('intimate_media');
    expect(topicsFor(['phone'], ['dmca_512c3'])).toEqual(['private_information', 'copyright']);
  });
});
