import { screenResponse, unparseable, visitedUrls } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { attr, query, queryAll, textOf } from '../shared/dom-query.parser.ts';
import { parseHtml } from '../shared/html.parser.ts';
import { ResultCollector } from '../shared/serp.models.ts';

// Yandex's site-search widget (yandex.com/search/site/) as read by SearXNG: `li.serp-item`, link
// `a.b-serp-item__title-link`, title its `span`, text `div.b-serp-item__content div.b-serp-item__text`.
// A CAPTCHA is announced by the `x-yandex-captcha: captcha` header or the /showcaptcha page.

const NO_RESULTS = /there are no results for this search|nothing was found|ничего не нашлось|ничего не найдено/i;

export function detectYandexSignal(response: RawResponse): BlockSignal | null {
  if ((response.headers['x-yandex-captcha'] ?? '').toLowerCase() === 'captcha') return 'yandex_captcha';
  if (visitedUrls(response).some((url) => /\/(showcaptcha|checkcaptcha)/.test(url.pathname))) return 'yandex_captcha';
  if (/<form[^>]+action="[^"]*\/checkcaptcha/i.test(response.body) || response.body.includes('SmartCaptcha')) return 'yandex_captcha';
  return null;
}

export function parseYandex(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectYandexSignal);
  if (screened) return screened;
  const doc = parseHtml(response.body);
  const collector = new ResultCollector(response.finalUrl);
  for (const item of queryAll(doc, 'li.serp-item')) {
    const link = query(item, 'a.b-serp-item__title-link');
    const title = query(link ?? item, 'span') ?? link;
    collector.add(attr(link, 'href'), textOf(title), textOf(query(item, '.b-serp-item__content .b-serp-item__text') ?? query(item, '.b-serp-item__text')));
  }
  const list = query(doc, '.b-serp-list');
  const noResults = query(doc, '.b-serp-list_empty_yes') !== null || (list !== null && NO_RESULTS.test(textOf(list)));
  if (collector.seen === 0 && !list) return unparseable('no result list');
  return collector.finish(noResults);
}
