import { describe, expect, it } from 'vitest';
import { matchText, nameWordOrders, type TextMatchKind } from '../../../src/modules/matching/text-match.models.ts';
import { profileOf, demoIdentifiers } from '../../helpers/profiles.ts';

const demo = profileOf(demoIdentifiers);

function found(pageText: string, kind: TextMatchKind, profile = demo): string[] {
  return matchText(pageText, profile).filter((m) => m.kind === kind).map((m) => m.found);
}

describe('matchText on the demo person', () => {
  it('finds every identifier on a page that doxxes her and reports each with the profile entry it matched', () => {
    const page = [
      'LEAKED: DUBOIS Marie-Claire, aka Lola Velvet',
      'Lives at Tanneursstraat 14, 1000 Brussel',
      'Call her: 0470/12.34.56 — mail mc.dubois [at] example [dot] be',
      'insta: instagram.com/lolavelvet',
    ].join('\n');
    const matches = matchText(page, demo);
    const byKind = Object.fromEntries(matches.map((m) => [m.kind, m]));
    expect(Object.keys(byKind).sort()).toEqual(['address', 'alias', 'email', 'handle', 'name', 'phone']);
    expect(byKind.name).toMatchObject({ value: 'Marie-Claire Dubois', found: 'DUBOIS Marie-Claire' });
    expect(byKind.phone).toMatchObject({ value: '+32 470 12 34 56', found: '0470/12.34.56', reason: 'Phone number +32 470 12 34 56 written as 0470/12.34.56' });
    expect(byKind.address).toMatchObject({ value: 'Rue des Tanneurs 14, 1000 Bruxelles', found: 'Tanneursstraat 14, 1000 Brussel' });
    expect(byKind.email?.found).toBe('mc.dubois [at] example [dot] be');
    expect(byKind.handle?.reason).toContain('instagram.com');
    for (const m of matches) expect(page.slice(m.start, m.end).replace(/\s+/g, ' ')).toBe(m.found);
  });

  it('returns nothing for a page about someone else', () => {
    expect(matchText('Marie Dupont, Rue Haute 14, 1000 Bruxelles, 0470 99 88 77, marie@example.org @lolafan', demo)).toEqual([]);
  });

  it('reports the same writing once however often it is repeated, whatever its case', () => {
    expect(found('Lola Velvet. Lola Velvet! lola velvet, Lola-Velvet', 'alias')).toEqual(['Lola Velvet', 'Lola-Velvet']);
  });

  it('reports at most the configured number of different writings of one entry', () => {
    const page = 'Lola Velvet, Lola-Velvet, LolaVelvet, Lola_Velvet';
    expect(matchText(page, demo, { maxPerEntry: 2 }).filter((m) => m.kind === 'alias')).toHaveLength(2);
  });

  it('keeps the excerpt short even when the page writes the match across much whitespace', () => {
    const [match] = matchText(`Marie-Claire${' '.repeat(500)}Dubois`, demo);
    expect(match?.found).toBe('Marie-Claire Dubois');
  });
});

