import { refusal, screenResponse, unparseable, visitedUrls } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, closest, parentElement, parseHtml, selectAll, selectOne, textOf, type HtmlElement, type HtmlPage } from '../../shared/html-dom.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Google's result page as rendered in Chromium. Organic results sit in `#search` (`#rso`): each is a link
// holding an `h3` (class names such as `.g`, `.yuRUbf`, `.VwiC3b` are obfuscated and change, so the
// structure "a > h3" is what is relied on). Ads live outside `#search` (`#tads`, `#bottomads`); "People
// also ask" answers contain a > h3 too and are skipped. Links may be wrapped in `/url?q=`.
// The same structure holds on the pages Google serves without JavaScript or to phones, with two differences
// the parser allows for: the heading may be a `div[role=heading][aria-level="3"]` instead of an `h3` (mobile),
// and the basic page (`gbv=1`, no JavaScript) has no `#search`: its results are `div.Gx5Zad`/`div.ZINbbc`
// blocks in `#main`, the link `a[href^="/url?q="]` holds the title in `div.BNeawe.vvjwJb` (inside an `h3` on
// newer pages) and the snippet is `div.BNeawe.s3v9rd`. Its ads are links to `/aclk` and related searches link
// to `/search`; the collector drops both as engine-internal.

const SKIPPED_BLOCKS = '.related-question-pair, [jsname=N760b], #tads, #tadsb, #bottomads, .uEierd, g-accordion-expander';
const SNIPPET = '[data-sncf] .VwiC3b, .VwiC3b, [data-sncf], [style*=-webkit-line-clamp], .IsZvec, .st, .BNeawe.s3v9rd';
const HEADINGS = 'a h3, a [role=heading][aria-level="3"], a .BNeawe.vvjwJb';
const RESULT_BLOCK = 'div.g, .MjjYud, div.Gx5Zad, div.ZINbbc';
const BASIC_BLOCK = 'div.Gx5Zad, div.ZINbbc';
const NO_RESULTS = /did not match any documents|No results found for|Aucun document ne correspond|ergab keine Treffer|leverde geen documenten op/i;

/** SearXNG's `detect_google_sorry`, plus the "Verifying your request" interstitial seen on Lens. */
export function detectGoogleSignal(response: RawResponse): BlockSignal | null {
  for (const url of visitedUrls(response)) {
    if (url.hostname === 'sorry.google.com' || url.pathname.startsWith('/sorry') || url.pathname.includes('/sorry/')) return 'google_sorry';
  }
  if (response.body.length < 2000 && response.body.includes('/sorry/')) return 'google_sorry';
  if (/unusual traffic from your computer network/i.test(response.body) && response.body.includes('recaptcha')) return 'google_sorry';
  if (response.body.length < 20_000 && /verifying your request/i.test(response.body) && /^verifying your request/i.test(textOf(selectOne(parseHtml(response.body), 'title')))) return 'google_sorry';
  return null;
}

/** The basic (no-JavaScript) page's result list: `#main` once it holds result blocks. */
function basicResultList(doc: HtmlPage): HtmlElement | null {
  const main = selectOne(doc, '#main');
  return main && selectOne(main, 'div.Gx5Zad, div.ZINbbc, div.kCrYT') ? main : null;
}

/**
 * On the basic page a "People also ask" answer is a result-shaped block (title link, URL, snippet) nested inside
 * the question's own block; organic results are never nested, so nesting is what tells them apart (the
 * answer's wrapper classes are as obfuscated as the rest).
 */
function isNestedBasicBlock(link: HtmlElement): boolean {
  const block = closest(link, BASIC_BLOCK);
  return Boolean(block?.parent && closest(block.parent, BASIC_BLOCK));
}

function snippetFor(link: HtmlElement, block: HtmlElement | null): string {
  if (!block) return '';
  const candidate = selectOne(block, SNIPPET);
  if (candidate && !closest(candidate, 'a')) return textOf(candidate);
  // No known snippet container: the block's text minus the link.
  return textOf(block, { skip: (el) => el === link });
}

export function parseGoogle(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectGoogleSignal);
  if (screened) return screened;
  if (visitedUrls(response).some((url) => url.hostname.startsWith('consent.'))) return unparseable('consent page');
  const doc = parseHtml(response.body);
  const search = selectOne(doc, '#search') ?? selectOne(doc, '#rso') ?? basicResultList(doc);
  const collector = new ResultCollector(response.finalUrl, doc);
  const links = new Set<HtmlElement>();
  for (const heading of search ? selectAll(search, HEADINGS) : []) {
    const link = closest(heading, 'a');
    // A heading inside a heading (`h3 > div.BNeawe`) names the same link once.
    if (!link || links.has(link) || closest(link, SKIPPED_BLOCKS) || isNestedBasicBlock(link)) continue;
    links.add(link);
    const block = closest(link, RESULT_BLOCK) ?? parentElement(link);
    collector.add(attr(link, 'href'), textOf(heading), snippetFor(link, block));
  }
  const noResults = NO_RESULTS.test(textOf(selectOne(doc, '#topstuff') ?? selectOne(doc, '#res') ?? doc));
  if (!search && !noResults) {
    if (/enablejs|Please click here if you are not redirected|turn on JavaScript/i.test(response.body)) return refusal('unparseable', 'JavaScript required');
    return unparseable('no result list');
  }
  return collector.finish(noResults);
}
