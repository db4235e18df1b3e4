import type { EngineId, ParsedSearch, RawResponse } from './provider.types.ts';

// Asking for a page after the last one costs a request that looks like a bot's and answers nothing. The
// engines' own "next page" controls tell whether there is one; where an engine has no such control that
// can be recognised, the answer is "unknown" and only an empty page stops the paging.

const NEXT_MARKERS: Partial<Record<EngineId, { next: RegExp; pager: RegExp }>> = {
  // `a#pnnext` on the rendered page; the basic page links "Next" with `start=`.
  google: { next: /id="pnnext"|aria-label="Next page"|>Next &gt;</, pager: /role="navigation"|id="foot"/ },
  bing: { next: /class="sb_pagN/, pager: /class="b_pag/ },
  yandex: { next: /b-pager__next/, pager: /class="b-pager"/ },
};

/** true / false when the page says so, undefined when it cannot be told. */
export function hasNextPage(engine: EngineId, response: RawResponse, parsed: ParsedSearch): boolean | undefined {
  if (parsed.hasNextPage !== undefined) return parsed.hasNextPage;
  if (parsed.outcome !== 'ok') return false;
  if (parsed.results.length === 0) return false;
  // DuckDuckGo's next page can only be asked with the form its result page carries.
  if (engine === 'duckduckgo') return parsed.cursor !== undefined;
  const markers = NEXT_MARKERS[engine];
  if (!markers) return undefined;
  if (markers.next.test(response.body)) return true;
  return markers.pager.test(response.body) ? false : undefined;
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
