import { basePath, esc, fakeId, highlight, htmlReply, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// yandex.com/search/site/ (the site-search widget SearXNG uses): `li.serp-item` with
// `h3.b-serp-item__title > a.b-serp-item__title-link > span` and `div.b-serp-item__text`.

function item(ctx: SerpContext, index: number): string {
  const it = ctx.items[index];
  if (!it) return '';
  const u = new URL(it.url);
  const segments = u.pathname.split('/').filter(Boolean);
  const href = esc(it.url);
  return `<li class="b-serp-item serp-item i-bem" data-bem='{"b-serp-item":{"num":${index + 1}}}'><h3 class="b-serp-item__title"><a class="b-serp-item__title-link" href="${href}" target="_blank" data-log-node="${fakeId(it.url, 4)}"><span>${esc(it.title)}</span></a></h3><div class="b-serp-item__content"><div class="b-serp-item__text">${highlight(it.snippet, ctx.query, 'strong')}</div><div class="b-serp-item__links"><span class="b-serp-url b-serp-url_inline_yes"><span class="b-serp-url__item"><a class="b-serp-url__link" href="${esc(`${u.protocol}//${u.host}/`)}" target="_blank">${esc(hostOf(it.url))}</a></span>${segments.map((s) => `<span class="b-serp-url__mark">/</span><span class="b-serp-url__item">${esc(s)}</span>`).join('')}</span>${it.date ? `<span class="b-serp-item__date">${esc(it.date)}</span>` : ''}</div></div></li>`;
}

export function renderYandex(ctx: SerpContext): EngineReply {
  const q = esc(ctx.query);
  const path = esc(basePath(ctx.base));
  const list = ctx.items.length === 0
    ? `<div class="b-serp-list b-serp-list_empty_yes"><div class="b-serp-list__empty">Sorry, there are no results for this search</div></div>`
    : `<div class="b-serp-list"><ol class="b-serp-list__list">${ctx.items.map((_, i) => item(ctx, i)).join('')}</ol></div><div class="b-pager"><span class="b-pager__current">1</span><a class="b-pager__page" href="${path}/search/site/?text=${esc(encodeURIComponent(ctx.query))}&amp;searchid=3131712&amp;p=1">2</a></div>`;
  return htmlReply(`<!DOCTYPE html>
<html class="i-ua_js_no i-ua_css_standart" lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<meta http-equiv="X-UA-Compatible" content="IE=edge"/>
<title>${q}: Yandex site search</title>
<link rel="stylesheet" href="https://yastatic.net/s3/webmaster/sitesearch2/releases/_search.css"/>
<script>;(function(d,e,c,r){e=d.documentElement;c="className";r="replace";e[c]=e[c][r]("i-ua_js_no","i-ua_js_yes");})(document);</script>
</head>
<body class="b-page b-page_type_search-site b-page__body i-bem" data-bem='{"b-page":{"reqid":"${fakeId(ctx.query, 24)}"}}'>
<div class="b-wrapper b-wrapper_is-bem_yes">
<div class="b-head"><form class="b-search" action="${path}/search/site/" method="get"><input class="b-search__input" name="text" value="${q}"/><input type="hidden" name="searchid" value="3131712"/><input type="submit" class="b-search__button" value="Find"/></form></div>
<div class="b-body-items">${list}</div>
<div class="b-foot"><a href="https://yandex.com/support/site/">Help</a> &#169; Yandex</div>
</div>
</body>
</html>
`);
}
