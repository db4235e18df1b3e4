import { screenResponse, unparseable } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, closest, hasClass, nextElementSibling, parseHtml, selectAll, selectOne, tagName, textOf, type HtmlElement, type HtmlPage } from '../../shared/html-dom.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// DuckDuckGo's HTML endpoint (html.duckduckgo.com/html/), as read by SearXNG: results are
// `div#links > div.web-result`, title and link `h2 a`, snippet `a.result__snippet`. Ads carry `result--ad`
// and no `web-result`. Links go through `//duckduckgo.com/l/?uddg=<target>` (pages served in 2025 link the
// target directly; both are read).

export function detectDuckDuckGoSignal(response: RawResponse): BlockSignal | null {
  // The anomaly page ("bots use DuckDuckGo too") is served with 200 or 202 and a challenge form.
  if (response.body.includes('challenge-form') && selectOne(parseHtml(response.body), 'form#challenge-form') !== null) return 'ddg_challenge_form';
  if (response.body.includes('anomaly-modal__') && response.body.includes('anomaly.js')) return 'ddg_challenge_form';
  return null;
}

/** The hidden fields of the "Next" form: DuckDuckGo needs them (with `vqd`) to serve page 2 and later. */
function nextPageCursor(doc: HtmlPage): Record<string, string> | undefined {
  for (const form of selectAll(doc, 'div.nav-link form')) {
    const submit = selectOne(form, 'input[type=submit]');
    if (!submit || !/next/i.test(attr(submit, 'value') ?? '')) continue;
    const fields: Record<string, string> = {};
    for (const input of selectAll(form, 'input[type=hidden]')) {
      const name = attr(input, 'name');
      if (name) fields[name] = attr(input, 'value') ?? '';
    }
    if (fields.vqd) return fields;
  }
  return undefined;
}

/** The row after `row` among its siblings, skipping text. */
function nextRow(row: HtmlElement): HtmlElement | null {
  for (let next = nextElementSibling(row); next; next = nextElementSibling(next)) if (tagName(next) === 'tr') return next;
  return null;
}

/**
 * The lite endpoint (lite.duckduckgo.com/lite/), if the engine is pointed there: a table whose result rows hold
 * `a.result-link`, followed by rows with `td.result-snippet`; ads are rows of class `result-sponsored`.
 */
function parseLite(doc: HtmlPage, base: string): ParsedSearch {
  const collector = new ResultCollector(base, doc);
  for (const a of selectAll(doc, 'a.result-link')) {
    const row = closest(a, 'tr');
    if (row && (hasClass(row, 'result-sponsored') || closest(row, '.result-sponsored'))) continue;
    let snippet = '';
    for (let next = row ? nextRow(row) : null; next && !selectOne(next, 'a.result-link'); next = nextRow(next)) {
      const cell = selectOne(next, 'td.result-snippet');
      if (cell) {
        snippet = textOf(cell);
        break;
      }
    }
    collector.add(attr(a, 'href'), textOf(a), snippet);
  }
  return collector.finish(false);
}

export function parseDuckDuckGo(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectDuckDuckGoSignal);
  if (screened) return screened;
  const doc = parseHtml(response.body);
  const links = selectOne(doc, 'div#links');
  if (!links) return selectOne(doc, 'a.result-link') ? parseLite(doc, response.finalUrl) : unparseable('no result list');
  const collector = new ResultCollector(response.finalUrl, doc);
  // `result--no-result` is the empty item DuckDuckGo renders with "No more results." (or an empty notice
  // after its "EOF" sentinel) when a query or page has nothing left.
  for (const item of selectAll(links, 'div.web-result:not(.result--ad):not(.result--no-result)')) {
    const a = selectOne(item, 'h2 a');
    collector.add(attr(a, 'href'), textOf(a), textOf(selectOne(item, '.result__snippet')));
  }
  const parsed = collector.finish(selectOne(links, '.no-results') !== null);
  const cursor = parsed.outcome === 'ok' ? nextPageCursor(doc) : undefined;
  return cursor ? { ...parsed, cursor } : parsed;
}
