import { basePath, displayUrl, esc, fakeId, highlight, htmlReply, scriptJson, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// www.startpage.com/sp/search: the page is a React shell; results are the JSON object given to
// `React.createElement(UIStartpage.AppSerpWeb, {...})`, with HTML fragments (highlights in <b>) as
// titles and descriptions. Ads are a mainline block of type "ads-google".

export function startpagePayload(ctx: SerpContext): Record<string, unknown> {
  const web = ctx.items.map((item) => ({
    display_type: 'web-google',
    clickUrl: item.url,
    title: highlight(item.title, ctx.query),
    description: `${item.date ? `${esc(item.date)} ... ` : ''}${highlight(item.snippet, ctx.query)}`,
    displayUrl: displayUrl(item.url),
    anonViewUrl: `${ctx.base}/av/proxy?ep=${fakeId(item.url, 40)}&ek=${fakeId(`${item.url}#k`, 24)}`,
    favicon: `https://www.startpage.com/sp/favicon?host=${encodeURIComponent(hostOf(item.url))}`,
  }));
  const mainline: unknown[] = [];
  if (ctx.ads.length > 0 && web.length > 0) {
    mainline.push({
      display_type: 'ads-google',
      results: ctx.ads.map((ad) => ({ clickUrl: `https://www.google.com/aclk?sa=l&ai=${fakeId(ad.url, 40)}&adurl=${encodeURIComponent(ad.url)}`, title: esc(ad.title), description: esc(ad.snippet), displayUrl: hostOf(ad.url) })),
    });
  }
  mainline.push(web.length > 0 ? { display_type: 'web-google', results: web } : { display_type: 'no-results', query: ctx.query });
  return {
    render: {
      presenter: { regions: { mainline, sidebar: [] }, meta: { query: ctx.query, page: ctx.page, resultsCount: web.length } },
      viewId: 'serp',
    },
    page: { language: 'english', region: 'all', segment: 'startpage.udog' },
  };
}

export function renderStartpage(ctx: SerpContext): EngineReply {
  const q = esc(ctx.query);
  const path = esc(basePath(ctx.base));
  return htmlReply(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Startpage Search Results</title>
<link rel="stylesheet" href="/sp/cdn/css/serp.${fakeId('css', 10)}.css">
</head>
<body class="serp-web">
<header class="header"><form id="search" action="${path}/sp/search" method="post"><input type="text" name="query" value="${q}" aria-label="search"><input type="hidden" name="cat" value="web"><input type="hidden" name="sc" value="${fakeId(ctx.query, 20)}"></form></header>
<div id="main"></div>
<noscript><div class="noscript-notice">Startpage works best with JavaScript enabled.</div></noscript>
<script nonce="${fakeId(ctx.query, 16)}">
  var UIStartpage = window.UIStartpage || {};
  ReactDOM.hydrate(React.createElement(UIStartpage.AppSerpWeb, ${scriptJson(startpagePayload(ctx))}), document.getElementById('main'));
</script>
<footer class="footer"><a href="https://www.startpage.com/en/privacy-policy/">Privacy policy</a></footer>
</body>
</html>
`);
}
