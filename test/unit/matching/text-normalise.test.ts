import { describe, expect, it } from 'vitest';
import { excerpt, foldText, foldWithOffsets, gapBetween, hasLookAlikeLetters, rightToLeftOverrideReadings, tokenise, tokenWords } from '../../../src/modules/matching/text-normalise.models.ts';

describe('foldText', () => {
  it('removes diacritics and lower-cases', () => {
    expect(foldText('Hélène MÜLLER-Çelik')).toBe('helene muller-celik');
  });

  it('replaces letters without a decomposition by their usual ASCII spelling', () => {
    expect(foldText('Straße Øresund Łódź Œuvre')).toBe('strasse oresund lodz oeuvre');
  });

  it('unifies hyphens and dashes to one hyphen', () => {
    expect(foldText('Marie‐Claire Marie–Claire Marie—Claire Marie−Claire')).toBe('marie-claire marie-claire marie-claire marie-claire');
  });

  it('unifies apostrophes and quotes', () => {
    expect(foldText('d’Ixelles d‘Ixelles d`Ixelles «Lola» “Lola” „Lola“')).toBe(`d'ixelles d'ixelles d'ixelles "lola" "lola" "lola"`);
  });

  it('collapses every run of whitespace, including line breaks and no-break spaces, to one space and trims', () => {
    expect(foldText('  Marie-Claire\n\n\t Dubois\u00A0\u2003x  ')).toBe('marie-claire dubois x');
  });

  it('drops invisible characters that would split a word', () => {
    expect(foldText('Du\u200Bbo\u00ADis')).toBe('dubois');
  });

  it('folds compatibility forms such as full-width letters and ligatures', () => {
    expect(foldText('ＬＯＬＡ ﬁne')).toBe('lola fine');
  });

  it('folds look-alike letters of other alphabets to the Latin letter they pass for', () => {
    // Cyrillic о, е, а, р, с and Greek Ο, Ε, ν: on screen the same as the Latin words.
    expect(foldText('L\u043Ela V\u0435lv\u0435t, \u0440\u0430ris, \u0441afe')).toBe('lola velvet, paris, cafe');
    expect(foldText('L\u039FLA V\u0395LVET')).toBe('lola velvet');
    expect(foldText('lola.velv\u0435t@\u0435xample.org')).toBe('lola.velvet@example.org');
  });

  it('folds both cases of a letter of another alphabet alike, so a name written in it still matches itself', () => {
    expect(foldText('Виктор Петров')).toBe(foldText('ВИКТОР ПЕТРОВ'));
    expect(foldText('Νίκος Παππάς')).toBe(foldText('ΝΙΚΟΣ ΠΑΠΠΑΣ'));
  });
});

describe('foldWithOffsets', () => {
  it('maps every folded character back to the character it came from', () => {
    const original = 'É\u0301lan  Straße';
    const folded = foldWithOffsets(original);
    expect(folded.text).toBe('elan strasse');
    const ss = folded.text.indexOf('ss');
    expect(original.slice(folded.starts[ss]!, folded.ends[ss]!)).toBe('ß');
    expect(original.slice(folded.starts[ss + 1]!, folded.ends[ss + 1]!)).toBe('ß');
    expect(folded.starts).toHaveLength(folded.text.length);
  });
});

describe('tokenise', () => {
  it('splits on anything that is not a letter or digit and reports original offsets', () => {
    const text = 'DUBOIS, Marie‑Claire — 0470/12';
    const { tokens } = tokenise(text);
    expect(tokens.map((t) => t.text)).toEqual(['dubois', 'marie', 'claire', '0470', '12']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['DUBOIS', 'Marie', 'Claire', '0470', '12']);
  });

  it('keeps offsets right after characters outside the basic plane', () => {
    const text = '😀 Hélène';
    const [token] = tokenise(text).tokens;
    expect(token?.text).toBe('helene');
    expect(text.slice(token!.start, token!.end)).toBe('Hélène');
  });

  it('exposes the separator between two tokens in folded form', () => {
    const text = tokenise('Dubois ,\n Marie');
    expect(gapBetween(text, text.tokens[0]!, text.tokens[1]!)).toBe(' , ');
  });

  it('gives the folded words of a short entry', () => {
    expect(tokenWords("Chaussée d'Ixelles")).toEqual(['chaussee', 'd', 'ixelles']);
  });
});

describe('excerpt', () => {
  it('quotes the original with whitespace collapsed', () => {
    expect(excerpt('a Rue des\nTanneurs  14 b', 2, 22)).toBe('Rue des Tanneurs 14');
  });

  it('cuts long quotes to the maximum length with an ellipsis', () => {
    const quote = excerpt('x'.repeat(200), 0, 200, 80);
    expect(quote).toHaveLength(80);
    expect(quote.endsWith('…')).toBe(true);
  });
});

describe('hasLookAlikeLetters', () => {
  it('tells text with letters of another alphabet that pass for Latin ones from plain and accented Latin text', () => {
    expect(hasLookAlikeLetters('L\u043Ela')).toBe(true);
    expect(hasLookAlikeLetters('Hélène Straße ＬＯＬＡ')).toBe(false);
  });
});

describe('rightToLeftOverrideReadings', () => {
  it('gives what each override shows on screen, up to its end mark or the end of its line', () => {
    expect(rightToLeftOverrideReadings('Tel \u202E65 43 21 074 23+\u202C, mail \u202Eeb.elpmaxe@siobud.cm\nnext line')).toEqual(['+32 470 12 34 56', 'mc.dubois@example.be']);
  });

  it('gives nothing for text without an override', () => {
    expect(rightToLeftOverrideReadings('+32 470 12 34 56 \u202B embedded, not overridden \u202C')).toEqual([]);
  });
});
