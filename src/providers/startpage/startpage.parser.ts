import { screenResponse, unparseable, visitedUrls } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, closest, fragmentText, parseHtml, selectAll, selectOne, textOf, type HtmlElement } from '../../shared/html-dom.ts';
import { extractJsonObject, isRecord, pathGet, ResultCollector, stringField } from '../shared/serp.models.ts';

// Startpage renders its results twice: as server-side HTML and as the object passed to
// `React.createElement(UIStartpage.AppSerpWeb, {...})`.
// - The object, when it is JSON: `render.presenter.regions.mainline[]` holds blocks, and the blocks with
//   `display_type: "web-google"` hold `results[]` with `clickUrl`, `title` and `description` (HTML fragments).
//   Ads are blocks of another display type (`ads-google-top`, `ads-google-bottom`).
// - The HTML (2026 pages): every organic result is a `div.result` holding `a.result-title.result-link` (the
//   target, with the title in `h2`) and `p.description`; older pages used `div.w-gl__result` with
//   `a.w-gl__result-title` and `p.w-gl__description`. Ads are Google's ad frames, filled in by script, never
//   `div.result`. Class names beyond these carry emotion hashes (`css-o7i03b`) and are not relied on.
// The object is not always JSON (unquoted keys, single quotes), so the HTML is read whenever the object cannot
// be. A CAPTCHA is a redirect to /sp/captcha.

export const STARTPAGE_PAYLOAD_MARKER = 'React.createElement(UIStartpage.AppSerpWeb,';

const NO_RESULTS = /did not match any (?:search )?results|no results found|keine Ergebnisse|aucun résultat|geen resultaten/i;

export function detectStartpageSignal(response: RawResponse): BlockSignal | null {
  return visitedUrls(response).some((url) => url.pathname.includes('/sp/captcha')) ? 'startpage_captcha' : null;
}

/**
 * The `sc` token Startpage wants with every search: the home page's search form (`form#search`), or, on a
 * result page, the hidden field of any form that posts to /sp/search.
 */
export function parseStartpageScToken(html: string): string | null {
  const doc = parseHtml(html);
  const input =
    selectOne(doc, 'form#search input[name=sc]') ?? selectOne(doc, 'form[action*="/sp/search"] input[name=sc]') ?? selectOne(doc, 'input[type=hidden][name=sc]');
  return attr(input, 'value') || null;
}

/** Results from the JSON payload, or null when there is no JSON payload to read. */
function fromPayload(response: RawResponse): ParsedSearch | null {
  const at = response.body.indexOf(STARTPAGE_PAYLOAD_MARKER);
  if (at === -1) return null;
  let start = at + STARTPAGE_PAYLOAD_MARKER.length;
  while (/\s/.test(response.body[start] ?? '')) start++;
  const mainline = pathGet(extractJsonObject(response.body, start), 'render.presenter.regions.mainline');
  if (!Array.isArray(mainline)) return null;
  const collector = new ResultCollector(response.finalUrl);
  let noResults = false;
  for (const block of mainline) {
    if (!isRecord(block)) continue;
    const type = stringField(block, 'display_type');
    if (type === 'no-results') noResults = true;
    if (type !== 'web-google' || !Array.isArray(block.results)) continue;
    for (const item of block.results) {
      if (!isRecord(item)) continue;
      collector.add(stringField(item, 'clickUrl'), fragmentText(stringField(item, 'title')), fragmentText(stringField(item, 'description')));
    }
  }
  return collector.finish(noResults);
}

function readHtmlResult(item: HtmlElement, collector: ResultCollector): void {
  const link = selectOne(item, 'a.result-title') ?? selectOne(item, 'a.result-link') ?? selectOne(item, 'a.w-gl__result-title');
  const title = selectOne(link ?? item, 'h2, h3') ?? link;
  collector.add(attr(link, 'href'), textOf(title), textOf(selectOne(item, 'p.description, p.w-gl__description, .description')));
}

function fromHtml(response: RawResponse): ParsedSearch {
  const doc = parseHtml(response.body);
  const collector = new ResultCollector(response.finalUrl, doc);
  const items = selectAll(doc, 'div.result, div.w-gl__result').filter((el) => selectOne(el, 'a.result-title, a.result-link, a.w-gl__result-title'));
  // A result nested in another (a result with sub-results) is read once, through its outermost container.
  for (const item of items) if (!closest(item.parent, 'div.result, div.w-gl__result')) readHtmlResult(item, collector);
  const main = selectOne(doc, '#main') ?? selectOne(doc, 'main') ?? doc;
  const noResults = selectOne(doc, '.no-results, [data-testid=no-results]') !== null || (items.length === 0 && NO_RESULTS.test(textOf(main)));
  if (items.length === 0 && !noResults) return unparseable('neither a result payload nor result markup');
  return collector.finish(noResults);
}

export function parseStartpage(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectStartpageSignal);
  if (screened) return screened;
  const payload = fromPayload(response);
  if (payload && payload.outcome === 'ok') return payload;
  return fromHtml(response);
}
