import { describe, expect, it } from 'vitest';
import { matchText } from '../../../src/modules/matching/text-match.models.ts';
import { parseProfile, type NormalisedProfile } from '../../../src/modules/profiles/profile-file.models.ts';

function profileOf(input: Record<string, string[]>, defaultCountry?: string): NormalisedProfile {
  const result = parseProfile(input, { defaultCountry });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.profile;
}

const demo = profileOf({ names: ['Marie-Claire Dubois'], phones: ['+32 470 12 34 56'] });
const phonesIn = (text: string, profile = demo) => matchText(text, profile).filter((m) => m.kind === 'phone');

describe('phone matching for the demo number +32 470 12 34 56', () => {
  const writtenForms = [
    '+32 470 12 34 56',
    '+32470123456',
    '+32 470 123 456',
    '+32-470-123456',
    '+32.470.12.34.56',
    '+32 (0)470 123 456',
    '+32 (0) 470 12 34 56',
    '+32 0470 12 34 56',
    '0032 470 12 34 56',
    '0032470123456',
    '00 32 470 12 34 56',
    '0470 12 34 56',
    '0470123456',
    '0470/12.34.56',
    '0470 / 12 34 56',
    '0470-12-34-56',
    '0470.12.34.56',
    '0470 12.34.56',
    '0470 123 456',
    '(0470) 12 34 56',
    '０４７０ １２ ３４ ５６',
  ];
  it.each(writtenForms)('finds it written as %j', (form) => {
    const matches = phonesIn(`Bel me: ${form} (na 20u)`);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ value: '+32 470 12 34 56', found: form });
  });

  it.each(['tel:+32-470-12-34-56', 'Tel.:0470/123456', 'GSM:0470123456', 'WhatsApp+32470123456'])('finds it glued to a label in %j', (text) => {
    expect(phonesIn(text)).toHaveLength(1);
  });

  const otherNumbers = [
    ['last digit different', '0470 12 34 57'],
    ['two digits swapped', '0470 12 34 65'],
    ['middle digits swapped', '+32 470 21 34 56'],
    ['prefix different', '0471 12 34 56'],
    ['one digit missing', '0470 12 34 5'],
    ['one digit missing, international', '+32 470 12 34 5'],
    ['one digit extra', '0470 12 34 566'],
    ['one digit extra, unspaced', '04701234567'],
    ['other country code', '+33 470 12 34 56'],
    ['inside a longer digit run', 'order 10470123456789'],
    ['followed by more digit groups', '0470 12 34 56 78'],
  ];
  it.each(otherNumbers)('does not match a number with the %s (%j)', (_label, form) => {
    expect(phonesIn(`Bel me: ${form} (na 20u)`)).toEqual([]);
  });

  it('reports each different writing on one page', () => {
    const found = phonesIn('Call 0470 12 34 56 or +32 470 12 34 56 or again 0470 12 34 56').map((m) => m.found);
    expect(found).toEqual(['0470 12 34 56', '+32 470 12 34 56']);
  });

  it('explains the match in a sentence that shows both writings', () => {
    expect(phonesIn('0470/12.34.56')[0]?.reason).toBe('Phone number +32 470 12 34 56 written as 0470/12.34.56');
  });
});

describe('phone matching with other countries', () => {
  it('reads national numbers on the page with the country of the profile number', () => {
    const french = profileOf({ phones: ['+33 6 12 34 56 78'] });
    expect(phonesIn('Appelle-moi au 06 12 34 56 78', french)).toHaveLength(1);
    expect(phonesIn('Appelle-moi au 06 12 34 56 79', french)).toEqual([]);
  });

  it('uses the profile default country for numbers written nationally in the profile', () => {
    const dutch = profileOf({ phones: ['06 12345678'] }, 'NL');
    expect(dutch.phones[0]?.normalised).toBe('+31612345678');
    expect(phonesIn('bel 06-12345678', dutch)).toHaveLength(1);
    expect(phonesIn('bel +31 6 1234 5678', dutch)).toHaveLength(1);
  });

  it('lets the caller override the country used for national numbers on the page', () => {
    const dutch = profileOf({ phones: ['+31 6 12345678'] });
    const matches = matchText('bel 06-12345678', { ...dutch, phones: dutch.phones.map((p) => ({ ...p, country: undefined })) }, { defaultCountry: 'NL' });
    expect(matches.filter((m) => m.kind === 'phone')).toHaveLength(1);
  });
});
