import { basePath, displayUrl, esc, fakeId, highlight, htmlReply, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// www.google.com/search as Chromium renders it (the DOM after scripts ran, as the browser runtime reads it).
// Organic results in `#search #rso`, each `a > h3` with the snippet in `.VwiC3b`; ads in `#tads` above;
// a "People also ask" block whose hidden answers also contain `a > h3`. Links are `/url?q=...&sa=U...`
// (the no-JavaScript form, still served to some clients) unless listed in `directLinks`.

export function googleUrlWrapper(base: string, url: string): string {
  return `${basePath(base)}/url?q=${encodeURIComponent(url)}&sa=U&ved=2ahUKEwi${fakeId(url, 20)}QFnoECAEQAg&usg=AOvVaw${fakeId(`${url}#usg`, 22)}`;
}

function organic(ctx: SerpContext, index: number, direct: boolean): string {
  const item = ctx.items[index];
  if (!item) return '';
  const href = esc(direct ? item.url : googleUrlWrapper(ctx.base, item.url));
  const ping = direct ? ` ping="${esc(`${basePath(ctx.base)}/url?sa=t&source=web&rct=j&opi=89978449&url=${encodeURIComponent(item.url)}&ved=2ahUKEwi${fakeId(item.url, 20)}`)}"` : '';
  const cite = displayUrl(item.url);
  const [origin, ...rest] = cite.split(' \u203a ');
  const date = item.date ? `<span class="YrbPuc"><span>${esc(item.date)}</span> \u2014 </span>` : '';
  return `<div class="MjjYud"><div class="g Ww4FFb vt6azd tF2Cxc asEBEc" lang="en" style="width:600px" data-hveid="CA${fakeId(item.url, 6)}" data-ved="2ahUKEwi${fakeId(item.url, 24)}"><div class="N54PNb BToiNc" data-snc="ih6Jnb_${fakeId(item.url, 7)}"><div class="kb0PBd A9Y9g jGGQ5e" data-snf="x5WNvb" data-snhf="0"><div class="yuRUbf"><div><span jscontroller="msmzHf" jsaction="rcuQ6b:npT2md;PYDNKe:bLV6Bd;mLt3mc"><a jsname="UWckNb" class="zReHs" href="${href}" data-ved="2ahUKEwi${fakeId(item.url, 24)}QFnoECBAQAQ"${ping}><br><h3 class="LC20lb MBeuO DKV0Md">${esc(item.title)}</h3><div class="notranslate HGLrXd NJjxre iUh30 ojE3Fb"><div class="q0vns"><span class="H9lube"><div class="eqA2re NjwKYd Vwoesf" aria-hidden="true"><img class="XNo5Ab" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAMAAAAoLQ9TAAAAA3NCSVQICAjb4U/gAAAACXBIWXMAAAsTAAALEwEAmpwYAAAAD1BMVEX///8AAAD///8AAAAAAAB6K7IBAAAABXRSTlMAEBBwwJb" style="height:18px;width:18px" alt="" data-csiid="${fakeId(item.url, 10)}" data-atf="1"></div></span><div class="CA5RN"><div><span class="VuuXrf">${esc(item.siteName ?? hostOf(item.url))}</span></div><div class="byrV5b"><cite class="qLRx3b tjvcx GvPZzd cHaqb" role="text">${esc(origin ?? '')}<span class="ylgVCe ob9lvb" role="text">${rest.map((p) => ` \u203a ${esc(p)}`).join('')}</span></cite></div></div></div></div></a></span></div></div></div><div class="kb0PBd A9Y9g" data-sncf="1" data-snf="nke7rc"><div class="VwiC3b yXK7lf p4wth r025kc hJNv6b Hdw6tb" style="-webkit-line-clamp:2">${date}<span>${highlight(item.snippet, ctx.query, 'em')}</span></div></div></div></div></div>`;
}

function ads(ctx: SerpContext): string {
  if (ctx.ads.length === 0) return '';
  const blocks = ctx.ads
    .map((ad) => `<div class="uEierd"><div class="v5yQqb"><a class="sVXRqc" data-pcu="${esc(ad.url)}" data-rw="https://www.googleadservices.com/pagead/aclk?sa=L&amp;ai=${fakeId(ad.url, 40)}&amp;ae=2" href="${esc(ad.url)}"><div class="CCgQ5 vCa9Yd QfkTvb N8QANc MUxGbd v0nnCb" aria-level="3" role="heading"><span>${esc(ad.title)}</span></div><div class="d8lRkd"><span class="U3A9Ac qV8iec">Sponsored</span><span class="x2VHCd OSrXXb ob9lvb" role="text">${esc(hostOf(ad.url))}</span></div></a></div><div class="p4wth">${esc(ad.snippet)}</div></div>`)
    .join('');
  return `<div id="tvcap"><div id="tads" aria-label="Ads"><h1 class="bNg8Rb OhScic zsYMMe BBwThe" style="display:none">Ads</h1>${blocks}</div></div>`;
}

function peopleAlsoAsk(ctx: SerpContext): string {
  const item = ctx.items[0];
  if (!item) return '';
  // Hidden answers carry their own "a > h3": a parser reading every h3 link would count them twice.
  return `<div class="MjjYud"><div jscontroller="ymbzKd" class="Wt5Tfe"><div class="cUnQKe"><h2 class="bNg8Rb OhScic zsYMMe BBwThe" aria-level="2" role="heading">People also ask</h2><div jsname="N760b" class="LQCGqc"><div class="related-question-pair" data-q="Who is ${esc(ctx.query)}?" data-lk=""><div role="button" class="dnXCYb"><div class="JlqpRe"><span>Who is ${esc(ctx.query)}?</span></div></div><div class="iRPzcb" style="display:none"><div class="wDYxhc"><span class="hgKElc">An answer drawn from a result page.</span></div><div class="yuRUbf"><a href="https://answers.example.org/q/${fakeId(item.url, 8)}"><br><h3 class="LC20lb MBeuO DKV0Md">Answer source page</h3></a></div></div></div></div></div></div></div>`;
}

export function renderGoogle(ctx: SerpContext, options: { directLinks?: number[] } = {}): EngineReply {
  const q = esc(ctx.query);
  const path = esc(basePath(ctx.base));
  const direct = new Set(options.directLinks ?? []);
  const main = ctx.items.length === 0
    ? `<div id="topstuff"><div class="card-section"><p role="heading" aria-level="3" style="padding-top:.33em">Your search - <em>${q}</em> - did not match any documents.</p><p style="margin-top:1em">Suggestions:</p><ul style="margin-left:1.3em;margin-bottom:2em"><li>Make sure that all words are spelled correctly.</li><li>Try different keywords.</li><li>Try more general keywords.</li></ul></div></div>`
    : `<div id="topstuff"></div><div id="search"><div data-hveid="CAEQAA"><h1 class="bNg8Rb OhScic zsYMMe BBwThe" style="display:none">Search Results</h1><div id="rso" class="dURPMd" data-async-context="query:${esc(encodeURIComponent(ctx.query))}">${ctx.items.map((_, i) => (i === 1 ? peopleAlsoAsk(ctx) : '') + organic(ctx, i, direct.has(i))).join('')}</div></div></div>`;
  return htmlReply(`<!DOCTYPE html><html itemscope="" itemtype="http://schema.org/SearchResultsPage" lang="en"><head><meta charset="UTF-8"><meta content="origin" name="referrer"><meta content="/images/branding/googleg/1x/googleg_standard_color_128dp.png" itemprop="image"><title>${q} - Google Search</title><style>.LC20lb{display:inline-block;line-height:1.33;margin-bottom:3px}.VwiC3b{word-wrap:break-word}</style><script nonce="${fakeId(ctx.query, 22)}">(function(){var _g={kEI:'${fakeId(ctx.query, 22)}',kEXPI:'0,1359409,6059,206'};google=window.google||{};google.sn='web';})();</script></head><body jsmodel="hspDDf" class="srp" marginheight="3" topmargin="3" id="gsr"><div class="L3eUgb" data-hveid="1"><div class="o3j99 n1xJcf Ne6nSd"><a class="gb_F" href="https://accounts.google.com/ServiceLogin?hl=en&amp;continue=https://www.google.com/search%3Fq%3D${esc(encodeURIComponent(encodeURIComponent(ctx.query)))}">Sign in</a></div><div id="searchform" class="CvDJxb minidiv"><form class="tsf" action="${path}/search" id="tsf" autocomplete="off" data-submitfalse="q" method="GET" name="f" role="search"><div class="RNNXgb"><textarea class="gLFyf" aria-controls="Alh6id" aria-owns="Alh6id" autofocus="" title="Search" aria-label="Search" name="q" role="combobox" rows="1">${q}</textarea></div></form></div><div id="main"><div id="cnt" class="e9EfHf"><div id="appbar"><div id="slim_appbar"><div id="result-stats">About ${ctx.items.length * 137} results<nobr> (0.31 seconds)&nbsp;</nobr></div></div></div><div id="taw">${ads(ctx)}</div><div id="rcnt"><div id="center_col"><div id="res" role="main" class="eqAnXb">${main}</div><div id="botstuff"><div id="bres"></div><div role="navigation"><table class="AaVjTc" role="presentation"><tr><td class="YyVfkd">1</td><td><a aria-label="Page 2" class="fl" href="${path}/search?q=${esc(encodeURIComponent(ctx.query))}&amp;start=10">2</a></td><td class="d6cvqb BBwThe"><a id="pnnext" href="${path}/search?q=${esc(encodeURIComponent(ctx.query))}&amp;start=10"><span class="oeN89d">Next</span></a></td></tr></table></div></div></div></div></div></div><div id="footcnt"><div class="fbar"><a class="pHiOh" href="https://policies.google.com/privacy?hl=en">Privacy</a><a class="pHiOh" href="https://policies.google.com/terms?hl=en">Terms</a></div></div></div></body></html>`);
}
