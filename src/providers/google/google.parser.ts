import { refusal, screenResponse, unparseable, visitedUrls } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, closest, query, queryAll, textOf } from '../shared/dom-query.parser.ts';
import { parseHtml, type HtmlElement } from '../shared/html.parser.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Google's result page as rendered in Chromium. Organic results sit in `#search` (`#rso`): each is a link
// holding an `h3` (class names such as `.g`, `.yuRUbf`, `.VwiC3b` are obfuscated and change, so the
// structure "a > h3" is what is relied on). Ads live outside `#search` (`#tads`, `#bottomads`); "People
// also ask" answers contain a > h3 too and are skipped. Links may be wrapped in `/url?q=`.

const SKIPPED_BLOCKS = '.related-question-pair, [jsname=N760b], #tads, #tadsb, #bottomads, .uEierd, g-accordion-expander';
const SNIPPET = '[data-sncf] .VwiC3b, .VwiC3b, [data-sncf], [style*=-webkit-line-clamp], .IsZvec, .st';
const NO_RESULTS = /did not match any documents|No results found for|Aucun document ne correspond|ergab keine Treffer|leverde geen documenten op/i;

/** SearXNG's `detect_google_sorry`, plus the "Verifying your request" interstitial seen on Lens. */
export function detectGoogleSignal(response: RawResponse): BlockSignal | null {
  for (const url of visitedUrls(response)) {
    if (url.hostname === 'sorry.google.com' || url.pathname.startsWith('/sorry') || url.pathname.includes('/sorry/')) return 'google_sorry';
  }
  if (response.body.length < 2000 && response.body.includes('/sorry/')) return 'google_sorry';
  if (/unusual traffic from your computer network/i.test(response.body) && response.body.includes('recaptcha')) return 'google_sorry';
  if (response.body.length < 20_000 && /<title>\s*Verifying your request/i.test(response.body)) return 'google_sorry';
  return null;
}

function snippetFor(link: HtmlElement, block: HtmlElement | null): string {
  if (!block) return '';
  const candidate = query(block, SNIPPET);
  if (candidate && !closest(candidate, 'a')) return textOf(candidate);
  // No known snippet container: the block's text minus the link.
  return textOf(block, { skip: (el) => el === link });
}

export function parseGoogle(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectGoogleSignal);
  if (screened) return screened;
  if (visitedUrls(response).some((url) => url.hostname.startsWith('consent.'))) return unparseable('consent page');
  const doc = parseHtml(response.body);
  const search = query(doc, '#search') ?? query(doc, '#rso');
  const collector = new ResultCollector(response.finalUrl);
  for (const heading of search ? queryAll(search, 'a h3') : []) {
    const link = closest(heading, 'a');
    if (!link || closest(link, SKIPPED_BLOCKS)) continue;
    const block = closest(link, 'div.g') ?? closest(link, '.MjjYud') ?? link.parent;
    collector.add(attr(link, 'href'), textOf(heading), snippetFor(link, block));
  }
  const noResults = NO_RESULTS.test(textOf(query(doc, '#topstuff') ?? query(doc, '#res') ?? doc));
  if (!search && !noResults) {
    if (/enablejs|Please click here if you are not redirected|turn on JavaScript/i.test(response.body)) return refusal('unparseable', 'JavaScript required');
    return unparseable('no result list');
  }
  return collector.finish(noResults);
}
