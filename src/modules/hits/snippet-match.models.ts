/**
 * Search engines' titles and snippets, matched with the page matcher. They matter when the page itself
 * cannot be read (it refuses the scanner) or no longer shows what the engine saw: the result list is then
 * the only sign of the exposure, and the person is told so plainly rather than told "nothing found".
 */
import type { NormalisedProfile } from '../profiles/profile-file.models.ts';
import { matchText, type TextMatch } from '../matching/text-match.models.ts';
import { classifyPage, type Classification } from '../matching/classify.models.ts';
import { englishReason, type SeenInResultsCause } from '../matching/hit-reasons.models.ts';

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

/** Why only the search result speaks for this page, in the words the person reads first. */
export function snippetReason(why: SeenInResultsCause): string {
  return englishReason({ kind: 'seenInResults', cause: why });
}

/**
 * Matches every result an engine returned for one page. Null when none shows anything of the profile;
 * otherwise the matches, their classification (as if the results were the page) and the matching results.
 */
export function matchSnippets(snippets: readonly EngineSnippet[], profile: NormalisedProfile, url: string, why: SeenInResultsCause): SnippetMatch | null {
  const evidence = snippets.filter((s) => matchText(textOf(s), profile).length > 0);
  if (evidence.length === 0) return null;
  // Matched and classified together, so that an alias in one result and a phone number in another still
  // read as "the alias with the phone number" for this page.
  const combined = evidence.map(textOf).join(SEPARATOR);
  const textMatches = matchText(combined, profile);
  // The category sentences speak of the search result here: it is the result list that shows the details.
  const classification = classifyPage({ textMatches, photoMatches: [], pageText: combined, url, where: 'result' });
  classification.reasons = [snippetReason(why), ...classification.reasons];
  return { textMatches, classification, evidence };
}
