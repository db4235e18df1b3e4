import { parseHtml, selectAll, selectOne, textOf, type HtmlPage } from '../shared/html-dom.ts';
import type { EngineId, ParsedSearch, RawResponse } from './provider.types.ts';

// Asking for a page after the last one costs a request that looks like a bot's and answers nothing. The
// engines' own "next page" controls tell whether there is one; where an engine has no such control that
// can be recognised, the answer is "unknown" and only an empty page stops the paging.
//
// The controls are elements of the page, so they are looked for in the parsed page: the same words in a
// comment, in a script's string or in another element's attribute (a result's title or address) are not a
// pager. The words are only a cheap first test, so a page that holds none of them is not parsed at all.

interface PagerControls {
  /** Text one of the controls always contains in the raw HTML. */
  hints: string[];
  /** The "next page" control. */
  next: (page: HtmlPage) => boolean;
  /** The pager itself: when it is there without a next control, this was the last page. */
  pager: string;
}

const PAGER_CONTROLS: Partial<Record<EngineId, PagerControls>> = {
  // `a#pnnext` on the rendered page; the basic page links "Next >" (with `start=`), labelled "Next page".
  google: {
    hints: ['pnnext', 'Next page', 'Next &gt;', 'navigation', 'foot'],
    next: (page) => selectOne(page, '#pnnext, [aria-label="Next page"]') !== null || selectAll(page, 'a[href*="start="]').some((a) => textOf(a) === 'Next >'),
    pager: '[role="navigation"], #foot',
  },
  bing: { hints: ['b_pag', 'sb_pagN'], next: (page) => selectOne(page, '.sb_pagN, .sb_pagN_bp') !== null, pager: '.b_pag' },
  yandex: { hints: ['b-pager'], next: (page) => selectOne(page, '.b-pager__next') !== null, pager: '.b-pager' },
};

/** true / false when the page says so, undefined when it cannot be told. */
export function hasNextPage(engine: EngineId, response: RawResponse, parsed: ParsedSearch): boolean | undefined {
  if (parsed.hasNextPage !== undefined) return parsed.hasNextPage;
  if (parsed.outcome !== 'ok') return false;
  if (parsed.results.length === 0) return false;
  // DuckDuckGo's next page can only be asked with the form its result page carries.
  if (engine === 'duckduckgo') return parsed.cursor !== undefined;
  const controls = PAGER_CONTROLS[engine];
  if (!controls || !controls.hints.some((hint) => response.body.includes(hint))) return undefined;
  const page = parseHtml(response.body);
  if (controls.next(page)) return true;
  return selectOne(page, controls.pager) !== null ? false : undefined;
}

export interface PageOutcome {
  page: number;
  outcome: ParsedSearch['outcome'];
  signal?: ParsedSearch['signal'];
  resultCount: number;
}

/**
 * The outcome of one query over several pages: the first page decides (its results are valid whatever
 * happens later); a later page that was refused is kept in `pages` so it is recorded, never dropped.
 */
export function combinePages(pages: { page: number; parsed: ParsedSearch }[]): ParsedSearch & { pages: PageOutcome[] } {
  const first = pages[0]?.parsed ?? { outcome: 'error' as const, results: [], detail: 'no page was asked for' };
  const seen = new Set<string>();
  const results = [];
  for (const { parsed } of pages) {
    if (parsed.outcome !== 'ok') continue;
    for (const result of parsed.results) {
      if (seen.has(result.url)) continue;
      seen.add(result.url);
      results.push(result);
    }
  }
  const outcomes = pages.map(({ page, parsed }): PageOutcome => ({
    page, outcome: parsed.outcome, resultCount: parsed.outcome === 'ok' ? parsed.results.length : 0, ...(parsed.signal ? { signal: parsed.signal } : {}),
  }));
  const { cursor: _cursor, hasNextPage: _next, ...rest } = first;
  return { ...rest, results, pages: outcomes };
}
