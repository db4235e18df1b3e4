import { screenResponse, unparseable } from '../block-signals.ts';
import type { ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, parseHtml, selectAll, selectOne, textOf } from '../../shared/html-dom.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Mojeek as read by SearXNG: `ul.results-standard > li`, link `a.ob`, title `h2 a`, snippet `p.s`.
// Mojeek blocks whole IP ranges with HTTP 403.

export function parseMojeek(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response);
  if (screened) return screened;
  const doc = parseHtml(response.body);
  const list = selectOne(doc, 'ul.results-standard');
  const collector = new ResultCollector(response.finalUrl, doc);
  for (const item of list ? selectAll(list, 'li') : []) {
    const link = selectOne(item, 'a.ob') ?? selectOne(item, 'h2 a');
    collector.add(attr(link, 'href'), textOf(selectOne(item, 'h2 a')), textOf(selectOne(item, 'p.s')));
  }
  const results = selectOne(doc, 'div.results');
  const noResults = results !== null && /No pages found matching/i.test(textOf(results));
  if (!list && !noResults) return unparseable('no result list');
  return collector.finish(noResults);
}
