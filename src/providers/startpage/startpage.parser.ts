import { screenResponse, unparseable, visitedUrls } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, query } from '../shared/dom-query.parser.ts';
import { parseHtml } from '../shared/html.parser.ts';
import { extractJsonObject, fragmentToText, isRecord, pathGet, ResultCollector, stringField } from '../shared/serp.models.ts';

// Startpage renders its results from a JSON object passed to
// `React.createElement(UIStartpage.AppSerpWeb, {...})`: `render.presenter.regions.mainline[]` holds blocks,
// and the blocks with `display_type: "web-google"` hold `results[]` with `clickUrl`, `title` and
// `description` (HTML fragments with <b> highlights). Ads are blocks of another display type.
// A CAPTCHA is a redirect to /sp/captcha.

export const STARTPAGE_PAYLOAD_MARKER = 'React.createElement(UIStartpage.AppSerpWeb,';

export function detectStartpageSignal(response: RawResponse): BlockSignal | null {
  return visitedUrls(response).some((url) => url.pathname.includes('/sp/captcha')) ? 'startpage_captcha' : null;
}

/** The `sc` token of the home page search form, which Startpage wants with every search. */
export function parseStartpageScToken(html: string): string | null {
  return attr(query(parseHtml(html), 'form#search input[name=sc]'), 'value') || null;
}

export function parseStartpage(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectStartpageSignal);
  if (screened) return screened;
  const at = response.body.indexOf(STARTPAGE_PAYLOAD_MARKER);
  if (at === -1) return unparseable('no result payload');
  let start = at + STARTPAGE_PAYLOAD_MARKER.length;
  while (/\s/.test(response.body[start] ?? '')) start++;
  const payload = extractJsonObject(response.body, start);
  const mainline = pathGet(payload, 'render.presenter.regions.mainline');
  if (!Array.isArray(mainline)) return unparseable('result payload without mainline');
  const collector = new ResultCollector(response.finalUrl);
  let noResults = false;
  for (const block of mainline) {
    if (!isRecord(block)) continue;
    const type = stringField(block, 'display_type');
    if (type === 'no-results') noResults = true;
    if (type !== 'web-google' || !Array.isArray(block.results)) continue;
    for (const item of block.results) {
      if (!isRecord(item)) continue;
      collector.add(stringField(item, 'clickUrl'), fragmentToText(stringField(item, 'title')), fragmentToText(stringField(item, 'description')));
    }
  }
  return collector.finish(noResults);
}
