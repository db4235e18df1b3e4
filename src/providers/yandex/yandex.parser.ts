import { screenResponse, unparseable, visitedUrls } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, hasClass, parseHtml, selectAll, selectOne, textOf, type HtmlElement } from '../../shared/html-dom.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Yandex serves two result pages, and the engine may be pointed at either:
// - the site-search widget (yandex.com/search/site/, what SearXNG uses): `li.serp-item`, link
//   `a.b-serp-item__title-link`, title its `span`, text `div.b-serp-item__content div.b-serp-item__text`;
// - the main result page (yandex.ru|com/search/): `li.serp-item` cards whose title link carries the class
//   `OrganicTitle-Link` (older pages: `organic__url`), title `.OrganicTitle-LinkText`, text
//   `.OrganicTextContentSpan`. Ads are cards of the same shape whose links go through the ad counter
//   `yabs.yandex.*/count/` or that are labelled `data-fast-name="direct"`; wizards (images, videos) have no
//   title link and are left out.
// A CAPTCHA is announced by the `x-yandex-captcha: captcha` header, the /showcaptcha page or the SmartCaptcha
// page that posts to /checkcaptcha.

const NO_RESULTS = /there are no results for this search|nothing was found|ничего не нашлось|ничего не найдено/i;
const AD_FAST_NAMES = new Set(['direct', 'premium', 'direct_premium']);

export function detectYandexSignal(response: RawResponse): BlockSignal | null {
  if ((response.headers['x-yandex-captcha'] ?? '').toLowerCase() === 'captcha') return 'yandex_captcha';
  if (visitedUrls(response).some((url) => /\/(showcaptcha|checkcaptcha)/.test(url.pathname))) return 'yandex_captcha';
  if (response.body.includes('SmartCaptcha')) return 'yandex_captcha';
  if (/checkcaptcha/i.test(response.body) && selectOne(parseHtml(response.body), 'form[action*="/checkcaptcha" i]') !== null) return 'yandex_captcha';
  if (response.body.length < 50_000 && /captcha_smart(?:\.min)?\.(?:css|js)/.test(response.body)) return 'yandex_captcha';
  return null;
}

function isAdLink(href: string | null): boolean {
  if (!href) return false;
  try {
    return /(^|\.)yabs\.yandex\.[a-z.]+$/.test(new URL(href, 'https://yandex.ru/').hostname);
  } catch {
    return false;
  }
}

function readWidgetItem(item: HtmlElement, collector: ResultCollector): void {
  const link = selectOne(item, 'a.b-serp-item__title-link');
  const title = selectOne(link ?? item, 'span') ?? link;
  collector.add(attr(link, 'href'), textOf(title), textOf(selectOne(item, '.b-serp-item__content .b-serp-item__text') ?? selectOne(item, '.b-serp-item__text')));
}

function readMainItem(item: HtmlElement, collector: ResultCollector): void {
  const link = selectOne(item, 'a.OrganicTitle-Link') ?? selectOne(item, 'a.organic__url');
  // Wizards (image strips, videos, related searches) have no organic title link: not a result.
  if (!link) return;
  const href = attr(link, 'href');
  if (AD_FAST_NAMES.has(attr(item, 'data-fast-name') ?? '') || isAdLink(href)) return;
  const title = selectOne(link, '.OrganicTitle-LinkText') ?? selectOne(link, 'h2') ?? link;
  const snippet = selectOne(item, '.OrganicTextContentSpan') ?? selectOne(item, '.organic__content-wrapper') ?? selectOne(item, '.TextContainer');
  collector.add(href, textOf(title), textOf(snippet, { skip: (el) => hasClass(el, 'ExtendedText-Toggle') }));
}

export function parseYandex(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectYandexSignal);
  if (screened) return screened;
  const doc = parseHtml(response.body);
  const collector = new ResultCollector(response.finalUrl, doc);
  const items = selectAll(doc, 'li.serp-item');
  for (const item of items) {
    if (selectOne(item, 'a.b-serp-item__title-link')) readWidgetItem(item, collector);
    else readMainItem(item, collector);
  }
  const list = selectOne(doc, '.b-serp-list') ?? selectOne(doc, '#search-result') ?? selectOne(doc, '.serp-list');
  const noResults =
    selectOne(doc, '.b-serp-list_empty_yes') !== null || selectOne(doc, '.misspell__message, .EmptySearchResults') !== null || (list !== null && NO_RESULTS.test(textOf(list)));
  if (collector.seen === 0 && !list && items.length === 0) return unparseable('no result list');
  return collector.finish(noResults);
}
