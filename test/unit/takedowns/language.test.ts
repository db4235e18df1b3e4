import { describe, expect, it } from 'vitest';
import { detectLanguageFromText, detectPageLanguage, htmlLangAttribute, visibleText } from '../../../src/modules/takedowns/language.models.ts';

describe('detectPageLanguage', () => {
  it('reads the lang attribute of the html element, region and all', () => {
    expect(detectPageLanguage({ html: '<!doctype html><html class="x" lang="nl-BE"><body>hello</body></html>' })).toEqual({ code: 'nl', supported: 'nl', source: 'html_lang' });
  });

  it('accepts unquoted and single-quoted lang values', () => {
    expect(htmlLangAttribute("<html lang='fr'>")).toBe('fr');
    expect(htmlLangAttribute('<HTML LANG=de>')).toBe('de');
  });

  it('reports a language without templates as unsupported', () => {
    expect(detectPageLanguage({ html: '<html lang="es"><body></body></html>' })).toEqual({ code: 'es', supported: null, source: 'html_lang' });
  });

  it('falls back to the first Content-Language value', () => {
    expect(detectPageLanguage({ html: '<html><body>x</body></html>', contentLanguage: 'de-DE, en' })).toMatchObject({ supported: 'de', source: 'content_language' });
  });

  it('counts stop words when the page declares nothing', () => {
    const html = '<html><body><p>Dit is de pagina van een persoon en het is niet voor iedereen. Wij zijn er ook voor haar.</p></body></html>';
    expect(detectPageLanguage({ html })).toMatchObject({ supported: 'nl', source: 'stopwords' });
  });

  it('tells French from German and English by their stop words', () => {
    expect(detectLanguageFromText("C'est la page de la personne et elle est pour vous avec les photos du week-end dans une galerie.")).toBe('fr');
    expect(detectLanguageFromText('Das ist die Seite und sie ist nicht für dich, aber auch mit dem Bild von der Frau.')).toBe('de');
    expect(detectLanguageFromText('This is the page and it is not for you, but they have her photos from the weekend.')).toBe('en');
  });

  it('gives up on text too short to tell', () => {
    expect(detectPageLanguage({ text: 'Gallery 2026' })).toEqual({ code: null, supported: null, source: 'none' });
  });

  it('ignores words inside scripts and styles', () => {
    const text = visibleText('<p>Hallo</p><script>var the = "and the of the to the";</script><style>.the{}</style><p>wereld</p>');
    expect(text).toContain('Hallo');
    expect(text).toContain('wereld');
    expect(text).not.toContain('var the');
  });

  it('copes with an unclosed script on a large hostile page', () => {
    const html = `<html><body>${'<script>'.repeat(20_000)}${'de het een '.repeat(1000)}`;
    expect(() => detectPageLanguage({ html })).not.toThrow();
  });
});
