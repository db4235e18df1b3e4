import { basePath, esc, fakeId, htmlReply, jsonReply, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// Bing Visual Search. The knowledge JSON follows PicImageSearch's model (tags[].actions[] with
// `PagesIncluding`). The rendered detail view's "Pages including this image" markup is this project's
// assumption (no public source documents it); the parser reads both.

function pagesIncluding(ctx: SerpContext) {
  return ctx.items.map((item) => ({
    webSearchUrl: `https://www.bing.com/images/search?view=detailv2&FORM=OIIRPO&id=${fakeId(item.url, 40)}`,
    name: item.title,
    thumbnailUrl: `https://tse1.mm.bing.net/th?id=OIP.${fakeId(item.imageUrl ?? item.url, 22)}&pid=Api`,
    datePublished: item.date ?? '2026-07-14T00:00:00.0000000Z',
    contentUrl: item.imageUrl ?? item.url,
    hostPageUrl: item.url,
    hostPageDisplayUrl: `${hostOf(item.url)}${new URL(item.url).pathname}`,
    width: item.imageWidth ?? 800,
    height: item.imageHeight ?? 600,
    imageId: fakeId(item.url, 40).toUpperCase(),
  }));
}

export function renderBingKnowledge(ctx: SerpContext): EngineReply {
  const actions: unknown[] = [];
  if (ctx.items.length > 0) actions.push({ _type: 'ImageModuleAction', actionType: 'PagesIncluding', data: { value: pagesIncluding(ctx) } });
  actions.push({ _type: 'ImageRelatedSearchesAction', actionType: 'RelatedSearches', data: { value: [] } });
  return jsonReply({
    _type: 'ImageKnowledge',
    instrumentation: { _type: 'ResponseInstrumentation' },
    tags: [{ displayName: '', actions }],
    image: { imageInsightsToken: `bcid_${fakeId(ctx.query, 32)}` },
  });
}

export function renderBingVisual(ctx: SerpContext): EngineReply {
  const path = esc(basePath(ctx.base));
  const items = pagesIncluding(ctx)
    .map((p) => `<li class="pgincItem"><a class="pgincLink" href="${esc(p.hostPageUrl)}" target="_blank" rel="noopener" h="ID=images.5${fakeId(p.hostPageUrl, 4)}"><img class="pgincThumb" src="${esc(p.thumbnailUrl)}" alt="" width="100" height="75"><div class="pgincTitle">${esc(p.name)}</div><div class="pgincDisplayUrl">${esc(p.hostPageDisplayUrl)}</div></a><div class="pgincMeta">${p.width} \u00d7 ${p.height} \u00b7 jpeg</div></li>`)
    .join('');
  const section = ctx.items.length === 0
    ? `<div class="pgincEmpty">No pages found with this image</div>`
    : `<ul class="pginc">${items}</ul>`;
  return htmlReply(`<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>Bing Visual Search</title><meta name="referrer" content="origin-when-cross-origin"></head><body class="b_sbi"><header id="b_header"><form action="${path}/images/search" id="sb_form"><input id="sb_form_q" name="q" type="search" value="" aria-label="Enter your search term"></form></header><div id="insights" class="insights" role="main"><div class="insightsHeader"><img class="queryImage" src="${esc(ctx.query)}" alt="Your image"></div><div class="tabs" role="tablist"><a role="tab" aria-selected="false" href="#related">Related content</a><a role="tab" aria-selected="true" href="#pages">Pages with this image</a></div><div id="pages" class="insightSection" data-tag="PagesIncluding"><h2 class="sectionTitle">Pages with this image</h2>${section}</div></div><footer id="b_footer"><span>&#169; 2026 Microsoft</span></footer></body></html>`);
}
