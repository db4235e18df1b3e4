import { basePath, esc, fakeId, htmlReply, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// yandex.com/images/search?rpt=imageview&cbir_page=sites: the application state is JSON in the
// `data-state` attribute of `div.Root#ImagesApp-<id>`; `initialState.cbirSites.sites[]` lists the pages.

export function yandexImagesState(ctx: SerpContext): Record<string, unknown> {
  const sites = ctx.items.map((item) => ({
    title: item.title,
    description: item.snippet,
    url: item.url,
    domain: hostOf(item.url),
    thumb: { url: `//avatars.mds.yandex.net/i?id=${fakeId(item.imageUrl ?? item.url, 40)}-l&n=13`, height: 110, width: 165 },
    originalImage: { url: item.imageUrl ?? item.url, height: item.imageHeight ?? 600, width: item.imageWidth ?? 800 },
  }));
  return {
    initialState: {
      cbirId: `${fakeId(ctx.query, 7)}/${fakeId(`${ctx.query}#c`, 32)}`,
      cbirSites: { sites, pageSize: 20, isLoading: false },
      cbirSimilar: { thumbs: [] },
    },
    meta: { lang: 'en', tld: 'com' },
  };
}

export function renderYandexImages(ctx: SerpContext): EngineReply {
  const path = esc(basePath(ctx.base));
  const items = ctx.items
    .map((item) => `<li class="CbirSites-Item"><div class="CbirSites-ItemThumb"><img src="${esc(`//avatars.mds.yandex.net/i?id=${fakeId(item.imageUrl ?? item.url, 40)}-l&n=13`)}" alt=""></div><div class="CbirSites-ItemInfo"><div class="CbirSites-ItemTitle"><a href="${esc(item.url)}" target="_blank">${esc(item.title)}</a></div><div class="CbirSites-ItemDomain">${esc(hostOf(item.url))}</div><div class="CbirSites-ItemDescription">${esc(item.snippet)}</div></div></li>`)
    .join('');
  return htmlReply(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Yandex Images: search for similar images</title><meta name="viewport" content="width=device-width"></head><body class="i-ua_js_no"><header class="HeaderDesktop"><form class="search2" action="${path}/images/search"><input class="input__control" name="text" value="" aria-label="Query"></form></header><div class="Root" id="ImagesApp-${fakeId(ctx.query, 6)}" data-state="${esc(JSON.stringify(yandexImagesState(ctx)))}"><div class="CbirSites"><h2 class="CbirSites-Title">Sites containing information about the image</h2>${ctx.items.length === 0 ? '<div class="CbirSites-Empty">No sites found</div>' : `<ul class="CbirSites-Items">${items}</ul>`}</div></div><footer class="Footer">&#169; Yandex</footer></body></html>`);
}
