import { describe, expect, it } from 'vitest';
import {
  classifyPage, findBelgianNationalNumbers, isValidIban, passesLuhn, type ClassifyInput,
} from '../../../src/modules/matching/classify.models.ts';
import { matchText } from '../../../src/modules/matching/text-match.models.ts';
import { parseProfile, type NormalisedProfile } from '../../../src/modules/profiles/profile-file.models.ts';

function demoProfile(): NormalisedProfile {
  const result = parseProfile({
    names: ['Marie-Claire Dubois'],
    aliases: ['Lola Velvet'],
    phones: ['+32 470 12 34 56'],
    emails: ['mc.dubois@example.be'],
    addresses: ['Rue des Tanneurs 14, 1000 Bruxelles'],
    handles: ['lolavelvet'],
  });
  if (!result.ok) throw new Error('demo profile rejected');
  return result.profile;
}
const demo = demoProfile();
const photo = { kind: 'photo' as const, imageUrl: 'http://127.0.0.1/p.jpg', photo: 'demo-1.jpg', distance: 12 };

function classify(pageText: string, extra: Partial<ClassifyInput> = {}) {
  return classifyPage({ textMatches: matchText(pageText, demo), photoMatches: [], pageText, url: 'https://forum.example/t/1', ...extra });
}

describe('classifyPage severity', () => {
  it('is critical when the home address appears with the name, and says so plainly', () => {
    const result = classify('Marie-Claire Dubois woont Tanneursstraat 14, 1000 Brussel');
    expect(result.categories).toEqual(['home_address']);
    expect(result.severity).toBe('critical');
    expect(result.reasons).toContain('Your home address appears together with your name.');
  });

  it('is critical when the home address appears with the alias only, and flags the linkage', () => {
    const result = classify('Lola Velvet receives at Rue des Tanneurs 14');
    expect(result).toMatchObject({ severity: 'critical', linkage: true, categories: ['home_address'] });
    expect(result.reasons[0]).toBe('This page connects your alias with your home address.');
  });

  it('is high for a phone number with the name', () => {
    expect(classify('Marie-Claire Dubois 0470/12.34.56')).toMatchObject({ severity: 'high', categories: ['phone'], linkage: false });
  });

  it('is medium for an email address with the name', () => {
    expect(classify('Marie-Claire Dubois — mc.dubois@example.be')).toMatchObject({ severity: 'medium', categories: ['email'] });
  });

  it('is medium for a contact detail without any name', () => {
    const result = classify('call 0470 12 34 56');
    expect(result).toMatchObject({ severity: 'medium', categories: ['phone'] });
    expect(result.reasons).toEqual(['Your phone number appears on this page.']);
  });

  it('is low for a bare mention of the name, and says nothing private was found', () => {
    const result = classify('Marie-Claire Dubois won the chess tournament.');
    expect(result).toEqual({
      categories: [],
      linkage: false,
      severity: 'low',
      reasons: ['Your name is mentioned on this page; no private details were found with it.'],
    });
  });

  it('is low for a bare mention of the alias', () => {
    expect(classify('Lola Velvet performs tonight').severity).toBe('low');
  });

  it('is high when the alias and the legal name appear together (linkage)', () => {
    const result = classify('Lola Velvet is really Marie-Claire Dubois');
    expect(result).toMatchObject({ severity: 'high', linkage: true, categories: [] });
    expect(result.reasons).toEqual(['This page connects your alias with your legal name.']);
  });

  it('treats the handle as a separate identity for linkage', () => {
    expect(classify('@lolavelvet = Marie-Claire Dubois').linkage).toBe(true);
  });

  it('flags linkage of the alias with the phone number', () => {
    expect(classify('Lola Velvet 0470 12 34 56')).toMatchObject({ linkage: true, severity: 'high' });
  });

  it('is medium for a photo match without anything intimate', () => {
    const result = classify('A nice holiday picture', { photoMatches: [photo] });
    expect(result.severity).toBe('medium');
    expect(result.reasons).toEqual(['One of your photos appears on this page.']);
  });

  it('reports nothing for a page with no match', () => {
    expect(classify('leaked nudes of someone else, passport scan')).toEqual({
      categories: [], linkage: false, severity: 'low', reasons: ['Nothing on this page matched your profile.'],
    });
  });
});