describe('name matching', () => {
  const positives: [string, string][] = [
    ['exact', 'Marie-Claire Dubois'],
    ['lower case', 'marie-claire dubois'],
    ['upper case', 'MARIE-CLAIRE DUBOIS'],
    ['space instead of hyphen', 'Marie Claire Dubois'],
    ['en dash instead of hyphen', 'Marie–Claire Dubois'],
    ['glued given names', 'MarieClaire Dubois'],
    ['surname first with comma', 'Dubois, Marie-Claire'],
    ['surname first in capitals', 'DUBOIS Marie-Claire'],
    ['surname first without hyphen', 'Dubois Marie Claire'],
    ['split across elements', 'Marie-Claire\n\nDubois'],
    ['diacritics added on the page', 'Mârie-Clâire Dùbois'],
    ['possessive', "Marie-Claire Dubois's address"],
    ['in a sentence', 'Photos of Marie-Claire Dubois, 34, from Brussels'],
    ['dotted as in an e-mail local part', 'marie.claire.dubois'],
    ['in a domain name', 'www.marie-claire-dubois.be'],
    ['in a handle with underscores', '@marie_claire_dubois_fan'],
  ];
  it.each(positives)('matches the name written %s', (_label, text) => {
    expect(found(`Look: ${text} here`, 'name')).toHaveLength(1);
  });

  const negatives: [string, string][] = [
    ['with a longer surname', 'Marie-Claire Duboisson'],
    ['without the first given name', 'Claire Dubois'],
    ['with only one given name', 'Marie Dubois'],
    ['as given names alone', 'Marie-Claire'],
    ['as surname alone', 'Monsieur Dubois'],
    ['inside a longer compound given name', 'Anne-Marie-Claire Dubois'],
    ['inside a double-barrelled surname', 'Marie-Claire Dubois-Martin'],
    ['with the surname split', 'Marie-Claire Du Bois'],
    ['across a sentence boundary', 'Dubois. Marie-Claire said no'],
    ['with a letter glued before the surname', 'Marie-Claire XDubois'],
  ];
  it.each(negatives)('does not match the name written %s', (_label, text) => {
    expect(found(`Look: ${text} here`, 'name')).toEqual([]);
  });

  it('does not let a shorter profile name match inside a longer compound name on the page', () => {
    const claire = profileOf({ names: ['Claire Dubois'] });
    expect(found('Marie-Claire Dubois', 'name', claire)).toEqual([]);
    expect(found('Claire Dubois', 'name', claire)).toEqual(['Claire Dubois']);
  });

  it('matches a page without diacritics against a profile name with diacritics', () => {
    const helene = profileOf({ names: ['Hélène Müller'] });
    expect(found('HELENE MULLER and Müller, Hélène', 'name', helene)).toEqual(['HELENE MULLER', 'Müller, Hélène']);
  });

  it('keeps surname particles with the surname when the order is reversed', () => {
    expect(nameWordOrders('Jan Pieter de Vries')).toEqual([
      ['jan', 'pieter', 'de', 'vries'],
      ['de', 'vries', 'jan', 'pieter'],
    ]);
    const jan = profileOf({ names: ['Jan Pieter de Vries'] });
    expect(found('DE VRIES, Jan Pieter', 'name', jan)).toHaveLength(1);
    expect(found('Vries Jan Pieter de', 'name', jan)).toEqual([]);
  });

  it('reads a profile name written surname-first with a comma', () => {
    expect(nameWordOrders('Dubois, Marie-Claire')[0]).toEqual(['marie', 'claire', 'dubois']);
  });

  it('matches a one-word name as a whole word only', () => {
    const mono = profileOf({ names: ['Madonna'] });
    expect(found('Madonna sings', 'name', mono)).toEqual(['Madonna']);
    expect(found('Madonnas sing', 'name', mono)).toEqual([]);
  });
});

describe('alias matching', () => {
  it.each(['Lola Velvet', 'LOLA VELVET', 'lola-velvet', 'Lolà Vèlvet', 'Lola\nVelvet', 'LolaVelvet', '“Lola Velvet”'])(
    'matches the alias written %j',
    (text) => {
      expect(found(`by ${text} tonight`, 'alias')).toHaveLength(1);
    },
  );

  it.each(['Lola Velvets', 'Lola', 'Velvet', 'Velvet Lola', 'Lola Velveteen', 'Lola the Velvet', 'Lola-Velvet-Fan'])('does not match %j', (text) => {
    expect(found(`by ${text} tonight`, 'alias')).toEqual([]);
  });
});

