import { screenResponse, unparseable } from '../block-signals.ts';
import { detectGoogleSignal } from '../google/google.parser.ts';
import type { ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, query, queryAll, textOf } from '../shared/dom-query.parser.ts';
import { parseHtml } from '../shared/html.parser.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Google Lens results as rendered in Chromium (selectors from PicImageSearch's google_lens model; Google's
// class names are obfuscated and change often):
// - exact matches (`udm=48`): items `.YxbOwd`, link `a.ngTNl`, title `.ZhosBf`, site `.xuPcX`, size `.oYQBg`;
// - all results / visual matches: items `.vEWxFf.RCxtQc.my5z3d`, link `a.LBcIee`, title `.Yt787`.
// The "Exact matches" tab link (`a[href*="udm=48"]`) is returned as `cursor.exactMatchesUrl`.

const NO_MATCHES = /No matches for (this|your) (image|search)|No exact matches found|Aucune correspondance/i;

export function parseGoogleLens(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectGoogleSignal);
  if (screened) return screened;
  const doc = parseHtml(response.body);
  const collector = new ResultCollector(response.finalUrl);
  for (const item of queryAll(doc, '.YxbOwd')) {
    const link = query(item, 'a.ngTNl') ?? query(item, 'a[href]');
    const meta = queryAll(item, '.oYQBg span').map((span) => textOf(span));
    const snippet = [textOf(query(item, '.xuPcX')), ...meta].filter(Boolean).join(' \u00b7 ');
    collector.add(attr(link, 'href'), textOf(query(item, '.ZhosBf')), snippet);
  }
  for (const item of queryAll(doc, '.vEWxFf.RCxtQc.my5z3d')) {
    const link = query(item, 'a.LBcIee') ?? query(item, 'a[href]');
    collector.add(attr(link, 'href'), textOf(query(item, '.Yt787')), textOf(query(item, '.R8BTeb')));
  }
  const exact = attr(query(doc, 'a[href*="udm=48"]'), 'href');
  let exactMatchesUrl: string | null = null;
  try {
    exactMatchesUrl = exact ? new URL(exact, response.finalUrl).href : null;
  } catch {
    exactMatchesUrl = null;
  }
  const noMatches = NO_MATCHES.test(textOf(query(doc, 'body') ?? doc));
  if (collector.seen === 0 && !noMatches) return unparseable('no Lens result list');
  const parsed = collector.finish(noMatches);
  return exactMatchesUrl && parsed.outcome === 'ok' ? { ...parsed, cursor: { exactMatchesUrl } } : parsed;
}
