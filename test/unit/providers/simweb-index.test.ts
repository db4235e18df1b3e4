import { describe, expect, it } from 'vitest';
import { parseSearchQuery, phoneKey, SearchIndex } from '../../../src/simweb/search-index.models.ts';

const pages = [
  { url: 'http://sim/site/a/1', title: 'Forum', text: 'C\'est DUBOIS, Marie-Claire, alias Lola Velvet. Tél. 0470 12 34 56.' },
  { url: 'http://sim/site/b/2', title: 'Kiné', text: 'Marie Dupont, +32 470 12 34 57' },
  { url: 'http://sim/site/c/3', title: 'Boulangerie', text: 'Claire Dubois, Lyon' },
  { url: 'http://sim/site/d/4', title: 'Annonce', text: 'Lola Velvet, bel +32 (0)470 123 456' },
];

describe('the simulated engines\' index', () => {
  const index = new SearchIndex(pages);
  const urls = (q: string, exactOnly = false) => index.search(q).filter((h) => !exactOnly || h.exact).map((h) => h.page.url);

  it('matches all words regardless of quotes, case and accents', () => {
    expect(urls('"lola VELVET"')).toEqual(['http://sim/site/a/1', 'http://sim/site/d/4']);
    expect(urls('"Marie-Claire Dubois"', true)).toEqual(['http://sim/site/a/1']);
    expect(urls('telephone TEL', true)).toEqual([]);
    expect(urls('tél', true)).toEqual(['http://sim/site/a/1']);
  });

  it('returns look-alikes after the exact matches, as loose engines do', () => {
    const hits = index.search('"Marie-Claire Dubois"');
    expect(hits.map((h) => [h.page.url, h.exact])).toEqual([['http://sim/site/a/1', true], ['http://sim/site/c/3', false]]);
  });

  it('matches phone numbers on their digits, whatever the formatting', () => {
    expect(urls('"+32 470 12 34 56"', true)).toEqual(['http://sim/site/a/1', 'http://sim/site/d/4']);
    expect(urls('0470/12.34.56', true)).toEqual(['http://sim/site/a/1', 'http://sim/site/d/4']);
    expect(urls('"+32 470 12 34 56"')).toContain('http://sim/site/b/2');
    expect(phoneKey('+32 (0)470 123 456')).toBe('470123456');
  });

  it('scopes with site: and drops excluded words', () => {
    expect(urls('"Lola Velvet" site:sim/site/d')).toEqual(['http://sim/site/d/4']);
    expect(urls('"Lola Velvet" -forum')).toEqual(['http://sim/site/d/4']);
    expect(parseSearchQuery('intitle:"Lola" site:example.org -x').sites).toEqual(['example.org']);
  });

  it('builds the snippet around the first matching word', () => {
    expect(index.search('Velvet')[0]?.snippet).toContain('Lola Velvet');
  });

  it('returns nothing for an empty query', () => {
    expect(index.search('   ""  ')).toEqual([]);
  });
});
