/**
 * Search engines' titles and snippets, matched with the page matcher. They matter when the page itself
 * cannot be read (it refuses the scanner) or no longer shows what the engine saw: the result list is then
 * the only sign of the exposure, and the person is told so plainly rather than told "nothing found".
 */
import type { NormalisedProfile } from '../profiles/profile-file.models.ts';
import { matchText, type TextMatch } from '../matching/text-match.models.ts';
import { classifyPage, type Classification } from '../matching/classify.models.ts';
import type { UncheckedReason } from '../scans/page-check.models.ts';

export interface EngineSnippet {
  engine: string;
  /** The search (one query on one engine) that returned it. */
  searchOutcomeId: number | null;
  title: string;
  snippet: string;
  seenAt: Date;
}

export interface SnippetMatch {
  textMatches: TextMatch[];
  classification: Classification;
  /** The results whose own text matched: kept with the hit as evidence. */
  evidence: EngineSnippet[];
}

// Between two results: not a word gap the matcher would bridge, so a name cannot be assembled from the end
// of one snippet and the start of the next.
const SEPARATOR = '\n|\n';

const textOf = (s: EngineSnippet) => [s.title, s.snippet].filter(Boolean).join(SEPARATOR);

function asResultSentence(reason: string): string {
  return reason.replace(/\bon this page\b/g, 'in this search result').replace(/\bThis page\b/g, 'This search result').replace(/\bthis page\b/g, 'this search result');
}

/** Why only the search result speaks for this page, in the words the person reads first. */
export function snippetReason(why: UncheckedReason | 'not_on_page'): string {
  const cause: Record<UncheckedReason | 'not_on_page', string> = {
    not_on_page: 'the page itself no longer shows it (it may have been edited or removed)',
    http_401: 'the page itself asks for a login (HTTP 401)',
    http_403: 'the page itself refused access (HTTP 403)',
    http_429: 'the site refused too many requests (HTTP 429)',
    http_451: 'the page itself is blocked for legal reasons (HTTP 451)',
    http_5xx: 'the site answered with a server error',
    login_wall: 'the page itself is behind a login',
    challenge: 'the site showed a bot check instead of the page',
    paywall: 'the page itself is behind a paywall',
    timeout: 'the page did not load in time',
    refused: 'the page leads to an address the scanner does not visit',
    too_large: 'the page is too large to check',
    error: 'the page could not be loaded',
  };
  return `Seen in search results: a search engine shows these details for this page, but ${cause[why]}. The page will be checked again.`;
}

/**
 * Matches every result an engine returned for one page. Null when none shows anything of the profile;
 * otherwise the matches, their classification (as if the results were the page) and the matching results.
 */
export function matchSnippets(snippets: readonly EngineSnippet[], profile: NormalisedProfile, url: string, why: UncheckedReason | 'not_on_page'): SnippetMatch | null {
  const evidence = snippets.filter((s) => matchText(textOf(s), profile).length > 0);
  if (evidence.length === 0) return null;
  // Matched and classified together, so that an alias in one result and a phone number in another still
  // read as "the alias with the phone number" for this page.
  const combined = evidence.map(textOf).join(SEPARATOR);
  const textMatches = matchText(combined, profile);
  const classification = classifyPage({ textMatches, photoMatches: [], pageText: combined, url });
  // The category sentences speak of "this page"; here it is the result list that shows the details.
  classification.reasons = [snippetReason(why), ...classification.reasons.map(asResultSentence)];
  return { textMatches, classification, evidence };
}
