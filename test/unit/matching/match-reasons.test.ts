import { describe, expect, it } from 'vitest';
import { englishMatchReason, readMatchReason, subjectOf, surenessOf, type MatchReason, type TextKind } from '../../../src/modules/matching/match-reasons.models.ts';
import { localMatchReason } from '../../../src/modules/matching/match-reason-words.models.ts';
import { matchText } from '../../../src/modules/matching/text-match.models.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { photoReason } from '../../../src/modules/scans/scan-pipeline.usecases.ts';
import { matchReason } from '../../../src/modules/impersonation/impersonation.models.ts';

/** Matches as the matcher and the photo and impersonation checks write them: kind, value, stored reason. */
function storedMatches(): { kind: string; value: string; reason: string }[] {
  const parsed = parseProfile({
    names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'], phones: ['+32 470 12 34 56'], emails: ['lola.velvet@example.org'], addresses: [], handles: ['lolavelvet'], photos: [], ownUrls: [],
  }, { defaultCountry: 'BE' });
  if (!parsed.ok) throw new Error('profile');
  // Each identifier written plainly, differently, in disguise, in a link and with Cyrillic look-alike letters.
  const pageText = 'Marie-Claire Dubois aka LOLA VELVET (Lоla Velvet), 0470/12.34.56, lola.velvet [at] example [dot] org, https://fans.example/lolavelvet';
  const text = matchText(pageText, parsed.profile).map((m) => ({ kind: m.kind, value: m.value, reason: m.reason }));
  const photo = { kind: 'photo' as const, imageUrl: 'https://x.example/1.jpg', photo: 'holiday "2024".jpg', photoId: 'p1', quality: 90 };
  return [
    ...text,
    { kind: 'photo', value: photo.photo, reason: photoReason({ ...photo, distance: 4 }) },
    { kind: 'photo', value: photo.photo, reason: photoReason({ ...photo, distance: 15, region: { source: 'page', left: 10, top: 1200, width: 300, height: 400, imageWidth: 1280, imageHeight: 4000 } }) },
    { kind: 'photo', value: photo.photo, reason: photoReason({ ...photo, distance: 28, region: { source: 'image', left: 0, top: 5, width: 200, height: 260, imageWidth: 800, imageHeight: 600 } }) },
    { kind: 'impersonation', value: 'lola_velvet', reason: matchReason({ name: 'X (Twitter)' }, { handle: 'lola_velvet', source: 'alias', identifier: 'Lola Velvet' }) },
    { kind: 'impersonation', value: 'lolavelvet', reason: matchReason({ name: 'Photogram' }, { handle: 'lolavelvet', source: 'handle', identifier: 'lolavelvet' }) },
  ];
}

describe("a match's reason: stored in English, read back with its kind and value, said in the reader's language", () => {
  it('finds every form the matcher writes on a real page text', () => {
    const kinds = storedMatches().map((m) => readMatchReason(m)?.kind);
    for (const kind of ['appears', 'writtenAs', 'lookAlike', 'disguised', 'inLink', 'photo', 'photoRegion', 'impersonationAlias', 'impersonationHandle'] satisfies MatchReason['kind'][]) expect(kinds).toContain(kind);
    expect(kinds).not.toContain(undefined);
  });

  it('reads every stored reason back into the same sentence', () => {
    for (const match of storedMatches()) {
      const read = readMatchReason(match)!;
      expect(englishMatchReason(read, match.kind === 'photo' || match.kind === 'impersonation' ? '' : subjectOf(match.kind as TextKind, match.value)), match.reason).toBe(match.reason);
    }
    expect(englishMatchReason({ kind: 'appears' }, subjectOf('phone', '+32 470 12 34 56'))).toBe('Phone number +32 470 12 34 56 appears on the page');
    expect(surenessOf(10)).toBe('near_identical');
    expect(surenessOf(11)).toBe('very_likely');
    expect(surenessOf(21)).toBe('likely');
  });

  it('says each in Dutch, French and German, keeping the person\'s values, what the page wrote and the photo\'s label', () => {
    for (const match of storedMatches()) {
      expect(localMatchReason('en', match)).toBe(match.reason);
      const read = readMatchReason(match)!;
      for (const lang of ['nl', 'fr', 'de'] as const) {
        const said = localMatchReason(lang, match);
        expect(said, `${lang}: ${match.reason}`).not.toBe(match.reason);
        expect(said).not.toMatch(/undefined|\$\{| appears | written |your photo/);
        expect(said).toContain(match.value);
        if ('found' in read) expect(said).toContain(read.found);
        if (read.kind === 'inLink') expect(said).toContain(read.target);
        if (read.kind === 'photoRegion') expect(said).toContain(`${read.region.left},${read.region.top}`);
      }
    }
    expect(localMatchReason('nl', { kind: 'alias', value: 'Lola Velvet', reason: 'Alias Lola Velvet appears on the page' })).toBe('Alias Lola Velvet staat op de pagina');
  });

  it('shows a reason it cannot read with this match as stored', () => {
    // Another value than the sentence's own, a sentence of another version, and an empty one.
    for (const match of [{ kind: 'alias', value: 'Someone Else', reason: 'Alias Lola Velvet appears on the page' }, { kind: 'photo', value: 'x', reason: 'Looks like your photo.' }, { kind: 'name', value: 'A', reason: '' }]) {
      for (const lang of ['nl', 'fr', 'de'] as const) expect(localMatchReason(lang, match)).toBe(match.reason);
    }
  });
});
