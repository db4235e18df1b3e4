import { describe, expect, it } from 'vitest';
import { matchText, parseAddress, streetPhrases } from '../../../src/modules/matching/text-match.models.ts';
import { parseProfile, type NormalisedProfile } from '../../../src/modules/profiles/profile-file.models.ts';

function profileOf(addresses: string[]): NormalisedProfile {
  const result = parseProfile({ addresses });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.profile;
}

const demo = profileOf(['Rue des Tanneurs 14, 1000 Bruxelles']);
const addressesIn = (text: string, profile = demo) => matchText(text, profile).filter((m) => m.kind === 'address').map((m) => m.found);

describe('parseAddress', () => {
  it('reads the demo address', () => {
    expect(parseAddress('Rue des Tanneurs 14, 1000 Bruxelles')).toEqual({
      street: 'Rue des Tanneurs', number: '14', suffix: '', box: undefined, postcode: '1000', city: 'Bruxelles',
    });
  });

  it.each([
    ['Tanneursstraat 14 bus 3, 1000 Brussel', { street: 'Tanneursstraat', number: '14', box: '3', postcode: '1000', city: 'Brussel' }],
    ['Rue des Tanneurs 14/3 1000 Bruxelles', { street: 'Rue des Tanneurs', number: '14', box: '3', postcode: '1000' }],
    ['Rue des Tanneurs 14b, 1000 Bruxelles, Belgique', { number: '14', suffix: 'b', city: 'Bruxelles' }],
    ['14 rue des Tanneurs, 75001 Paris', { street: 'rue des Tanneurs', number: '14', postcode: '75001', city: 'Paris' }],
    ['Hauptstraße 5, 10115 Berlin', { street: 'Hauptstraße', number: '5', postcode: '10115' }],
    ['Keizersgracht 123, 1015 CJ Amsterdam', { street: 'Keizersgracht', number: '123', postcode: '1015', city: 'Amsterdam' }],
    ['Rue du 11 Novembre 5, 5000 Namur', { street: 'Rue du 11 Novembre', number: '5' }],
    ['Chaussée de Waterloo 1234, 1180 Uccle', { street: 'Chaussée de Waterloo', number: '1234', postcode: '1180', city: 'Uccle' }],
    ['Meir 12', { street: 'Meir', number: '12', postcode: undefined }],
  ])('reads %j', (input, expected) => {
    expect(parseAddress(input)).toMatchObject(expected);
  });

  it.each(['Rue des Tanneurs', '1000 Bruxelles', '14', ''])('refuses %j, which has no street and house number', (input) => {
    expect(parseAddress(input)).toBeUndefined();
  });
});

describe('street name variants', () => {
  it('builds the Dutch, German and English forms and the official Brussels translation of a French street name', () => {
    const forms = streetPhrases('Rue des Tanneurs').map((p) => p.words.join(' '));
    expect(forms).toEqual(expect.arrayContaining(['rue des tanneurs', 'tanneurs straat', 'tanneurstraat', 'tanneurs strasse', 'tanneurs street', 'huidevetters straat']));
  });
});

