import { describe, expect, it } from 'vitest';
import { englishReason, readHitReason, REASON_CATEGORIES, type HitReason } from '../../../src/modules/matching/hit-reasons.models.ts';
import { localHitReason } from '../../../src/modules/matching/hit-reason-words.models.ts';
import { UNCHECKED_REASONS } from '../../../src/modules/scans/page-check.models.ts';

/** Every reason a hit can carry: the fixed ones in every form, and the ones with free parts on samples. */
function everyReason(): HitReason[] {
  const all: HitReason[] = [{ kind: 'nothing' }, { kind: 'intimatePhoto' }];
  for (const where of ['page', 'result'] as const) {
    for (const category of REASON_CATEGORIES) for (const who of [null, 'name', 'alias', 'handle'] as const) all.push({ kind: 'category', category, who, where });
    for (const separated of ['alias', 'handle'] as const) {
      for (const linked of [['name'], ['phone'], ['address'], ['name', 'phone'], ['name', 'address'], ['phone', 'address'], ['name', 'phone', 'address']] as const) all.push({ kind: 'linkage', separated, linked: [...linked], where });
    }
    all.push({ kind: 'photo', where });
    for (const who of ['name', 'alias', 'handle'] as const) all.push({ kind: 'mentioned', who, where });
  }
  for (const cause of ['not_on_page', ...UNCHECKED_REASONS] as const) all.push({ kind: 'seenInResults', cause });
  all.push(
    { kind: 'frame', host: 'cdn.tube-leaks.example', shows: ['name', 'phone number', 'photo'] },
    { kind: 'frame', host: 'embed.example', shows: ['handle'] },
    { kind: 'unusableImages', count: 1 },
    { kind: 'unusableImages', count: 12 },
    { kind: 'impersonation', site: 'Instagram', source: 'alias' },
    { kind: 'impersonation', site: 'X (Twitter)', source: 'handle' },
    { kind: 'impersonationUnverified', site: 'OnlyFans' },
  );
  return all;
}

describe("a hit's reasons: stored in English, read back, said in the reader's language", () => {
  it('stores the same English sentences as before, word for word', () => {
    // The API, the CLI's JSON and evidence exports carry these: people script against them.
    expect(englishReason({ kind: 'category', category: 'home_address', who: 'name', where: 'page' })).toBe('Your home address appears together with your name.');
    expect(englishReason({ kind: 'category', category: 'phone', who: null, where: 'page' })).toBe('Your phone number appears on this page.');
    expect(englishReason({ kind: 'category', category: 'phone', who: null, where: 'result' })).toBe('Your phone number appears in this search result.');
    expect(englishReason({ kind: 'category', category: 'identity_document', who: null, where: 'result' })).toBe('This search result shows what looks like a national register number.');
    expect(englishReason({ kind: 'category', category: 'live_location', who: 'alias', where: 'page' })).toBe('This page says where you are right now, or gives map coordinates, near your alias.');
    expect(englishReason({ kind: 'category', category: 'financial', who: 'name', where: 'page' })).toBe('This page shows bank or card details.');
    expect(englishReason({ kind: 'category', category: 'intimate_media', who: 'handle', where: 'page' })).toBe('This page describes intimate or leaked images and mentions your handle.');
    expect(englishReason({ kind: 'intimatePhoto' })).toBe('One of your photos appears on a page that describes intimate or leaked images.');
    expect(englishReason({ kind: 'linkage', separated: 'alias', linked: ['name', 'phone', 'address'], where: 'page' })).toBe('This page connects your alias with your legal name, your phone number and your home address.');
    expect(englishReason({ kind: 'mentioned', who: 'alias', where: 'page' })).toBe('Your alias is mentioned on this page; no private details were found with it.');
    expect(englishReason({ kind: 'seenInResults', cause: 'http_403' })).toBe('Seen in search results: a search engine shows these details for this page, but the page itself refused access (HTTP 403). The page will be checked again.');
    expect(englishReason({ kind: 'frame', host: 'cdn.example', shows: ['name', 'photo'] })).toBe('Shown in a frame from cdn.example that this page embeds: name, photo. That site holds it and can remove it at the source; it is checked as a page of its own.');
    expect(englishReason({ kind: 'unusableImages', count: 3 })).toBe('3 image(s) on this page could not be compared with your photos (too small, too plain, too large or unreadable); check them yourself.');
    expect(englishReason({ kind: 'impersonation', site: 'Instagram', source: 'alias' })).toBe('A profile on Instagram uses your alias as its user name: someone may be pretending to be you. If it is your own account, add its address to your own URLs and dismiss this exposure.');
  });

  it('reads every sentence it writes back into the same sentence', () => {
    for (const reason of everyReason()) {
      const text = englishReason(reason);
      const read = readHitReason(text);
      expect(read, text).not.toBeNull();
      expect(englishReason(read!), text).toBe(text);
    }
  });

  it('says every sentence in Dutch, French and German, whole, and leaves English as stored', () => {
    for (const reason of everyReason()) {
      const text = englishReason(reason);
      expect(localHitReason('en', text)).toBe(text);
      const said = (['nl', 'fr', 'de'] as const).map((lang) => localHitReason(lang, text));
      for (const sentence of said) {
        expect(sentence, text).not.toBe(text);
        expect(sentence, text).not.toMatch(/undefined|\$\{|\bthis page\b|\byour\b/);
        expect(sentence, text).toMatch(/[.]$/);
      }
      // What the reader must act on keeps its free parts: the site, the host, the count.
      if (reason.kind === 'frame') for (const sentence of said) expect(sentence).toContain(reason.host);
      if (reason.kind === 'impersonation' || reason.kind === 'impersonationUnverified') for (const sentence of said) expect(sentence).toContain(reason.site);
      if (reason.kind === 'unusableImages') for (const sentence of said) expect(sentence.startsWith(String(reason.count))).toBe(true);
    }
    expect(localHitReason('nl', 'Your home address appears together with your name.')).toBe('Je thuisadres wordt samen met je naam vermeld.');
    expect(localHitReason('de', 'This page describes intimate or leaked images and mentions your name.')).toBe('Diese Seite beschreibt intime oder geleakte Bilder und erwähnt deinen Namen.');
    expect(localHitReason('fr', 'Your phone number appears in this search result.')).toBe('Votre numéro de téléphone apparaît dans ce résultat de recherche.');
  });

  it('shows a sentence it does not know as it was stored, in any language', () => {
    for (const text of ['A wording from another version.', 'Shown in a frame from  that this page embeds: . That site', '']) {
      for (const lang of ['en', 'nl', 'fr', 'de'] as const) expect(localHitReason(lang, text)).toBe(text);
    }
  });
});
