import { screenResponse, unparseable } from '../block-signals.ts';
import type { ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, query, queryAll, textOf } from '../shared/dom-query.parser.ts';
import { parseHtml } from '../shared/html.parser.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Mojeek as read by SearXNG: `ul.results-standard > li`, link `a.ob`, title `h2 a`, snippet `p.s`.
// Mojeek blocks whole IP ranges with HTTP 403.

export function parseMojeek(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response);
  if (screened) return screened;
  const doc = parseHtml(response.body);
  const list = query(doc, 'ul.results-standard');
  const collector = new ResultCollector(response.finalUrl);
  for (const item of list ? queryAll(list, 'li') : []) {
    const link = query(item, 'a.ob') ?? query(item, 'h2 a');
    collector.add(attr(link, 'href'), textOf(query(item, 'h2 a')), textOf(query(item, 'p.s')));
  }
  const results = query(doc, 'div.results');
  const noResults = results !== null && /No pages found matching/i.test(textOf(results));
  if (!list && !noResults) return unparseable('no result list');
  return collector.finish(noResults);
}
