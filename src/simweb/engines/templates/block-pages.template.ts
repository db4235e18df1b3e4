import type { BlockSignal, EngineId } from '../../../providers/provider.types.ts';
import { basePath, esc, fakeId, htmlReply, redirectReply, type EngineReply } from './template.types.ts';

// What engines answer instead of results: rate limits, bans, CAPTCHAs and interstitials, written after
// the real pages (reference §1.3/§1.4, SearXNG's detection code). Redirect-based CAPTCHAs (Google /sorry,
// Startpage /sp/captcha, Yandex /showcaptcha, Bing /turing/captcha) answer the search with a 302 to a
// CAPTCHA page served by `renderCaptchaPage`.

export interface BlockContext {
  base: string;
  query: string;
  /** The URL of the refused search (for "continue"/"retpath" parameters). */
  requestUrl: string;
}

const GENERIC: BlockSignal[] = ['http_429', 'http_403', 'cloudflare_challenge', 'cloudflare_firewall', 'recaptcha', 'http_error', 'unparseable'];

const SPECIFIC: Partial<Record<EngineId, BlockSignal[]>> = {
  duckduckgo: ['ddg_challenge_form'],
  bing: ['bing_captcha'],
  'bing-visual': ['bing_captcha'],
  google: ['google_sorry'],
  'google-lens': ['google_sorry'],
  startpage: ['startpage_captcha'],
  yandex: ['yandex_captcha'],
  'yandex-images': ['yandex_captcha'],
  searxng: ['searxng_format_disabled', 'searxng_limiter'],
};

/** The refusals an engine can be made to give. SearXNG's 403/429 mean its own format/limiter signals. */
export function signalsFor(engine: EngineId): BlockSignal[] {
  const generic = engine === 'searxng' ? GENERIC.filter((s) => s !== 'http_403' && s !== 'http_429') : GENERIC;
  return [...(SPECIFIC[engine] ?? []), ...generic];
}

const CAPTCHA_PATHS: Partial<Record<BlockSignal, string>> = {
  google_sorry: '/sorry/index',
  startpage_captcha: '/sp/captcha',
  yandex_captcha: '/showcaptcha',
  bing_captcha: '/turing/captcha/challenge',
};

