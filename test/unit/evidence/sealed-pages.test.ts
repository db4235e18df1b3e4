import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../../src/modules/evidence/field-cipher.models.ts';
import { deriveKeys } from '../../../src/modules/evidence/key-derivation.models.ts';
import { HIT_FIELDS, MATCH_FIELDS, normalizedOf, pageUrlIndex, searchQueryIndex } from '../../../src/modules/evidence/sealed-pages.models.ts';

const cipher = createFieldCipher(deriveKeys(Buffer.alloc(32, 5)));
const page = { url: 'https://forum.example/u/lolavelvet?utm_source=x', finalUrl: null, title: 'Lola Velvet - profile', severity: 'high' };

describe('sealed page rows', () => {
  it('seal the listed columns of a row, leave the others and nulls alone, and open back to the same row', () => {
    const sealed = HIT_FIELDS.seal(cipher, page, 'hit_1');
    expect(sealed.url).toMatch(/^es2\./);
    expect(sealed.title).toMatch(/^es2\./);
    expect(sealed.finalUrl).toBeNull();
    expect(sealed.severity).toBe('high');
    expect(HIT_FIELDS.open(cipher, sealed, 'hit_1')).toEqual(page);
  });

  it('seal only the columns a partial update sets', () => {
    expect(Object.keys(HIT_FIELDS.seal(cipher, { title: 'x' }, 'hit_1'))).toEqual(['title']);
  });

  it('refuse a title swapped in from another hit, or an address moved into the title column', () => {
    const mine = HIT_FIELDS.seal(cipher, page, 'hit_1');
    const other = HIT_FIELDS.seal(cipher, { ...page, title: 'Someone else' }, 'hit_2');
    expect(() => HIT_FIELDS.open(cipher, { ...mine, title: other.title }, 'hit_1')).toThrow();
    expect(() => HIT_FIELDS.open(cipher, { ...mine, title: mine.url }, 'hit_1')).toThrow();
  });

  it('refuse a match copied onto another hit', () => {
    const match = MATCH_FIELDS.seal(cipher, { value: '+32 470 12 34 56', found: '0470 12 34 56', hitId: 'hit_1' }, 'hit_1');
    expect(MATCH_FIELDS.open(cipher, match, 'hit_1').found).toBe('0470 12 34 56');
    expect(() => MATCH_FIELDS.open(cipher, match, 'hit_2')).toThrow();
  });
});

describe('blind indexes of pages and queries', () => {
  it('find the same page for one person whatever tracking link led there, and do not link two people on it', () => {
    const a = pageUrlIndex(cipher, 'person_a', normalizedOf('https://Forum.example/u/lolavelvet?utm_source=x#top'));
    expect(pageUrlIndex(cipher, 'person_a', normalizedOf('https://forum.example/u/lolavelvet'))).toBe(a);
    expect(pageUrlIndex(cipher, 'person_b', normalizedOf('https://forum.example/u/lolavelvet'))).not.toBe(a);
  });

  it('compare queries within a run only', () => {
    expect(searchQueryIndex(cipher, 'scan_1', '"Lola Velvet"')).toBe(searchQueryIndex(cipher, 'scan_1', '"Lola Velvet"'));
    expect(searchQueryIndex(cipher, 'scan_2', '"Lola Velvet"')).not.toBe(searchQueryIndex(cipher, 'scan_1', '"Lola Velvet"'));
  });
});
