import { basePath, esc, fakeId, htmlReply, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// Google Lens results as Chromium renders them, "Exact matches" view (`udm=48`), with the class names
// PicImageSearch reads: items `.YxbOwd`, link `a.ngTNl`, title `.ZhosBf`, site `.xuPcX`, size `.oYQBg`.

function exactMatch(ctx: SerpContext, index: number): string {
  const item = ctx.items[index];
  if (!item) return '';
  const size = `${item.imageWidth ?? 800}x${item.imageHeight ?? 600}`;
  return `<div class="YxbOwd" jsname="${fakeId(item.url, 6)}" data-ri="${index}"><a class="ngTNl ggLgoc" href="${esc(item.url)}" target="_blank" rel="noopener" data-ved="2ahUKEwi${fakeId(item.url, 20)}"><div class="GmoL0c"><div class="zVq10e"><img id="dimg_${fakeId(item.url, 8)}" class="YQ4gaf" src="data:image/gif;base64,R0lGODlhAQABAIAAAP///////yH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" alt="" width="92" height="92"></div></div><div class="XC18Gb"><div class="LbKnXb"><img class="tHKtie" src="https://encrypted-tbn3.gstatic.com/favicon-tbn?q=tbn:${fakeId(hostOf(item.url), 30)}" alt="" width="16" height="16"><div class="xuPcX">${esc(item.siteName ?? hostOf(item.url))}</div></div><div class="ZhosBf">${esc(item.title)}</div><div class="oYQBg Zn52Me"><span>${esc(size)}</span>${item.date ? `<span>${esc(item.date)}</span>` : ''}</div></div></a></div>`;
}

export function renderGoogleLens(ctx: SerpContext): EngineReply {
  const path = esc(basePath(ctx.base));
  const searchBase = `${path}/search?vsrid=${fakeId(ctx.query, 20)}&amp;gsessionid=${fakeId(`${ctx.query}#s`, 24)}&amp;lns_surface=26`;
  const list = ctx.items.length === 0
    ? `<div class="MQLM3b"><div role="heading" aria-level="2">No matches for this image</div><div>Try a different image or search with words.</div></div>`
    : `<div class="UAiK1e">${ctx.items.map((_, i) => exactMatch(ctx, i)).join('')}</div>`;
  return htmlReply(`<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Google Search</title><meta content="origin" name="referrer"></head><body jsmodel="hspDDf" class="srp"><div class="L3eUgb"><div id="searchform" class="CvDJxb"><div class="lens-query"><img class="Hf7sUe" src="${esc(ctx.query)}" alt="Visual search query image"></div></div><div role="navigation" class="crJ18e"><div class="IUOThf"><a class="nPDzT T3FoJb" href="${searchBase}&amp;udm=44"><div class="YmvwI">All</div></a><a class="nPDzT T3FoJb" aria-current="page" href="${searchBase}&amp;udm=48"><div class="YmvwI">Exact matches</div></a><a class="nPDzT T3FoJb" href="${searchBase}&amp;udm=37"><div class="YmvwI">Products</div></a></div></div><div id="main"><div id="rcnt"><div id="center_col"><div id="rso">${list}</div></div></div></div><div id="footcnt"><a class="pHiOh" href="https://policies.google.com/privacy?hl=en">Privacy</a></div></div></body></html>`);
}
