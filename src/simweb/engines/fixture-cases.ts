import type { BlockSignal, EngineId, RawResponse } from '../../providers/provider.types.ts';
import { ENGINES } from '../../providers/engine-registry.ts';
import { renderBingKnowledge } from './templates/bing-visual.template.ts';
import { renderBlockReply, renderCaptchaPage } from './templates/block-pages.template.ts';
import { renderSearxng } from './templates/searxng.template.ts';
import { renderSerp } from './templates/render-serp.ts';
import type { EngineReply, SerpAd, SerpContext, SerpItem } from './templates/template.types.ts';
import { renderTinEyeApi, renderTinEyeRefusal } from './templates/tineye.template.ts';

// The recorded pages under test/fixtures/engines, made from the same templates as the simulated engines
// with the real engines' hosts. Regenerate with `npx tsx src/simweb/engines/write-fixtures.ts`.

export const FIXTURE_QUERY = '"Lola Velvet"';
export const FIXTURE_IMAGE_URL = 'https://cdn.example.net/u/lola/photo-01.jpg';

/** Real hosts, so wrappers look like the real ones (`//duckduckgo.com/l/`, `https://www.bing.com/ck/a`). */
export const REAL_BASES: Record<EngineId, string> = {
  searxng: 'https://searx.example.org',
  duckduckgo: 'https://duckduckgo.com',
  bing: 'https://www.bing.com',
  brave: 'https://search.brave.com',
  mojeek: 'https://www.mojeek.com',
  google: 'https://www.google.com',
  startpage: 'https://www.startpage.com',
  yandex: 'https://yandex.com',
  tineye: 'https://tineye.com',
  'bing-visual': 'https://www.bing.com',
  'yandex-images': 'https://yandex.com',
  'google-lens': 'https://www.google.com',
};

export const FIXTURE_ITEMS: SerpItem[] = [
  {
    url: 'https://forum.bruxelles-nuit.example/thread/4412?page=2#p2',
    title: 'Qui se cache derrière Lola Velvet ? - Forum Bruxelles Nuit',
    snippet: "Facile, je l'ai reconnue sur une photo de promo. C'est DUBOIS, Marie-Claire, elle a fait ses études à l'ULB.",
    date: '3 juil. 2026',
  },
  {
    url: 'https://pastedump.example/p/8fk2a',
    title: 'Lola Velvet <script>alert(1)</script>',
    snippet: 'Works as "Lola Velvet" <img src=x onerror=alert(1)> & more: phone 0470 12 34 56',
  },
  {
    url: 'https://www.roodlicht.example/advertentie/991',
    title: 'Lola Velvet – Escort Brussel | Advertentie 991',
    snippet: 'Hoi schatjes, ik ben Lola Velvet, 29 jaar. Bel of app: +32 (0)470 123 456.',
  },
  { url: 'javascript:alert(document.cookie)', title: 'Lola Velvet gallery', snippet: 'A link to nowhere that must never be followed.' },
  {
    url: 'https://xn--bcher-kva.example/velvet/lola%20velvet?ref=a&b=c',
    title: 'Bücher & “Velvet” — Lola',
    snippet: 'Ümlauts, entities &amp; “curly quotes” stay as they are.',
  },
];

export const FIXTURE_IMAGE_ITEMS: SerpItem[] = [
  { url: 'https://www.roodlicht.example/advertentie/991', title: 'Lola Velvet - Escort Brussel', snippet: 'Hoi schatjes, ik ben Lola Velvet', imageUrl: 'https://www.roodlicht.example/media/991-main.jpg', imageWidth: 800, imageHeight: 502, date: '2026-08-02' },
  { url: 'https://tubeleaks.example/v/lola-velvet-leaked', title: 'Lola Velvet leaked <b>video</b>', snippet: 'Private video of Brussels escort', imageUrl: 'https://cdn.tubeleaks.example/thumbs/lola.jpg', imageWidth: 640, imageHeight: 402, date: '2026-08-21' },
  { url: 'javascript:alert(1)', title: 'broken', snippet: 'must be dropped', imageUrl: 'https://evil.example/x.jpg' },
];

export const FIXTURE_ADS: SerpAd[] = [
  { url: 'https://www.singles-brussels.example/join', title: 'Meet Singles in Brussels - Free Registration', snippet: 'Thousands of singles near you.' },
];

function requestUrlFor(engine: EngineId): string {
  const def = ENGINES[engine];
  const request = def.kind === 'web' ? def.buildRequest(FIXTURE_QUERY, { endpoint: def.defaultEndpoint }) : def.buildRequest(FIXTURE_IMAGE_URL, { endpoint: def.defaultEndpoint });
  return request.url;
}

function toRaw(reply: EngineReply, finalUrl: string, redirectChain: string[] = []): RawResponse {
  const raw: RawResponse = { status: reply.status, finalUrl, headers: { ...reply.headers }, body: reply.body };
  if (redirectChain.length > 0) raw.redirectChain = redirectChain;
  return raw;
}

