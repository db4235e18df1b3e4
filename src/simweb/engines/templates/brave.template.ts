import { basePath, esc, fakeId, highlight, htmlReply, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// search.brave.com/search (server-rendered Svelte): results are `div.snippet` with a direct link, a
// `div.title` and a `div.content`; ads are snippets whose link is a site-relative `/a/redirect?...`.

const SVELTE = 'svelte-1o29rt0';

function ad(ctx: SerpContext, index: number): string {
  const item = ctx.ads[index];
  if (!item) return '';
  const click = `${basePath(ctx.base)}/a/redirect?click_url=${encodeURIComponent(item.url)}&placement_id=${fakeId(item.url, 12)}`;
  return `<div class="snippet ${SVELTE}" data-pos="${index}" data-type="ad"><a href="${esc(click)}" rel="noopener sponsored" class="${SVELTE} l1"><div class="site-wrapper"><div class="site-name-content"><div class="t-primary site-name-text">${esc(hostOf(item.url))}</div><span class="ad-label t-tertiary">Ad</span></div></div><div class="title search-snippet-title line-clamp-1 ${SVELTE}">${esc(item.title)}</div></a><div class="generic-snippet"><div class="content desktop-default-regular t-primary line-clamp-dynamic ${SVELTE}">${esc(item.snippet)}</div></div></div>`;
}

function result(ctx: SerpContext, index: number): string {
  const item = ctx.items[index];
  if (!item) return '';
  const u = new URL(item.url);
  const path = u.pathname.split('/').filter(Boolean).map((p) => ` \u203a ${esc(p)}`).join('');
  const date = item.date ? `<span class="t-secondary">${esc(item.date)} -</span> ` : '';
  return `<div class="snippet ${SVELTE}" data-pos="${index + ctx.ads.length}" data-type="web" data-loc="main"><div class="result-wrapper svelte-1ap3s1w"><div class="result-content svelte-1ap3s1w"><a href="${esc(item.url)}" target="_self" class="svelte-14r20fy l1"><div class="site-wrapper svelte-14r20fy"><div class="favicon-wrapper svelte-14r20fy"><img class="favicon svelte-14r20fy" src="https://imgs.search.brave.com/${fakeId(item.url, 43)}/rs:fit:32:32:1:0/g:ce/${fakeId(u.host, 20)}" alt="" loading="lazy"></div><div class="site-name-wrapper svelte-14r20fy"><div class="site-name-content svelte-14r20fy"><div class="desktop-small-semibold t-primary site-name-text svelte-14r20fy">${esc(item.siteName ?? u.host)}</div><cite class="snippet-url svelte-14r20fy"><span class="netloc text-small-bold">${esc(u.host)}</span><span class="url-path">${path}</span></cite></div></div></div><div class="title search-snippet-title line-clamp-1 svelte-14r20fy" title="${esc(item.title)}">${esc(item.title)}</div></a><div class="generic-snippet svelte-1cwdgg3"><div class="content desktop-default-regular t-primary line-clamp-dynamic svelte-1cwdgg3">${date}${highlight(item.snippet, ctx.query, 'strong')}</div></div></div></div></div>`;
}

export function renderBrave(ctx: SerpContext): EngineReply {
  const q = esc(ctx.query);
  const path = esc(basePath(ctx.base));
  const results = ctx.items.length === 0
    ? `<div id="no-results" class="no-results card"><h2 class="h2">Not many great matches came back for your search: &#8220;${q}&#8221;</h2><p>Try fewer or different words.</p></div>`
    : `${ctx.ads.map((_, i) => ad(ctx, i)).join('')}${ctx.items.map((_, i) => result(ctx, i)).join('')}`;
  return htmlReply(`<!doctype html>
<html lang="en" class="theme-auto">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="referrer" content="no-referrer" />
<title>${q} - Brave Search</title>
<link rel="search" type="application/opensearchdescription+xml" title="Brave Search" href="https://search.brave.com/opensearch.xml" />
<link href="/_app/immutable/assets/0.${fakeId('css', 8)}.css" rel="stylesheet">
</head>
<body class="layout-serp">
<div style="display: contents">
<div id="page" class="page svelte-1kd2k5d">
<header id="header" class="svelte-1hh7mk9"><form id="searchform" action="${path}/search" method="get" role="search"><input id="searchbox" type="search" name="q" value="${q}" autocomplete="off" aria-label="Search"><input type="hidden" name="source" value="web"></form>
<nav id="search-tabs" aria-label="Search types"><a href="${path}/search?q=${esc(encodeURIComponent(ctx.query))}&amp;source=web" class="active">All</a><a href="${path}/images?q=${esc(encodeURIComponent(ctx.query))}">Images</a><a href="${path}/news?q=${esc(encodeURIComponent(ctx.query))}">News</a></nav></header>
<main id="main" class="main-column svelte-1hh7mk9">
<div id="results" class="section svelte-1kd2k5d" data-type="web">${results}</div>
${ctx.items.length > 0 ? `<div id="pagination" class="pagination"><a href="${path}/search?q=${esc(encodeURIComponent(ctx.query))}&amp;offset=1&amp;source=web" class="button">Next</a></div>` : ''}
</main>
<aside id="side-right" class="sidebar"></aside>
<footer id="footer"><a href="https://search.brave.com/help/privacy-policy">Privacy</a> <a href="https://search.brave.com/help/terms-of-use">Terms</a></footer>
</div>
<script type="module">import("/_app/immutable/entry/start.${fakeId('start', 8)}.js").then((app) => app.start(document.querySelector('#page')));</script>
</div>
</body>
</html>
`);
}
