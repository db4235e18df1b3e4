import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../../src/providers/engine-registry.ts';
import type { EngineId } from '../../../src/providers/provider.types.ts';
import { duckDuckGoKl, regionOf, regionParams } from '../../../src/providers/shared/region.models.ts';

const BELGIAN_FRENCH = { country: 'BE', language: 'fr' };
const NOWHERE = { country: null, language: null };

/** What each engine must receive for a French-speaking person in Belgium, in the engine's own parameter names. */
const expected: Record<EngineId, Record<string, string>> = {
  duckduckgo: { kl: 'be-fr' },
  bing: { cc: 'BE', setlang: 'fr', mkt: 'fr-BE' },
  brave: { country: 'be', search_lang: 'fr' },
  google: { gl: 'be', hl: 'fr' },
  mojeek: { lb: 'fr', arc: 'be' },
  startpage: { language: 'francais', lui: 'francais' },
  yandex: { lr: '114', lang: 'fr' },
  searxng: { language: 'fr-BE' },
  'google-lens': { hl: 'fr-BE' },
  tineye: {},
  'bing-visual': {},
  'yandex-images': {},
};

describe('region and language parameters per engine', () => {
  it.each(Object.entries(expected))('%s gets the country and language in its own parameters', (engine, params) => {
    expect(regionParams(engine as EngineId, BELGIAN_FRENCH)).toEqual(params);
  });

  it.each(Object.keys(expected))('%s falls back to its own default when nothing is known about the person', (engine) => {
    const params = regionParams(engine as EngineId, NOWHERE);
    expect(Object.values(params).every((v) => v.length > 0)).toBe(true);
    if (engine === 'duckduckgo') expect(params.kl).toBe('wt-wt');
    if (engine === 'bing') expect(params).toEqual({});
    if (engine === 'searxng') expect(params.language).toBe('all');
  });

  it('picks DuckDuckGo\'s region code for the person\'s language where a country has several, and the fixed one elsewhere', () => {
    expect(duckDuckGoKl({ country: 'BE', language: 'nl' })).toBe('be-nl');
    expect(duckDuckGoKl({ country: 'BE', language: 'en' })).toBe('be-fr');
    expect(duckDuckGoKl({ country: 'GB', language: 'en' })).toBe('uk-en');
    expect(duckDuckGoKl({ country: 'NL', language: 'en' })).toBe('nl-nl');
    expect(duckDuckGoKl({ country: 'ZZ', language: 'en' })).toBe('wt-wt');
  });

  it('leaves out the Yandex region for a country whose Yandex id is not known, rather than guessing one', () => {
    expect(regionParams('yandex', { country: 'PT', language: 'pt' })).toEqual({});
  });

  it('calls the United Kingdom "uk" for Mojeek', () => {
    expect(regionParams('mojeek', { country: 'GB', language: 'en' })).toEqual({ lb: 'en', arc: 'uk' });
  });

  it('takes the country from the option before the one in the language tag', () => {
    expect(regionOf({ language: 'fr-FR', country: 'be' })).toEqual({ language: 'fr', country: 'BE' });
    expect(regionOf({ language: 'nl-BE' })).toEqual({ language: 'nl', country: 'BE' });
    expect(regionOf({ language: 'all' })).toEqual({ language: null, country: null });
    expect(regionOf({ language: 'not a tag!' })).toEqual({ language: null, country: null });
  });

  it.each(['duckduckgo', 'bing', 'brave', 'google', 'mojeek', 'startpage', 'yandex', 'searxng'] as const)(
    '%s puts the parameters into the request it builds, with a matching Accept-Language',
    (id) => {
      const request = ENGINES[id].buildRequest('x', { endpoint: ENGINES[id].defaultEndpoint, language: 'fr', country: 'BE' });
      const sent = { ...Object.fromEntries(new URL(request.url).searchParams), ...request.form };
      expect(sent).toMatchObject(expected[id]);
      expect(request.headers['Accept-Language']).toMatch(/^fr-BE,fr;q=0\.9/);
    },
  );
});