describe('address matching for the demo address Rue des Tanneurs 14, 1000 Bruxelles', () => {
  const writtenForms = [
    'Rue des Tanneurs 14, 1000 Bruxelles',
    'rue des tanneurs 14',
    'RUE DES TANNEURS 14',
    'Rue  des  Tanneurs   14',
    'Rue des Tanneurs n° 14',
    'Rue des Tanneurs nº14',
    'rue des tanneurs nr. 14',
    'Rue des Tanneurs, 14',
    'R. des Tanneurs 14',
    'Rue Tanneurs 14',
    '14, rue des Tanneurs',
    '14 Rue des Tanneurs, 1000 Bruxelles',
    'Rue des Tanneurs\n14\n1000 Bruxelles',
    'Rue des Tanneurs 14 1000 Bruxelles',
    'Rue des Tanneurs 14, B-1000 Brussels',
    'Rue des Tanneurs 14 bte 3',
    'rue des Tanneurs 14/2',
    'Tanneursstraat 14, 1000 Brussel',
    'Tanneurs straat 14',
    'Tanneurstraat 14',
    'Tanneursstr. 14',
    'Tanneurs-Straße 14',
    'Tanneurs Street 14',
    '14 Tanneurs Street',
    'Huidevettersstraat 14 1000 Brussel',
  ];
  it.each(writtenForms)('finds it written as %j', (form) => {
    expect(addressesIn(`Adresse: ${form}. Merci`)).toHaveLength(1);
  });

  it('quotes the street, number, postcode and town as the page wrote them', () => {
    expect(addressesIn('woont in de Tanneursstraat 14, 1000 Brussel sinds 2020')).toEqual(['Tanneursstraat 14, 1000 Brussel']);
  });

  const otherAddresses = [
    ['another house number', 'Rue des Tanneurs 16'],
    ['a longer house number', 'Rue des Tanneurs 140'],
    ['a number ending the same', 'Rue des Tanneurs 114'],
    ['a shorter house number', 'Rue des Tanneurs 4'],
    ['a letter after the number', 'Rue des Tanneurs 14b'],
    ['a separate letter after the number', 'Rue des Tanneurs 14 B'],
    ['a range not starting at the number', 'Rue des Tanneurs 12-16'],
    ['no house number', 'Rue des Tanneurs'],
    ['only the postcode and town', 'Rue des Tanneurs, 1000 Bruxelles'],
    ['the postcode where the number should be', 'Rue des Tanneurs 1000 Bruxelles'],
    ['a longer street name', 'Rue des Tanneursses 14'],
    ['a diminutive street name', 'Tanneursstraatje 14'],
    ['an extra word in the street name', 'Rue des Petits Tanneurs 14'],
    ['another street type', 'Avenue des Tanneurs 14'],
    ['another street type in Dutch', 'Tanneurslaan 14'],
    ['another street', 'Rue Haute 14'],
    ['another street, number first', '14 Rue Haute'],
    ['the number belonging to the street before', 'Rue Haute 14 Rue des Tanneurs 20'],
  ];
  it.each(otherAddresses)('does not match %s (%j)', (_label, form) => {
    expect(addressesIn(`Adresse: ${form}. Merci`)).toEqual([]);
  });
});

describe('addresses with a box number', () => {
  const withBox = profileOf(['Tanneursstraat 14 bus 3, 1000 Brussel']);

  it.each(['Tanneursstraat 14 bus 3', 'Rue des Tanneurs 14/3', 'Rue des Tanneurs 14 bte 3', 'Tanneursstraat 14'])(
    'matches the same flat or the building written as %j',
    (form) => {
      expect(addressesIn(form, withBox)).toHaveLength(1);
    },
  );

  it.each(['Tanneursstraat 14 bus 5', 'Rue des Tanneurs 14/7'])('does not match another flat written as %j', (form) => {
    expect(addressesIn(form, withBox)).toEqual([]);
  });
});

describe('addresses in other formats', () => {
  it('matches a German address with the street type glued and abbreviated', () => {
    const berlin = profileOf(['Hauptstraße 5, 10115 Berlin']);
    expect(addressesIn('Hauptstr. 5, Berlin', berlin)).toHaveLength(1);
    expect(addressesIn('Hauptstrasse 5', berlin)).toHaveLength(1);
    expect(addressesIn('Hauptstraße 6', berlin)).toEqual([]);
  });

  it('matches a French number-first address', () => {
    const paris = profileOf(['14 rue des Tanneurs, 75001 Paris']);
    expect(addressesIn('au 14, Rue des Tanneurs', paris)).toHaveLength(1);
    expect(addressesIn('Rue des Tanneurs 14', paris)).toHaveLength(1);
    expect(addressesIn('au 41, Rue des Tanneurs', paris)).toEqual([]);
  });

  it('matches the official Dutch name of a French-named Brussels avenue', () => {
    const louise = profileOf(['Avenue Louise 54, 1050 Ixelles']);
    expect(addressesIn('Louizalaan 54, 1050 Elsene', louise)).toEqual(['Louizalaan 54, 1050 Elsene']);
    expect(addressesIn('Av. Louise 54', louise)).toHaveLength(1);
    expect(addressesIn('Louizalaan 45', louise)).toEqual([]);
  });

  it('matches a French name from the Dutch one through the bilingual table', () => {
    const profile = profileOf(['Huidevettersstraat 14, 1000 Brussel']);
    expect(addressesIn('Rue des Tanneurs 14', profile)).toHaveLength(1);
  });
});
