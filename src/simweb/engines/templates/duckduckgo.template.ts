import { basePath, displayUrl, esc, fakeId, highlight, htmlReply, protocolRelative, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// html.duckduckgo.com/html/ as served to a desktop browser without JavaScript.

function wrap(ctx: SerpContext, url: string): string {
  return `${protocolRelative(new URL(ctx.base).origin)}${basePath(ctx.base)}/l/?uddg=${encodeURIComponent(url)}&rut=${fakeId(url, 64)}`;
}

function adBlock(ctx: SerpContext): string {
  return ctx.ads
    .map((ad) => {
      const click = `https://duckduckgo.com/y.js?ad_domain=${encodeURIComponent(hostOf(ad.url))}&ad_provider=bingv7aa&ad_type=txad&rut=${fakeId(ad.url, 64)}&u3=${encodeURIComponent(`https://www.bing.com/aclick?ld=${fakeId(ad.title, 40)}&u=${ad.url}`)}`;
      return `
            <div class="result results_links results_links_deep result--ad result--ad--small">
            <div class="links_main links_deep result__body">
              <h2 class="result__title">
                <a rel="nofollow" class="result__a" href="${esc(click)}">${esc(ad.title)}</a>
                <a class="badge--ad__tooltip-wrap" href="https://duckduckgo.com/duckduckgo-help-pages/company/ads-by-microsoft-on-duckduckgo-private-search"><span class="badge--ad">Ad</span></a>
              </h2>
              <div class="result__extras"><div class="result__extras__url"><a class="result__url" href="${esc(click)}">${esc(hostOf(ad.url))}</a></div></div>
              <a class="result__snippet" href="${esc(click)}">${esc(ad.snippet)}</a>
              <div class="clear"></div>
            </div>
            </div>`;
    })
    .join('\n');
}

function resultBlock(ctx: SerpContext, index: number): string {
  const item = ctx.items[index];
  if (!item) return '';
  const href = esc(wrap(ctx, item.url));
  return `
            <div class="result results_links results_links_deep web-result ">
          <div class="links_main links_deep result__body"> <!-- This is the visible part -->
          <h2 class="result__title">
            <a rel="nofollow" class="result__a" href="${href}">${esc(item.title)}</a>
          </h2>
            <div class="result__extras">
              <div class="result__extras__url">
                <span class="result__icon">
                  <a rel="nofollow" href="${href}">
                    <img class="result__icon__img" width="16" height="16" alt="" src="//external-content.duckduckgo.com/ip3/${esc(hostOf(item.url))}.ico" name="i15" />
                  </a>
                </span>
                <a class="result__url" href="${href}">${esc(displayUrl(item.url).replace(/^https?:\/\//, '').replace(/ \u203a /g, '/'))}</a>
                ${item.date ? `<span>&nbsp; &nbsp; ${esc(item.date)}</span>` : ''}
              </div>
            </div>
                  <a class="result__snippet" href="${href}">${highlight(item.snippet, ctx.query)}</a>
            <div class="clear"></div>
          </div>
        </div>`;
}

function nextForm(ctx: SerpContext): string {
  const offset = 10 + (ctx.page - 1) * 15;
  const fields: Array<[string, string]> = [
    ['q', ctx.query], ['s', String(offset)], ['nextParams', ''], ['v', 'l'], ['o', 'json'], ['dc', String(offset + 1)],
    ['api', 'd.js'], ['vqd', `4-${BigInt(`0x${fakeId(ctx.query, 24)}`).toString().slice(0, 38)}`], ['kl', 'wt-wt'],
  ];
  return `
        <div class="nav-link">
        <form action="${esc(basePath(ctx.base))}/html/" method="post">
          <input type="submit" class='btn btn--alt' value="Next" />
          ${fields.map(([name, value]) => `<input type="hidden" name="${name}" value="${esc(value)}" />`).join('\n          ')}
        </form>
        </div>`;
}

export function renderDuckDuckGo(ctx: SerpContext): EngineReply {
  const q = esc(ctx.query);
  const body = ctx.items.length === 0
    ? `
            <div class="result results_links results_links_deep result--no-result">
              <div class="no-results">No  results.</div>
            </div>`
    : `${adBlock(ctx)}
${ctx.items.map((_, i) => resultBlock(ctx, i)).join('\n')}
${ctx.items.length >= 10 ? nextForm(ctx) : ''}`;
  return htmlReply(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<!--[if IE 6]><html class="ie6" xmlns="http://www.w3.org/1999/xhtml"><![endif]-->
<!--[if IE 7]><html class="lt-ie8 lt-ie9" xmlns="http://www.w3.org/1999/xhtml"><![endif]-->
<!--[if gt IE 8]><!--><html xmlns="http://www.w3.org/1999/xhtml"><!--<![endif]-->
<head>
  <meta http-equiv="content-type" content="text/html; charset=UTF-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=3.0, user-scalable=1" />
  <meta name="referrer" content="origin" />
  <meta name="HandheldFriendly" content="true" />
  <meta name="robots" content="noindex, nofollow" />
  <title>${q} at DuckDuckGo</title>
  <link title="DuckDuckGo (HTML)" type="application/opensearchdescription+xml" rel="search" href="//duckduckgo.com/opensearch_html_v2.xml" />
  <link href="//duckduckgo.com/favicon.ico" rel="shortcut icon" />
  <link rel="stylesheet" media="handheld, all" href="//duckduckgo.com/dist/h.aeda52882d97098ab9ec.css" type="text/css"/>
</head>
<body class="body--html">
  <a name="top" id="top"></a>
  <form action="${esc(basePath(ctx.base))}/html/" method="post">
    <input type="text" name="state_hidden" id="state_hidden" />
  </form>
  <div>
    <div class="site-wrapper-border"></div>
    <div id="header" class="header cw header--html">
        <a title="DuckDuckGo" href="${esc(basePath(ctx.base))}/html/" class="header__logo-wrap"></a>
    <form name="x" class="header__form" action="${esc(basePath(ctx.base))}/html/" method="post">
      <div class="search search--header">
          <input name="q" autocomplete="off" class="search__input" id="search_form_input_homepage" type="text" value="${q}" />
          <input name="b" id="search_button_homepage" class="search__button search__button--html" value="" title="Search" alt="Search" type="submit" />
      </div>
      <div class="frm__select">
        <select name="kl">
          <option value="" >All Regions</option>
          <option value="be-fr" >Belgium (fr)</option>
          <option value="be-nl" >Belgium (nl)</option>
          <option value="de-de" >Germany</option>
          <option value="fr-fr" >France</option>
          <option value="nl-nl" >Netherlands</option>
          <option value="wt-wt" selected>No region</option>
        </select>
      </div>
      <div class="frm__select frm__select--last">
        <select class="" name="df">
          <option value="" selected>Any Time</option>
          <option value="d" >Past Day</option>
          <option value="w" >Past Week</option>
          <option value="m" >Past Month</option>
          <option value="y" >Past Year</option>
        </select>
      </div>
    </form>
    </div>
<!-- Web results are present -->
  <div>
  <div class="serp__results">
  <div id="links" class="results">
${body}
        <div class=" feedback-btn">
          <a rel="nofollow" href="//duckduckgo.com/feedback.html" target="_new">Feedback</a>
        </div>
        <div class="clear"></div>
  </div>
  </div> <!-- links wrapper //-->
  </div>
  </div>
  <div id="bottom_spacing2"> </div>
  <img src="//duckduckgo.com/t/sl_h"/>
</body>
</html>
`);
}
