import { screenResponse, unparseable } from '../block-signals.ts';
import { detectGoogleSignal } from '../google/google.parser.ts';
import type { ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, parseHtml, selectAll, selectOne, textOf } from '../../shared/html-dom.ts';
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
  const collector = new ResultCollector(response.finalUrl, doc);
  for (const item of selectAll(doc, '.YxbOwd')) {
    const link = selectOne(item, 'a.ngTNl') ?? selectOne(item, 'a[href]');
    const meta = selectAll(item, '.oYQBg span').map((span) => textOf(span));
    const snippet = [textOf(selectOne(item, '.xuPcX')), ...meta].filter(Boolean).join(' \u00b7 ');
    collector.add(attr(link, 'href'), textOf(selectOne(item, '.ZhosBf')), snippet);
  }
  for (const item of selectAll(doc, '.vEWxFf.RCxtQc.my5z3d')) {
    const link = selectOne(item, 'a.LBcIee') ?? selectOne(item, 'a[href]');
    collector.add(attr(link, 'href'), textOf(selectOne(item, '.Yt787')), textOf(selectOne(item, '.R8BTeb')));
  }
  const exact = attr(selectOne(doc, 'a[href*="udm=48"]'), 'href');
  let exactMatchesUrl: string | null = null;
  try {
    exactMatchesUrl = exact ? new URL(exact, response.finalUrl).href : null;
  } catch {
    exactMatchesUrl = null;
  }
  const noMatches = NO_MATCHES.test(textOf(selectOne(doc, 'body') ?? doc));
  if (collector.seen === 0 && !noMatches) return unparseable('no Lens result list');
  const parsed = collector.finish(noMatches);
  return exactMatchesUrl && parsed.outcome === 'ok' ? { ...parsed, cursor: { exactMatchesUrl } } : parsed;
}
