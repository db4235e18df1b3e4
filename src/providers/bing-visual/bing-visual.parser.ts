import { refusal, screenResponse, unparseable } from '../block-signals.ts';
import type { ParsedSearch, RawResponse } from '../provider.types.ts';
import { detectBingSignal } from '../bing/bing.parser.ts';
import { attr, parseHtml, selectAll, selectOne, textOf } from '../../shared/html-dom.ts';
import { isRecord, ResultCollector, stringField, tryParseJson } from '../shared/serp.models.ts';

// Bing Visual Search, in two forms:
// - the knowledge JSON (`/images/api/custom/knowledge`, which the browser page calls): `tags[].actions[]`,
//   where the action `PagesIncluding` lists `data.value[]{hostPageUrl, name, contentUrl, hostPageDisplayUrl}`;
// - the rendered detail view, whose "Pages including this image" section is read as
//   `[data-tag=PagesIncluding] li` with a link, `.pgincTitle` and `.pgincDisplayUrl`/`.pgincMeta`.
//   (Bing's rendered class names are not documented anywhere; this is the simulated web's markup and should
//   be checked against a live page before relying on it.)

function parseKnowledge(data: Record<string, unknown>, base: string): ParsedSearch {
  if (stringField(data, '_type') === 'ErrorResponse') return refusal('http_error', 'Bing returned an error response');
  if (!Array.isArray(data.tags)) return unparseable('knowledge answer without tags');
  const collector = new ResultCollector(base);
  for (const tag of data.tags) {
    if (!isRecord(tag) || !Array.isArray(tag.actions)) continue;
    for (const action of tag.actions) {
      if (!isRecord(action) || stringField(action, 'actionType') !== 'PagesIncluding') continue;
      const values = isRecord(action.data) && Array.isArray(action.data.value) ? action.data.value : [];
      for (const value of values) {
        if (!isRecord(value)) continue;
        const snippet = [stringField(value, 'hostPageDisplayUrl'), stringField(value, 'contentUrl') && `image ${stringField(value, 'contentUrl')}`]
          .filter(Boolean)
          .join(' \u00b7 ');
        collector.add(stringField(value, 'hostPageUrl'), stringField(value, 'name'), snippet);
      }
    }
  }
  // A knowledge answer is complete even when no action lists pages: Bing knows no page with the image.
  return collector.finish(true);
}

export function parseBingVisual(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectBingSignal);
  if (screened) return screened;
  const trimmed = response.body.trimStart();
  if (trimmed.startsWith('{')) {
    const data = tryParseJson(trimmed);
    return isRecord(data) ? parseKnowledge(data, response.finalUrl) : unparseable('broken knowledge JSON');
  }
  const doc = parseHtml(response.body);
  const section = selectOne(doc, '[data-tag=PagesIncluding]');
  if (!section) return unparseable('no pages-including section');
  const collector = new ResultCollector(response.finalUrl, doc);
  for (const item of selectAll(section, 'li')) {
    const link = selectOne(item, 'a[href]');
    const title = selectOne(item, '.pgincTitle') ?? link;
    const snippet = [textOf(selectOne(item, '.pgincDisplayUrl')), textOf(selectOne(item, '.pgincMeta'))].filter(Boolean).join(' \u00b7 ');
    collector.add(attr(link, 'href'), textOf(title), snippet);
  }
  return collector.finish(selectOne(section, '.pgincEmpty') !== null);
}