describe('email matching', () => {
  it.each([
    'mc.dubois@example.be',
    'MC.Dubois@Example.BE',
    'mc.dubois [at] example [dot] be',
    'mc.dubois(at)example(dot)be',
    'mc.dubois at example dot be',
    'mc.dubois @ example . be',
    'mc dot dubois at example dot be',
    'mc.dubois{at}example{dot}be',
    'mc.dubois (a) example.be',
    'mc.dubois AT example DOT be',
    'mc.dubois＠example.be',
  ])('finds the address written %j', (text) => {
    expect(found(`mail: ${text}.`, 'email')).toHaveLength(1);
  });

  it('quotes the address link target in a mailto link', () => {
    expect(found('mailto:mc.dubois@example.be', 'email')).toEqual(['mc.dubois@example.be']);
  });

  it('finds a name and an address written with look-alike letters of another alphabet, and says so', () => {
    // Cyrillic о in the first name, Cyrillic е and о in the address: the page looks like her name and address.
    const matches = matchText('Contact M\u0430rie-Claire Dub\u043Eis at mc.dub\u043Eis@\u0435xample.be', demo);
    const name = matches.find((m) => m.kind === 'name');
    expect(name?.value).toBe('Marie-Claire Dubois');
    expect(name?.reason).toContain('look-alike letters of another alphabet');
    expect(matches.find((m) => m.kind === 'email')?.found).toBe('mc.dub\u043Eis@\u0435xample.be');
  });

  it('says when the address was written in a disguised form', () => {
    const [match] = matchText('mc.dubois [at] example [dot] be', demo).filter((m) => m.kind === 'email');
    expect(match?.reason).toContain('disguised');
  });

  it.each([
    'xmc.dubois@example.be',
    'mc.duboisx@example.be',
    'mc_dubois@example.be',
    'mc.dubois@example.bet',
    'mc.dubois@example.be.evil.test',
    'mc.dubois@sub.example.be',
    'mc.dubois@exampl.be',
    'mc.dubois example be',
  ])('does not match the different address %j', (text) => {
    expect(found(`mail: ${text} now`, 'email')).toEqual([]);
  });
});

describe('handle matching', () => {
  it.each([
    ['@lolavelvet', '@lolavelvet'],
    ['follow @LolaVelvet!', '@LolaVelvet'],
    ['instagram.com/lolavelvet', 'instagram.com/lolavelvet'],
    ['https://www.instagram.com/lolavelvet/', 'https://www.instagram.com/lolavelvet'],
    ['x.com/lolavelvet', 'x.com/lolavelvet'],
    ['twitter.com/LolaVelvet', 'twitter.com/LolaVelvet'],
    ['tiktok.com/@lolavelvet', 'tiktok.com/@lolavelvet'],
    ['onlyfans.com/lolavelvet', 'onlyfans.com/lolavelvet'],
    ['reddit.com/user/lolavelvet', 'reddit.com/user/lolavelvet'],
    ['https://old.reddit.com/u/lolavelvet', 'https://old.reddit.com/u/lolavelvet'],
    ['t.me/lolavelvet', 't.me/lolavelvet'],
    ['her name there is lolavelvet.', 'lolavelvet'],
  ])('finds the handle in %j', (text, expected) => {
    expect(found(text, 'handle')).toEqual([expected]);
  });

  it('names the site when the handle is part of a profile link', () => {
    const [match] = matchText('see tiktok.com/@lolavelvet', demo).filter((m) => m.kind === 'handle');
    expect(match?.reason).toBe('Handle lolavelvet appears in a link to tiktok.com');
  });

  it.each(['@lolavelvet2', '@lolavelvet_backup', '@xlolavelvet', 'instagram.com/lolavelvet.fan', '@lolavelvet.official', 'lolavelvets', 'x.com/not_lolavelvet'])(
    'does not match the longer handle %j',
    (text) => {
      expect(found(`see ${text} now`, 'handle')).toEqual([]);
    },
  );

  it('needs an @ or a link before matching a short handle that could be an ordinary word', () => {
    const lola = profileOf({ handles: ['@lola'] });
    expect(found('lola is a name', 'handle', lola)).toEqual([]);
    expect(found('hi @lola and instagram.com/lola', 'handle', lola)).toEqual(['@lola', 'instagram.com/lola']);
  });
});
