import { basePath, esc, highlight, htmlReply, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// www.mojeek.com/search: `ul.results-standard > li` with `a.ob` (address line), `h2 a.title`, `p.s`.
// Mojeek shows no ads inside the result list.

function result(ctx: SerpContext, index: number): string {
  const item = ctx.items[index];
  if (!item) return '';
  const u = new URL(item.url);
  const crumbs = [u.host, ...u.pathname.split('/').filter(Boolean)].map(esc).join(' \u203a ');
  const href = esc(item.url);
  return `<li class="r${index + 1}"><a class="ob" href="${href}"><img class="icon" src="${esc(basePath(ctx.base))}/favicons/${esc(hostOf(item.url))}.png" alt="" width="16" height="16" loading="lazy"><p class="i">${crumbs}</p></a><h2><a class="title" href="${href}">${esc(item.title)}</a></h2><p class="s">${highlight(item.snippet, ctx.query, 'strong')}</p>${item.date ? `<p class="mdate">${esc(item.date)}</p>` : ''}</li>`;
}

export function renderMojeek(ctx: SerpContext): EngineReply {
  const q = esc(ctx.query);
  const path = esc(basePath(ctx.base));
  const first = (ctx.page - 1) * 10 + 1;
  const results = ctx.items.length === 0
    ? `<p class="results-summary">No pages found matching: <b>${q}</b></p><ul class="no-results-tips"><li>Make sure all words are spelled correctly.</li><li>Try different or more general keywords.</li></ul>`
    : `<p class="results-summary">Results ${first} to ${first + ctx.items.length - 1} from ${ctx.items.length} in 0.07s</p><ul class="results-standard">${ctx.items.map((_, i) => result(ctx, i)).join('')}</ul><div class="pagination"><ul><li><a class="active" href="${path}/search?q=${esc(encodeURIComponent(ctx.query))}">1</a></li><li><a href="${path}/search?q=${esc(encodeURIComponent(ctx.query))}&amp;s=11">2</a></li></ul></div>`;
  return htmlReply(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${q} - Mojeek Search</title>
<link rel="stylesheet" href="/css/main.css?v=2.4">
<link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml" title="Mojeek">
</head>
<body class="lang-en serp">
<div class="header-wrap"><header class="header"><a class="logo" href="${path}/"><img src="/logos/mojeek.svg" alt="Mojeek" width="110" height="28"></a>
<form class="search-form" action="${path}/search" method="GET"><input type="search" name="q" value="${q}" autocomplete="off" aria-label="Search Mojeek"><button type="submit">Search</button></form></header>
<nav class="tabs"><a class="active" href="${path}/search?q=${esc(encodeURIComponent(ctx.query))}">Web</a><a href="${path}/search?q=${esc(encodeURIComponent(ctx.query))}&amp;fmt=images">Images</a><a href="${path}/search?q=${esc(encodeURIComponent(ctx.query))}&amp;fmt=news">News</a></nav></div>
<div class="container serp-results"><div class="results">${results}</div>
<aside class="sidebar"><p class="about">Mojeek is a web search engine that provides unbiased, fast, and relevant search results combined with a no tracking privacy policy.</p></aside></div>
<footer class="footer"><ul><li><a href="/about">About</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/support">Support</a></li></ul></footer>
</body>
</html>
`);
}
