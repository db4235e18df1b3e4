import { describe, expect, it } from 'vitest';
import { addressCountry, personSearchRegion } from '../../../src/modules/scans/search-region.models.ts';
import { profileOf } from '../../helpers/profiles.ts';

describe('the region a person is searched in', () => {
  it('takes the country from the phone numbers\' country codes', () => {
    const profile = profileOf({ names: ['A B'], phones: ['+31 6 12345678', '+31 20 123 4567'] });
    expect(personSearchRegion({ language: 'nl', phones: profile.phones, addresses: profile.addresses })).toEqual({ language: 'nl', country: 'NL' });
  });

  it('lets a named country in an address outweigh a foreign phone number', () => {
    const profile = profileOf({ names: ['A B'], phones: ['+33 6 12 34 56 78'], addresses: ['Veldstraat 10, 9000 Gent, België'] });
    expect(personSearchRegion({ language: 'nl', phones: profile.phones, addresses: profile.addresses }).country).toBe('BE');
  });

  it('falls back to the person\'s default country, and to English for an unreadable language', () => {
    expect(personSearchRegion({ language: '', phones: [], addresses: [], defaultCountry: 'FR' })).toEqual({ language: 'en', country: 'FR' });
    expect(personSearchRegion({ language: 'de', phones: [], addresses: [] })).toEqual({ language: 'de' });
  });

  it('recognises country names at the end of an address in the dashboard\'s languages', () => {
    expect(addressCountry('Rue des Tanneurs 14, 1000 Bruxelles, Belgique')).toBe('BE');
    expect(addressCountry('Hauptstraße 1, 10115 Berlin, Deutschland')).toBe('DE');
    expect(addressCountry('Rue des Tanneurs 14, 1000 Bruxelles')).toBeNull();
    expect(addressCountry('Belgique')).toBeNull();
  });
});
