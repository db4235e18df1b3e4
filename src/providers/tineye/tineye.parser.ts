import { refusal, screenResponse, unparseable } from '../block-signals.ts';
import type { ParsedSearch, RawResponse } from '../provider.types.ts';
import { cleanText, isRecord, pathGet, ResultCollector, stringField, tryParseJson } from '../shared/serp.models.ts';

// TinEye answers in JSON in both of its forms:
// - web (`tineye.com/api/v1/result_json/`): `{ matches: [...], num_matches, query_hash }`, and HTTP 422 with
//   `suggestions.key` (`Invalid image URL`, `NO_SIGNATURE_ERROR`, `Download Error`) when it cannot search;
// - paid API (`api.tineye.com/rest/search/`): `{ code, messages, results: { matches: [...] }, stats }`.
// Each match is one copy of the image with `backlinks[]{url (the image), backlink (the page), crawl_date}`;
// the pages are the results.

const KNOWN_REFUSALS = ['Invalid image URL', 'NO_SIGNATURE_ERROR', 'Download Error'];

export function parseTinEye(response: RawResponse): ParsedSearch {
  const data = tryParseJson(response.body);
  if (response.status === 422 && isRecord(data)) {
    const key = pathGet(data, 'suggestions.key');
    const reason = typeof key === 'string' && KNOWN_REFUSALS.includes(key) ? key : 'image refused';
    return refusal('http_error', `TinEye could not search this image: ${reason}`);
  }
  const screened = screenResponse(response);
  if (screened) return screened;
  if (!isRecord(data)) return unparseable('not a TinEye JSON answer');
  if (typeof data.code === 'number' && data.code !== 200) return refusal('http_error', `TinEye API code ${data.code}`);
  const matches = Array.isArray(data.matches) ? data.matches : pathGet(data, 'results.matches');
  if (!Array.isArray(matches)) return unparseable('TinEye answer without matches');
  const collector = new ResultCollector(response.finalUrl);
  for (const match of matches) {
    if (!isRecord(match) || !Array.isArray(match.backlinks)) continue;
    const domain = stringField(match, 'domain');
    const size = typeof match.width === 'number' && typeof match.height === 'number' ? ` (${match.width}\u00d7${match.height})` : '';
    for (const backlink of match.backlinks) {
      if (!isRecord(backlink)) continue;
      const imageUrl = stringField(backlink, 'url');
      const crawled = stringField(backlink, 'crawl_date');
      const title = stringField(backlink, 'image_name') || domain;
      const snippet = [`Image ${cleanText(imageUrl, 300)}${size}`, domain && `on ${domain}`, crawled && `crawled ${crawled}`].filter(Boolean).join(', ');
      collector.add(stringField(backlink, 'backlink'), title, snippet);
    }
  }
  return collector.finish(matches.length === 0);
}
