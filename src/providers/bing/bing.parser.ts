import { screenResponse, unparseable, visitedUrls } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, hasClass, parseHtml, selectAll, selectOne, textOf } from '../../shared/html-dom.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Bing web results as read by SearXNG: `ol#b_results > li.b_algo`, title and link `h2 a`, snippet the
// caption paragraph without its `span.algoSlug_icon` label. Links are `/ck/a?...&u=a1<base64url>`.
// Ads are `li.b_ad` and never `b_algo`. An empty page has `li.b_no` ("There are no results for ...").

export function detectBingSignal(response: RawResponse): BlockSignal | null {
  // Bing's bot check lives under /turing/captcha/ (a redirect target, or an iframe in the page).
  if (visitedUrls(response).some((url) => url.pathname.includes('/turing/captcha'))) return 'bing_captcha';
  if (response.body.includes('id="b_results"')) return null;
  if (/\/turing\/captcha\/challenge|id="b_captcha"/.test(response.body)) return 'bing_captcha';
  // Since 2026 the check is a Cloudflare Turnstile widget inside Bing's own page ("One last step"), served
  // with HTTP 200 and verified through /challenge/verify.
  if (/id="turnstile-widget"|class="captcha_header"/.test(response.body) && /challenges\.cloudflare\.com\/turnstile|\/challenge\/verify\?/.test(response.body)) return 'bing_captcha';
  return null;
}

export function parseBing(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectBingSignal);
  if (screened) return screened;
  const doc = parseHtml(response.body);
  const list = selectOne(doc, 'ol#b_results');
  if (!list) return unparseable('no result list');
  const collector = new ResultCollector(response.finalUrl, doc);
  for (const item of selectAll(list, 'li.b_algo')) {
    const a = selectOne(item, 'h2 a');
    const caption = selectOne(item, '.b_caption p') ?? selectOne(item, 'p');
    collector.add(attr(a, 'href'), textOf(a), textOf(caption, { skip: (el) => hasClass(el, 'algoSlug_icon') }));
  }
  return collector.finish(selectOne(list, 'li.b_no') !== null);
}