/** A refusal as the runtime would see it: redirects to CAPTCHA pages followed. */
export function blockedExchange(engine: EngineId, signal: BlockSignal, base = REAL_BASES[engine], requestUrl = requestUrlFor(engine)): RawResponse {
  const query = ENGINES[engine].kind === 'web' ? FIXTURE_QUERY : FIXTURE_IMAGE_URL;
  const reply = renderBlockReply(engine, ENGINES[engine].label, signal, { base, query, requestUrl });
  const location = reply.headers.location;
  if (reply.status >= 300 && reply.status < 400 && location) {
    const target = new URL(location, requestUrl);
    const path = target.pathname.slice(new URL(base).pathname.replace(/\/$/, '').length);
    const page = renderCaptchaPage(path, { base, requestUrl: target.href });
    if (page) return toRaw(page, target.href, [requestUrl]);
  }
  return toRaw(reply, requestUrl);
}

function context(engine: EngineId, items: SerpItem[]): SerpContext {
  const reverse = ENGINES[engine].kind === 'reverse_image';
  return { query: reverse ? FIXTURE_IMAGE_URL : FIXTURE_QUERY, items, ads: reverse ? [] : FIXTURE_ADS, page: 1, base: REAL_BASES[engine] };
}

function render(engine: EngineId, ctx: SerpContext): EngineReply {
  // Google's first result as Chromium shows it (direct link with ping), the others wrapped in /url?q=.
  return renderSerp(engine, ctx, { unresponsive: ctx.items.length > 0 ? UNRESPONSIVE : [], googleDirectLinks: [0] });
}

const LENS_RESULTS_URL = 'https://www.google.com/search?vsrid=CKz2mJ7n9d2hJhCL3oXk8_7_7wEYAiIkMzY&gsessionid=fake&lns_surface=26&lns_mode=un&source=lns.web.gsbubu&udm=26';

const UNRESPONSIVE: Array<[string, string]> = [['google cse', 'Suspended: CAPTCHA'], ['mojeek', 'HTTP error 403 (access denied)']];

export interface FixtureCase {
  engine: EngineId;
  name: string;
  file: string;
  response: RawResponse;
}

const RECORDED_SIGNALS: Partial<Record<EngineId, BlockSignal[]>> = {
  searxng: ['searxng_format_disabled', 'searxng_limiter'],
  duckduckgo: ['ddg_challenge_form', 'http_403'],
  bing: ['bing_captcha', 'http_429'],
  brave: ['http_429', 'cloudflare_challenge'],
  mojeek: ['http_403', 'cloudflare_firewall'],
  google: ['google_sorry', 'recaptcha'],
  startpage: ['startpage_captcha', 'http_429'],
  yandex: ['yandex_captcha', 'http_403'],
  tineye: ['cloudflare_challenge', 'http_429'],
  'bing-visual': ['bing_captcha'],
  'yandex-images': ['yandex_captcha'],
  'google-lens': ['google_sorry'],
};

export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const engine of Object.keys(REAL_BASES) as EngineId[]) {
    const reverse = ENGINES[engine].kind === 'reverse_image';
    const requestUrl = requestUrlFor(engine);
    const items = reverse ? FIXTURE_IMAGE_ITEMS : FIXTURE_ITEMS;
    const ok = render(engine, context(engine, items));
    const ext = ok.headers['content-type']?.startsWith('application/json') ? 'json' : 'html';
    // Lens answers the upload URL with a redirect to its results on www.google.com.
    const [finalUrl, chain] = engine === 'google-lens' ? [LENS_RESULTS_URL, [requestUrl]] : [requestUrl, []];
    cases.push({ engine, name: 'ok', file: `ok.${ext}`, response: toRaw(ok, finalUrl, chain) });
    cases.push({ engine, name: 'empty', file: `empty.${ext}`, response: toRaw(render(engine, context(engine, [])), finalUrl, chain) });
    for (const signal of RECORDED_SIGNALS[engine] ?? []) {
      const response = blockedExchange(engine, signal, REAL_BASES[engine], requestUrl);
      cases.push({ engine, name: signal, file: `${signal}.html`, response });
    }
  }
  cases.push({ engine: 'searxng', name: 'upstream-failed', file: 'upstream-failed.json', response: toRaw(renderSearxng(context('searxng', []), UNRESPONSIVE), requestUrlFor('searxng')) });
  const tineyeApi = 'https://api.tineye.com/rest/search/?image_url=https%3A%2F%2Fcdn.example.net%2Fu%2Flola%2Fphoto-01.jpg';
  cases.push({ engine: 'tineye', name: 'api-ok', file: 'api-ok.json', response: toRaw(renderTinEyeApi(context('tineye', FIXTURE_IMAGE_ITEMS)), tineyeApi) });
  cases.push({ engine: 'tineye', name: 'no-signature', file: 'no-signature.json', response: toRaw(renderTinEyeRefusal('NO_SIGNATURE_ERROR'), requestUrlFor('tineye')) });
  cases.push({
    engine: 'bing-visual',
    name: 'knowledge-ok',
    file: 'knowledge-ok.json',
    response: toRaw(renderBingKnowledge(context('bing-visual', FIXTURE_IMAGE_ITEMS)), 'https://www.bing.com/images/api/custom/knowledge?rshighlight=true&textDecorations=true&internalFeatures=similarproducts,share&nbl=1&skey=abc&safeSearch=off&mkt=en-us&setLang=en-us&iss=SBIUPLOADGET&IID=idpins&SFX=1'),
  });
  return cases;
}