describe('intimate media', () => {
  it.each(['leaked nudes', 'LEAKED', 'naaktfoto’s', 'gelekte video', 'photos nue', 'nackt', 'sextape', 'sex tape', 'sex-tape', 'NSFW'])(
    'is high when %j appears with the alias',
    (words) => {
      expect(classify(`Lola Velvet ${words}`)).toMatchObject({ severity: 'high', categories: ['intimate_media'] });
    },
  );

  it('is critical with a photo match', () => {
    const result = classify('Naakt! gelekt', { photoMatches: [photo] });
    expect(result).toMatchObject({ severity: 'critical', categories: ['intimate_media'] });
    expect(result.reasons).toEqual(['One of your photos appears on a page that describes intimate or leaked images.']);
  });

  it('reads the keywords in the page address too', () => {
    expect(classify('Lola Velvet', { url: 'https://tube.example/videos/lola_velvet_leaked' }).categories).toEqual(['intimate_media']);
  });

  it('does not take the Dutch word "nu" (now) for the French "nu" (naked)', () => {
    expect(classify('Marie-Claire Dubois is nu in Gent').categories).toEqual([]);
  });

  it('does not count a keyword inside another word', () => {
    expect(classify('Marie-Claire Dubois at the Leakeys conference, Nuevo León').categories).toEqual([]);
  });
});

describe('identity documents', () => {
  it.each(['rijksregisternummer', 'numéro national', 'Personalausweis', 'passport', "carte d'identité", 'identiteitskaart'])(
    'is critical when %j is mentioned near the name',
    (keyword) => {
      expect(classify(`Marie-Claire Dubois, ${keyword}: see scan`)).toMatchObject({ severity: 'critical', categories: ['identity_document'] });
    },
  );

  it('ignores an identity keyword far from any name', () => {
    expect(classify(`Marie-Claire Dubois. ${'filler text '.repeat(100)} passport`).categories).toEqual([]);
  });

  it('recognises a Belgian national number with valid check digits anywhere on the page', () => {
    expect(classify('Marie-Claire Dubois ... 85.07.30-033.28').categories).toEqual(['identity_document']);
    expect(classify('Marie-Claire Dubois ... 85.07.30-033.29').categories).toEqual([]);
  });

  it('validates national numbers of people born from 2000 on', () => {
    expect(findBelgianNationalNumbers('01.02.03-123.45')).toHaveLength(1);
    expect(findBelgianNationalNumbers('01020312345')).toHaveLength(1);
    expect(findBelgianNationalNumbers('01.02.03-123.46')).toEqual([]);
  });

  it('does not take the matched phone number for a national number', () => {
    expect(classify('Marie-Claire Dubois 32470123456').categories).toEqual(['phone']);
  });
});

describe('financial details', () => {
  it('recognises a valid IBAN', () => {
    expect(classify('Marie-Claire Dubois BE68 5390 0754 7034')).toMatchObject({ categories: ['financial'], severity: 'high' });
    expect(classify('Marie-Claire Dubois BE68 5390 0754 7035').categories).toEqual([]);
  });

  it('recognises a card number only when it passes the Luhn check', () => {
    expect(classify('Marie-Claire Dubois 4111 1111 1111 1111').categories).toEqual(['financial']);
    expect(classify('Marie-Claire Dubois 4111 1111 1111 1112').categories).toEqual([]);
  });

  it('counts a bank keyword only when an account number follows it', () => {
    expect(classify('Marie-Claire Dubois rekeningnummer: 363-0123456-78').categories).toEqual(['financial']);
    expect(classify('Marie-Claire Dubois opened a bank account last year').categories).toEqual([]);
  });

  it('checks IBAN and Luhn arithmetic', () => {
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isValidIban('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});

describe('live location', () => {
  it('is critical when a live-location phrase appears near the alias', () => {
    const result = classify('Lola Velvet is right now at Café Central');
    expect(result).toMatchObject({ severity: 'critical', categories: ['live_location'] });
  });

  it('recognises GPS coordinates near the name', () => {
    expect(classify('Marie-Claire Dubois spotted at 50.8467, 4.3525').categories).toEqual(['live_location']);
    expect(classify('Marie-Claire Dubois: 50°50\'48.1"N 4°21\'09.0"E').categories).toEqual(['live_location']);
  });

  it('ignores coordinates when no name is on the page', () => {
    expect(classify('call 0470 12 34 56, 50.8467, 4.3525').categories).toEqual(['phone']);
  });
});

describe('positions', () => {
  it('treats matches without positions as near everything', () => {
    const result = classifyPage({
      textMatches: [{ kind: 'name', value: 'Marie-Claire Dubois' }],
      photoMatches: [],
      pageText: `${'x '.repeat(1000)} passport`,
      url: 'https://example.test/',
    });
    expect(result.categories).toEqual(['identity_document']);
  });
});