function simplePage(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

function cloudflareChallenge(ctx: BlockContext): EngineReply {
  const ray = fakeId(ctx.requestUrl, 16);
  const host = new URL(ctx.base).host;
  return htmlReply(
    `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1"><style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15}</style><meta http-equiv="refresh" content="390"></head><body class="no-js"><div class="main-wrapper" role="main"><div class="main-content"><noscript><div id="challenge-error-title"><div class="h2"><span class="icon-wrapper"><div class="heading-icon warning-icon"></div></span><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></div></noscript><h1 class="zone-name-title h1">${esc(host)}</h1><h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2></div></div><script>(function(){window._cf_chl_opt={cvId: '3',cZone: "${esc(host)}",cType: 'managed',cRay: '${ray}',cH: '${fakeId(ray, 43)}',cUPMDTk: "\\/?__cf_chl_tk=${fakeId(ray, 32)}-1755856800-0.0.1.1-1234"};var cpo = document.createElement('script');cpo.src = '/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=${ray}';window._cf_chl_opt.cOgUHash = location.hash;document.getElementsByTagName('head')[0].appendChild(cpo);}());</script><div class="footer" role="contentinfo"><div class="footer-inner"><div class="clearfix diagnostic-wrapper"><div class="ray-id">Ray ID: <code>${ray}</code></div></div><div class="text-center" id="footer-text">Performance &amp; security by <a rel="noopener noreferrer" href="https://www.cloudflare.com" target="_blank">Cloudflare</a></div></div></div></body></html>`,
    403,
    { server: 'cloudflare', 'cf-ray': `${ray}-BRU`, 'cf-mitigated': 'challenge', 'cache-control': 'private, max-age=0, no-store, no-cache, must-revalidate' },
  );
}

function cloudflareFirewall(ctx: BlockContext): EngineReply {
  const ray = fakeId(ctx.requestUrl, 16);
  const host = new URL(ctx.base).host;
  return htmlReply(
    `<!DOCTYPE html><!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]--><!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]--><head><title>Access denied | ${esc(host)} used Cloudflare to restrict access</title><meta charset="UTF-8" /><meta name="robots" content="noindex, nofollow" /><link rel="stylesheet" id="cf_styles-css" href="/cdn-cgi/styles/main.css" /></head><body><div id="cf-wrapper"><div class="cf-alert cf-alert-error cf-cookie-error hidden" id="cookie-alert" data-translate="enable_cookies">Please enable cookies.</div><div id="cf-error-details" class="p-0"><header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8"><h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2"><span data-translate="error">Error</span><span class="cf-error-code">1020</span></h1><span class="inline-block sm:block font-mono text-15 lg:text-sm lg:leading-relaxed">Ray ID: ${ray} &bull;</span><h2 class="text-gray-600 leading-1.3 text-3xl font-light">Access denied</h2></header><section class="w-240 lg:w-full mx-auto mb-8 lg:px-8"><div id="what-happened-section" class="w-1/2 md:w-full"><h2 class="text-3xl leading-tight font-normal mb-4 text-black-dark antialiased" data-translate="what_happened">What happened?</h2><p>This website is using a security service to protect itself from online attacks.</p></div></section><div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300"><p class="text-13"><span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">${ray}</strong></span></p></div></div></div></body></html>`,
    403,
    { server: 'cloudflare', 'cf-ray': `${ray}-BRU` },
  );
}

function recaptcha(engineLabel: string): EngineReply {
  return htmlReply(
    simplePage(`${esc(engineLabel)} - Service unavailable`, `<div class="container"><h1>Please verify you are a human</h1><p>Access to this page has been denied because we believe you are using automation tools to browse the website.</p><form id="challenge" action="/verify" method="post"><div class="g-recaptcha" data-sitekey="6Lc${fakeId(engineLabel, 37)}"></div><button type="submit">Continue</button></form></div><script src="https://www.google.com/recaptcha/api.js" async defer></script>`),
    503,
  );
}

function duckDuckGoChallenge(ctx: BlockContext): EngineReply {
  const squares = Array.from({ length: 9 }, (_, i) => `<div class="anomaly-modal__image" data-index="${i}"><img src="../assets/anomaly/images/challenge/${fakeId(`${ctx.query}${i}`, 32)}.jpg" alt="" class="anomaly-modal__image__img"><input type="checkbox" class="anomaly-modal__image__check" name="image-check_${fakeId(`${ctx.query}${i}`, 16)}"></div>`).join('');
  const action = `//duckduckgo.com/anomaly.js?sv=html&cc=botnet&ti=${fakeId(ctx.query, 16)}&gk=d4cd0dabcf4caa22ad92fab40844c786&p=${fakeId(`${ctx.query}#p`, 32)}&q=${encodeURIComponent(ctx.query)}&o=${fakeId(`${ctx.query}#o`, 24)}&r=use`;
  return htmlReply(
    `<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>DuckDuckGo</title><link rel="stylesheet" href="//duckduckgo.com/dist/h.aeda52882d97098ab9ec.css"></head><body class="body--html"><div class="anomaly-modal__mask"><div class="anomaly-modal__modal" data-testid="anomaly-modal"><div class="anomaly-modal__title">Unfortunately, bots use DuckDuckGo too.</div><div class="anomaly-modal__description">Please complete the following challenge to confirm this search was made by a human.</div><div class="anomaly-modal__instructions">Select all squares containing a duck:</div><form id="challenge-form" action="${esc(action)}" method="POST"><div class="anomaly-modal__images">${squares}</div><button type="submit" class="btn btn--primary anomaly-modal__submit">Submit</button></form><div class="anomaly-modal__feedback">Images not loading? Please email <a href="mailto:error-lite@duckduckgo.com">error-lite@duckduckgo.com</a>.</div></div></div></body></html>`,
    202,
  );
}

function unparseablePage(engineLabel: string): EngineReply {
  // A "200 OK" that is not a result page: a maintenance notice behind a load balancer.
  return htmlReply(simplePage(`${esc(engineLabel)}`, `<div class="maintenance"><h1>We'll be right back</h1><p>${esc(engineLabel)} is undergoing scheduled maintenance. Please try again later.</p></div>`));
}

/** The answer to a search while the engine refuses it. */
export function renderBlockReply(engine: EngineId, engineLabel: string, signal: BlockSignal, ctx: BlockContext): EngineReply {
  const captchaPath = CAPTCHA_PATHS[signal];
  if (captchaPath) {
    const params = signal === 'yandex_captcha'
      ? `?cc=1&mt=${fakeId(ctx.requestUrl, 40)}&retpath=${encodeURIComponent(Buffer.from(ctx.requestUrl).toString('base64'))}&t=2%2F1755856800%2F${fakeId(ctx.requestUrl, 12)}&u=${fakeId(ctx.query, 20)}&s=${fakeId(`${ctx.query}#s`, 32)}`
      : signal === 'google_sorry'
        ? `?continue=${encodeURIComponent(ctx.requestUrl)}&q=EgQ${fakeId(ctx.requestUrl, 60)}`
        : signal === 'bing_captcha'
          ? `?q=&iframeid=local-gen-${fakeId(ctx.requestUrl, 12)}`
          : '';
    return redirectReply(`${ctx.base}${captchaPath}${params}`);
  }
  switch (signal) {
    case 'http_429':
      return htmlReply(simplePage('429 Too Many Requests', `<h1>Too Many Requests</h1><p>${esc(engineLabel)} received too many requests from your network. Please slow down.</p>`), 429, { 'retry-after': '3600' });
    case 'http_403':
      return htmlReply(
        engine === 'mojeek'
          ? simplePage('403 - Forbidden', '<h1>403 - Forbidden</h1><p>Sorry your network appears to be sending automated queries.</p><p>If you think this is in error please contact us at support@mojeek.com</p>')
          : simplePage('403 Forbidden', `<h1>Access Denied</h1><p>You don't have permission to access ${esc(engineLabel)} from this network.</p>`),
        403,
      );
    case 'cloudflare_challenge':
      return cloudflareChallenge(ctx);
    case 'cloudflare_firewall':
      return cloudflareFirewall(ctx);
    case 'recaptcha':
      return recaptcha(engineLabel);
    case 'ddg_challenge_form':
      return duckDuckGoChallenge(ctx);
    case 'searxng_format_disabled':
      return htmlReply(`<!doctype html>\n<html lang=en>\n<title>403 Forbidden</title>\n<h1>Forbidden</h1>\n<p>You don&#39;t have the permission to access the requested resource. It is either read-protected or not readable by the server.</p>\n`, 403);
    case 'searxng_limiter':
      return htmlReply(`<!doctype html>\n<html lang=en>\n<title>429 Too Many Requests</title>\n<h1>Too Many Requests</h1>\n<p>Too many request</p>\n`, 429);
    case 'http_error':
      return htmlReply(simplePage('502 Bad Gateway', '<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>'), 502);
    default:
      return unparseablePage(engineLabel);
  }
}

/** The CAPTCHA page a redirect-based refusal lands on; `path` is relative to the engine base. */
export function renderCaptchaPage(path: string, ctx: { base: string; requestUrl: string }): EngineReply | null {
  if (path.startsWith('/sorry/')) {
    const url = new URL(ctx.requestUrl);
    const continueUrl = url.searchParams.get('continue') ?? '';
    return htmlReply(
      `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"><meta name="viewport" content="initial-scale=1"><title>${esc(continueUrl)}</title></head><body style="font-family: arial, sans-serif; background-color: #fff; color: #000; padding:20px; font-size:18px; overscroll-behavior:contain;" onload="e=document.getElementById('captcha');if(e){e.focus();}"><div style="max-width:400px;"><hr noshade size="1" style="color:#ccc; background-color:#ccc;"><br><form id="captcha-form" action="index" method="post"><noscript><div style="font-size:13px;">In order to continue, please enable javascript on your web browser.</div></noscript><script src="https://www.google.com/recaptcha/api.js" async defer></script><script>var submitCallback = function(response) {document.getElementById('captcha-form').submit();};</script><div id="recaptcha" class="g-recaptcha" data-sitekey="6LfwuyUTAAAAAOAmoS0fdqijC2PbbdH4kjq62Y1b" data-callback="submitCallback" data-s="${fakeId(continueUrl, 120)}"></div><input type='hidden' name='q' value='EgQ${fakeId(continueUrl, 60)}'><input type="hidden" name="continue" value="${esc(continueUrl)}"></form><hr noshade size="1" style="color:#ccc; background-color:#ccc;"><div style="font-size:13px;"><b>About this page</b><br><br>Our systems have detected unusual traffic from your computer network.  This page checks to see if it&#39;s really you sending the requests, and not a robot.  <a href="#" onclick="document.getElementById('infoDiv').style.display='block';">Why did this happen?</a><br><br><div id="infoDiv" style="display:none; background-color:#eee; padding:10px; margin:0 0 15px 0; line-height:1.4em;">This page appears when Google automatically detects requests coming from your computer network which appear to be in violation of the <a href="//www.google.com/policies/terms/">Terms of Service</a>. The block will expire shortly after those requests stop.  In the meantime, solving the above CAPTCHA will let you continue to use our services.</div>IP address: 203.0.113.7<br>Time: 2026-08-22T10:00:00Z<br>URL: ${esc(continueUrl)}<br></div></div></body></html>`,
      429,
    );
  }
  if (path.startsWith('/sp/captcha')) {
    return htmlReply(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Startpage</title></head><body class="captcha-page"><main class="captcha"><h1>Are you a human?</h1><p>We've noticed some unusual activity from your network. Please complete the check below to continue your private search.</p><form method="post" action="${esc(basePath(ctx.base))}/sp/captcha/verify"><div class="captcha-image"><img src="${esc(basePath(ctx.base))}/sp/captcha/image?t=${fakeId(ctx.requestUrl, 16)}" alt="captcha"></div><input type="text" name="captcha_answer" autocomplete="off"><button type="submit">Continue</button></form></main></body></html>`);
  }
  if (path.startsWith('/showcaptcha')) {
    return htmlReply(
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Are you not a robot?</title><meta name="viewport" content="width=device-width,initial-scale=1"></head><body><div class="Container"><div class="CheckboxCaptcha"><form method="POST" action="${esc(basePath(ctx.base))}/checkcaptcha?key=${fakeId(ctx.requestUrl, 40)}&amp;d=${fakeId(ctx.requestUrl, 12)}" id="checkbox-captcha-form"><div class="CheckboxCaptcha-Anchor"><input class="CheckboxCaptcha-Button" type="submit" id="js-button" aria-checked="false" role="checkbox" value=""><div class="Text">I'm not a robot</div></div><input type="hidden" name="rdata" value=""></form><p class="Text_typography_control">Please confirm that you and not a robot are sending requests</p></div><div class="CaptchaLinks"><a href="https://yandex.cloud/en/services/smartcaptcha">SmartCaptcha by Yandex Cloud</a></div></div></body></html>`,
      200,
      { 'x-yandex-captcha': 'captcha' },
    );
  }
  if (path.startsWith('/turing/captcha')) {
    return htmlReply(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bing</title></head><body><div id="b_captcha" class="b_captcha"><h1>One last step</h1><p>Please solve the challenge below to continue</p><div id="turingCaptcha" data-src="${esc(basePath(ctx.base))}/turing/captcha/challenge?q=&amp;iframeid=local-gen-${fakeId(ctx.requestUrl, 12)}"></div><p class="b_captcha_help">Having trouble? <a href="https://support.microsoft.com/topic/bing-captcha">Get help</a></p></div></body></html>`);
  }
  return null;
}
