import { screenResponse, unparseable } from '../block-signals.ts';
import type { ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, parseHtml, selectAll, selectOne, textOf } from '../../shared/html-dom.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Brave web results as read by SearXNG: every `div.snippet`, link its first `a`, title `div.title`, text
// the element whose class list holds `content`. An ad's link is a partial (site-relative) URL such as
// `/a/redirect?...`, which is how ads are told apart. Brave rate-limits with HTTP 429.
// Real pages (2026) mark every block with `data-type`: organic results are `data-type="web"`, ads
// `data-type="ad"`; the video cluster, FAQ, infobox, related searches and the sitelinks nested inside a result
// are `div.snippet` too but carry no `data-type="web"`, so when the page uses `data-type` only web blocks count.

const NO_RESULTS_TEXT = /Not many great matches came back for your search|No results found/i;

export function parseBrave(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response);
  if (screened) return screened;
  const doc = parseHtml(response.body);
  const container = selectOne(doc, '#results');
  if (!container) return unparseable('no result list');
  const collector = new ResultCollector(response.finalUrl, doc);
  const typed = selectOne(container, 'div.snippet[data-type]') !== null;
  const items = typed ? selectAll(container, 'div.snippet[data-type=web]') : selectAll(container, 'div.snippet');
  for (const item of items) {
    const a = selectOne(item, 'a[href]');
    const href = attr(a, 'href') ?? '';
    if (attr(item, 'data-type') === 'ad' || !/^https?:\/\//i.test(href)) continue;
    collector.add(href, textOf(selectOne(item, '.title')), textOf(selectOne(item, '.content')));
  }
  const noResults = selectOne(doc, '#no-results, .no-results') !== null || NO_RESULTS_TEXT.test(textOf(container));
  return collector.finish(noResults);
}
