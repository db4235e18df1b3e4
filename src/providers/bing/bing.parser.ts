import { screenResponse, unparseable, visitedUrls } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, hasClass, parseHtml, rawTextOf, selectAll, selectOne, textOf, type HtmlPage } from '../../shared/html-dom.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Bing web results as read by SearXNG: `ol#b_results > li.b_algo`, title and link `h2 a`, snippet the
// caption paragraph without its `span.algoSlug_icon` label. Links are `/ck/a?...&u=a1<base64url>`.
// Ads are `li.b_ad` and never `b_algo`. An empty page has `li.b_no` ("There are no results for ...").

/** Text the bot check's markup always holds: a page with none of it is not parsed for the check. */
const CHECK_HINTS = ['b_captcha', '/turing/captcha/challenge', 'turnstile-widget', 'captcha_header'];

/**
 * Whether Bing answered with its bot check instead of results. The check's markers are elements of the page
 * (its container, the frame it loads, the Turnstile widget and script), looked for in the parsed page: the
 * same words in a comment, a script's string or another element's attribute (a result's title or link) do
 * not make a check. `page` hands over a parse the caller will use anyway.
 */
export function detectBingSignal(response: RawResponse, page: () => HtmlPage = () => parseHtml(response.body)): BlockSignal | null {
  // Bing's bot check lives under /turing/captcha/ (a redirect target, or a frame in the page).
  if (visitedUrls(response).some((url) => url.pathname.includes('/turing/captcha'))) return 'bing_captcha';
  if (!CHECK_HINTS.some((hint) => response.body.includes(hint))) return null;
  const doc = page();
  if (selectOne(doc, '#b_results')) return null;
  if (selectOne(doc, '#b_captcha, iframe[src*="/turing/captcha/challenge"], [data-src*="/turing/captcha/challenge"]')) return 'bing_captcha';
  // Since 2026 the check is a Cloudflare Turnstile widget inside Bing's own page ("One last step"), served
  // with HTTP 200 and verified through /challenge/verify.
  const widget = selectOne(doc, '#turnstile-widget, .captcha_header');
  const turnstile = () =>
    selectOne(doc, 'script[src*="challenges.cloudflare.com/turnstile"]') !== null ||
    selectAll(doc, 'script:not([src])').some((script) => rawTextOf(script).includes('/challenge/verify?'));
  return widget && turnstile() ? 'bing_captcha' : null;
}

export function parseBing(response: RawResponse): ParsedSearch {
  // The page is parsed once, by the bot check when its markers' words are there, else here.
  let parsed: HtmlPage | undefined;
  const page = () => (parsed ??= parseHtml(response.body));
  const screened = screenResponse(response, (r) => detectBingSignal(r, page));
  if (screened) return screened;
  const doc = page();
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
