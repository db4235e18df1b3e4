import { encodeBingU } from '../../../providers/redirects.models.ts';
import { basePath, displayUrl, esc, fakeId, highlight, htmlReply, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// www.bing.com/search as served to a desktop browser: results in `ol#b_results`, organic `li.b_algo` with
// links through `/ck/a?!&&p=...&u=a1<base64url>&ntb=1`, ads as `li.b_ad`.

export function bingClickUrl(base: string, url: string): string {
  return `${base}/ck/a?!&&p=${fakeId(url, 64)}JmltdHM9MTcyNDI4NDgwMA&ptn=3&ver=2&hsh=4&fclid=${fakeId(`${url}#fclid`, 32)}&u=${encodeBingU(url)}&ntb=1`;
}

function adBlock(ctx: SerpContext): string {
  if (ctx.ads.length === 0) return '';
  const ads = ctx.ads
    .map((ad, i) => `<li class="${i === ctx.ads.length - 1 ? 'b_adLastChild' : ''}"><div class="sb_add sb_adTA"><h2><a href="https://www.bing.com/aclk?ld=e8${fakeId(ad.url, 40)}&amp;u=${esc(Buffer.from(ad.url).toString('base64url'))}" h="ID=SERP,5060.1" data-ad="1">${esc(ad.title)}</a></h2><div class="b_caption"><div class="b_attribution"><cite>${esc(hostOf(ad.url))}</cite><span class="b_adSlug b_opttxt b_divdef">Ad</span></div><p>${esc(ad.snippet)}</p></div></div></li>`)
    .join('');
  return `<li class="b_ad b_adTop" data-bm="4"><ul>${ads}</ul></li>`;
}

function algo(ctx: SerpContext, index: number): string {
  const item = ctx.items[index];
  if (!item) return '';
  const href = esc(bingClickUrl(ctx.base, item.url));
  const site = esc(item.siteName ?? hostOf(item.url));
  const date = item.date ? `<span class="news_dt">${esc(item.date)}</span>&nbsp;&#0183;&#32;` : '';
  return `<li class="b_algo" data-tag="" data-partnerTag="" data-id="" data-bm="${6 + index}"><div class="b_tpcn"><a class="tilk" aria-label="${site}" href="${href}" h="ID=SERP,${5045 + index * 10}.1"><div class="tpic"><div class="wr_fav" data-priority="2"><div class="cico siteicon" style="width:32px;height:32px;"><div class="rms_iac" data-height="32" data-width="32" data-alt="Global web icon" data-class="rms_img" data-src="//th.bing.com/th?id=ODLS.${fakeId(item.url, 8)}&amp;w=32&amp;h=32&amp;qlt=90&amp;pcl=fffffa&amp;o=6&amp;pid=1.2"></div></div></div></div><div class="tptxt"><div class="tptt">${site}</div><div class="tpmeta"><div class="b_attribution" u="${index}|5058|${fakeId(item.url, 12)}" tabindex="0"><cite>${esc(displayUrl(item.url))}</cite></div></div></div></a></div><h2><a href="${href}" h="ID=SERP,${5046 + index * 10}.1">${esc(item.title)}</a></h2><div class="b_caption" role="contentinfo"><p class="b_lineclamp2 b_algoSlug"><span class="algoSlug_icon" data-priority="2">WEB</span>${date}${highlight(item.snippet, ctx.query, 'strong')}</p></div></li>`;
}

export function renderBing(ctx: SerpContext): EngineReply {
  const q = esc(ctx.query);
  const path = esc(basePath(ctx.base));
  const eq = encodeURIComponent(ctx.query);
  const list = ctx.items.length === 0
    ? `<li class="b_no"><h1>There are no results for <strong>${q}</strong></h1><ul><li><span>Check your spelling or try different keywords</span></li></ul></li>`
    : `${adBlock(ctx)}${ctx.items.map((_, i) => algo(ctx, i)).join('')}<li class="b_pag"><nav role="navigation" aria-label="More results for ${q}"><h4 class="b_hide">Pagination</h4><ul class="sb_pagF" aria-label="More results for ${q}"><li><a class="sb_pagS sb_pagS_bp b_widePag sb_bp" aria-label="Page 1">1</a></li><li><a class="b_widePag sb_bp" aria-label="Page 2" href="${path}/search?q=${eq}&amp;first=11&amp;FORM=PERE" h="ID=SERP,5200.1">2</a></li><li><a class="sb_pagN sb_pagN_bp b_widePag sb_bp " title="Next page" href="${path}/search?q=${eq}&amp;first=11&amp;FORM=PORE" h="ID=SERP,5199.1"><div class="sw_next">Next</div></a></li></ul></nav></li>`;
  return htmlReply(`<!DOCTYPE html><html dir="ltr" lang="en" xml:lang="en" xmlns="http://www.w3.org/1999/xhtml" xmlns:Web="http://schemas.live.com/Web/"><script type="text/javascript" nonce="${fakeId(ctx.query, 22)}">//<![CDATA[
si_ST=new Date
//]]></script><head><!--pc--><title>${q} - Search</title><meta content="text/html; charset=utf-8" http-equiv="content-type" /><meta name="referrer" content="origin-when-cross-origin" /><meta property="og:description" content="Intelligent search from Bing makes it easier to quickly find what you&#8217;re looking for and rewards you." /><meta property="og:site_name" content="Bing" /><meta property="og:title" content="${q} - Bing" /><meta property="og:url" content="https://www.bing.com/search?q=${esc(eq)}" /><link rel="icon" href="/sa/simg/favicon-trans-bg-blue-mg.ico" /><style type="text/css">#b_header #id_h{content-visibility:auto}#b_results>li{margin:0 0 28px}</style></head><body class="b_respl"><header id="b_header" class=""><a id="b_skip_to_content" href="#" tabindex="0" role="button"><div class="text-back"><div class="text" href="#">Skip to content</div></div></a><form action="${path}/search" id="sb_form" class=" hassbi"><div class="b_searchboxForm" role="search"><input class="b_searchbox " id="sb_form_q" name="q" aria-autocomplete="both" aria-label="Enter your search here - Search suggestions will show as you type" type="search" value="${q}" maxlength="1000" dir="" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" /></div><input id="sa_qs" name="qs" value="ds" type="hidden" /><input type="hidden" value="QBRE" name="form" /></form><nav class="b_scopebar" role="navigation" aria-label="Search Filter"><ul><li class=" b_active" id="b-scopeListItem-web"><a class="b_active" aria-current="page" href="${path}/search?q=${eq}&amp;FORM=000017">All</a></li><li id="b-scopeListItem-images"><a href="/images/search?q=${eq}&amp;FORM=HDRSC2">Images</a></li><li id="b-scopeListItem-video"><a href="/videos/search?q=${eq}&amp;FORM=HDRSC3">Videos</a></li></ul></nav></header><main aria-label="Search Results"><ol id="b_results" class="">${list}</ol></main><aside aria-label="Additional Results"><ol id="b_context"></ol></aside><footer id="b_footer" class="b_footer" role="contentinfo" aria-label="Footer"><div id="b_footerItems"><span>&#169; 2026 Microsoft</span><ul><li><a id="sb_privacy" href="http://go.microsoft.com/fwlink/?LinkId=521839">Privacy and Cookies</a></li><li><a id="sb_legal" href="http://go.microsoft.com/fwlink/?LinkID=246338">Legal</a></li><li><a id="sb_help" href="https://support.microsoft.com/topic/82d20721-2d6f-4012-a13d-d1910ccf203f">Help</a></li><li><a id="sb_feedback" href="#">Feedback</a></li></ul></div></footer></body></html>`);
}
