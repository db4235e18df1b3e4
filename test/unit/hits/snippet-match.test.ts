import { describe, expect, it } from 'vitest';
import { matchSnippets, type EngineSnippet } from '../../../src/modules/hits/snippet-match.models.ts';
import { demoIdentifiers, profileOf } from '../../helpers/profiles.ts';

const profile = profileOf(demoIdentifiers);
const seenAt = new Date('2026-09-01T12:00:00Z');
const result = (title: string, snippet: string, engine = 'duckduckgo'): EngineSnippet => ({ engine, searchOutcomeId: 7, title, snippet, seenAt });
const URL_ = 'https://board.example/members/lv';

describe('matching search result titles and snippets', () => {
  it('finds the alias and the phone number in a snippet, as the page matcher would', () => {
    const match = matchSnippets([result('Lola Velvet - members', 'Lola Velvet, Brussels. Call 0470/12.34.56 for bookings …')], profile, URL_, 'http_403');
    expect(match).not.toBeNull();
    expect(match!.textMatches.map((m) => m.kind).sort()).toEqual(['alias', 'phone']);
    expect(match!.classification.categories).toEqual(['phone']);
    expect(match!.classification.linkage).toBe(true);
  });

  it('says first that the details were seen only in search results, and why', () => {
    const match = matchSnippets([result('Lola Velvet', 'Lola Velvet 0470 12 34 56')], profile, URL_, 'http_403')!;
    expect(match.classification.reasons[0]).toMatch(/^Seen in search results: .*refused access \(HTTP 403\)/);
    // The category sentences speak of the search result, not of a page nobody could read.
    for (const reason of match.classification.reasons.slice(1)) expect(reason).not.toMatch(/this page/i);
    expect(match.classification.reasons.slice(1).join(' ')).toContain('This search result connects your alias with your phone number.');
  });

  it('keeps only the results that show something of the profile as evidence', () => {
    const match = matchSnippets([result('Weekend events', 'Concerts in Brussels'), result('Lola Velvet', 'Lola Velvet profile', 'bing')], profile, URL_, 'login_wall')!;
    expect(match.evidence.map((e) => e.engine)).toEqual(['bing']);
  });

  it('reads an alias in one result and a phone number in another as linked on the same page', () => {
    const match = matchSnippets([result('Lola Velvet', 'Lola Velvet profile'), result('Bookings', 'Call +32 470 12 34 56')], profile, URL_, 'challenge')!;
    expect(match.textMatches.map((m) => m.kind).sort()).toEqual(['alias', 'phone']);
    expect(match.evidence).toHaveLength(2);
  });

  it('does not assemble a name from the end of one result and the start of the next', () => {
    expect(matchSnippets([result('Events', 'Meet Marie-Claire'), result('Dubois family', 'Dubois bakery in Lyon')], profile, URL_, 'http_403')).toBeNull();
  });

  it('finds nothing in look-alikes: another surname, a number one digit off', () => {
    expect(matchSnippets([result('Marie Dupont', 'Marie Dupont, +32 470 12 34 57')], profile, URL_, 'not_on_page')).toBeNull();
  });
});
