import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_IDS, ENGINES } from '../../src/providers/engine-registry.ts';
import type { EngineId, EngineRequest, ImageQuery, RawResponse } from '../../src/providers/provider.types.ts';
import { attr, parseHtml, selectOne, textOf } from '../../src/shared/html-dom.ts';
import { signalsFor } from '../../src/simweb/engines/templates/block-pages.template.ts';
import { PHOTO_DIR } from '../../src/simweb/photos.ts';
import { DEMO_PERSON, PLANTED_PAGES } from '../../src/simweb/planted.ts';
import { createSimulatedWeb, type SimulatedWeb } from '../../src/simweb/server.ts';

/** Sends an engine request the way the runtime does: form or multipart body, redirects followed and recorded. */
async function send(request: EngineRequest): Promise<RawResponse> {
  const headers = { ...request.headers };
  let body: URLSearchParams | FormData | undefined;
  if (request.form) body = new URLSearchParams(request.form);
  if (request.multipart) {
    const form = new FormData();
    for (const [name, value] of Object.entries(request.multipart.fields)) form.append(name, value);
    for (const file of request.multipart.files) form.append(file.field, new Blob([Buffer.from(file.bytes)], { type: file.mime }), file.filename);
    body = form;
    delete headers['Content-Type'];
  }
  let url = request.url;
  let method: string = request.method;
  const chain: string[] = [];
  for (let hop = 0; hop < 6; hop++) {
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      chain.push(url);
      url = new URL(location, url).href;
      method = 'GET';
      body = undefined;
      continue;
    }
    return { status: res.status, finalUrl: url, headers: Object.fromEntries(res.headers), body: await res.text(), redirectChain: chain };
  }
  throw new Error('too many redirects');
}

const WEB_ENGINES = ENGINE_IDS.filter((id) => ENGINES[id].kind === 'web');
const REVERSE_ENGINES = ENGINE_IDS.filter((id) => ENGINES[id].kind === 'reverse_image');

describe('the simulated web', () => {
  let web: SimulatedWeb;
  const at = (path: string) => `${web.url}${path}`;
  const search = async (id: EngineId, q: string, page = 1) => {
    const engine = ENGINES[id];
    return engine.parse(await send(engine.buildRequest(q, { endpoint: web.engineEndpoints[id], page })));
  };
  const imageSearch = async (id: EngineId, image: ImageQuery) => {
    const engine = ENGINES[id];
    const request = engine.buildImageRequest?.(image, { endpoint: web.engineEndpoints[id] });
    if (!request) throw new Error(`${id} has no image request`);
    return engine.parse(await send(request));
  };

  beforeAll(async () => {
    web = await createSimulatedWeb({ port: 0 });
  });
  afterAll(async () => {
    await web.close();
  });

  it('listens on a random port of 127.0.0.1', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(web.engineEndpoints.bing).toBe(`${web.url}/engine/bing/search`);
  });

  it.each(PLANTED_PAGES.filter((p) => (!p.hostile || p.hostile === 'script_in_title' || p.hostile === 'broken_images') && !p.refuses).map((p) => [p.path, p] as const))('serves %s with its declared language', async (path, planted) => {
    const res = await fetch(at(path));
    expect(res.status).toBe(200);
    const doc = parseHtml(await res.text());
    expect(attr(selectOne(doc, 'html'), 'lang')).toBe(planted.lang);
  });

  it.each(WEB_ENGINES)('%s returns the planted pages for "Lola Velvet", with its wrappers decoded', async (id) => {
    const parsed = await search(id, '"Lola Velvet"');
    expect(parsed.outcome).toBe('ok');
    const urls = parsed.results.map((r) => r.url);
    for (const path of ['/site/dox-paste/p/8fk2a', '/site/forum-fr/thread/4412', '/site/ads-nl/advertentie/991', '/site/tube/v/lola-velvet-leaked', '/site/social/lolavelvet', '/site/lola-official/']) {
      expect(urls).toContain(at(path));
    }
    expect(urls.every((u) => u.startsWith(`${web.url}/site/`))).toBe(true);
    expect(parsed.results.find((r) => r.url === at('/site/hostile/xss'))?.title).toBe('Lola Velvet <script>alert(1)</script>');
  });

  it('refuses the members-board page with 403 and sends the fan-site gallery to its login form', async () => {
    const forbidden = await fetch(at('/site/members-board/profile/lv-2291'));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).not.toContain('Lola Velvet');
    const walled = await fetch(at('/site/fans-club/vip/lolavelvet_vip'), { redirect: 'manual' });
    expect(walled.status).toBe(302);
    expect(walled.headers.get('location')).toBe('/site/fans-club/login?next=%2Fsite%2Ffans-club%2Fvip%2Flolavelvet_vip');
    const login = await fetch(at('/site/fans-club/vip/lolavelvet_vip'));
    expect(await login.text()).toContain('type="password"');
  });

  it('pages through results', async () => {
    const first = await search('bing', '"Lola Velvet"', 1);
    const second = await search('bing', '"Lola Velvet"', 2);
    expect(first.results).toHaveLength(10);
    expect(second.results.length).toBeGreaterThan(0);
    expect(second.results.some((r) => first.results.some((f) => f.url === r.url))).toBe(false);
  });

  it('follows its own result wrappers to the target page', async () => {
    const page = await send({ method: 'POST', url: web.engineEndpoints.duckduckgo, headers: {}, form: { q: 'Tanneursstraat' } });
    const href = /href="(\/\/127\.0\.0\.1:\d+\/engine\/duckduckgo\/l\/\?uddg=[^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toBeDefined();
    const res = await fetch(`http:${href}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(at('/site/paste-de/raw/77q'));
  });

  it.each(PLANTED_PAGES.flatMap((p) => p.surfacedBy.filter((field) => field !== 'photos').map((field) => [p.path, field] as const)))('surfaces %s for the demo person\'s %s', async (path, field) => {
    const value = DEMO_PERSON[field][0] as string;
    const urls: string[] = [];
    for (const page of [1, 2]) urls.push(...(await search('searxng', `"${value}"`, page)).results.map((r) => r.url));
    expect(urls).toContain(at(path));
  });

  it('does not return look-alikes for the alias', async () => {
    const urls = (await search('mojeek', '"Lola Velvet"')).results.map((r) => r.url);
    expect(urls.some((u) => u.includes('/lookalike/'))).toBe(false);
  });

  it.each(REVERSE_ENGINES)('%s finds the pages showing copies of demo-1 from an uploaded original and from a copy\'s URL', async (id) => {
    const bytes = new Uint8Array(readFileSync(`${PHOTO_DIR}demo-1.jpg`));
    const uploaded = await imageSearch(id, { bytes, mime: 'image/jpeg' });
    const byUrl = await imageSearch(id, { url: at('/site/tube/thumbs/lola-velvet-leaked.jpg') });
    for (const parsed of [uploaded, byUrl]) {
      expect(parsed.outcome).toBe('ok');
      const urls = parsed.results.map((r) => r.url);
      expect(urls.slice(0, 2)).toEqual([at('/site/ads-nl/advertentie/991'), at('/site/tube/v/lola-velvet-leaked')]);
      expect(urls.includes(at('/site/lookalike/unrelated-photos'))).toBe(id === 'yandex-images' || id === 'google-lens');
    }
  });

  it('finds the official site and the ad for demo-2, and nothing for an unknown image', async () => {
    const parsed = await imageSearch('tineye', { bytes: new Uint8Array(readFileSync(`${PHOTO_DIR}demo-2.jpg`)) });
    expect(parsed.results.map((r) => r.url)).toEqual([at('/site/ads-nl/advertentie/991'), at('/site/lola-official/')]);
    expect(await imageSearch('tineye', { url: 'https://elsewhere.example/x.jpg' })).toMatchObject({ outcome: 'ok', results: [] });
  });

  it('answers with the block page of the chosen signal, which the parser classifies as such', async () => {
    web.setBlocked('bing', 'bing_captcha');
    expect(await search('bing', '"Lola Velvet"')).toMatchObject({ outcome: 'captcha', signal: 'bing_captcha', results: [] });
    web.setBlocked('bing', null);
    expect((await search('bing', '"Lola Velvet"')).outcome).toBe('ok');
  });

  it('is blocked and unblocked through the control endpoint', async () => {
    const control = (signal: string) => fetch(at(`/__control/block?engine=duckduckgo&signal=${signal}`), { method: 'POST' });
    expect((await control('ddg_challenge_form')).status).toBe(200);
    expect(await search('duckduckgo', 'x')).toMatchObject({ outcome: 'captcha', signal: 'ddg_challenge_form' });
    expect((await control('none')).status).toBe(200);
    expect((await search('duckduckgo', '"Lola Velvet"')).outcome).toBe('ok');
    expect((await control('google_sorry')).status).toBe(400);
    expect((await fetch(at('/__control/block?engine=nope&signal=http_429'), { method: 'POST' })).status).toBe(400);
  });

  it.each(ENGINE_IDS)('%s gives every refusal it knows in a form its parser recognises', async (id) => {
    for (const signal of signalsFor(id)) {
      web.setBlocked(id, signal);
      const engine = ENGINES[id];
      const request = engine.kind === 'web' ? engine.buildRequest('"Lola Velvet"', { endpoint: web.engineEndpoints[id] }) : engine.buildRequest(at('/site/tube/thumbs/lola-velvet-leaked.jpg'), { endpoint: web.engineEndpoints[id] });
      const parsed = engine.parse(await send(request));
      expect({ signal, got: parsed.signal, results: parsed.results }).toEqual({ signal, got: signal, results: [] });
    }
    web.setBlocked(id, null);
  });

  it('reports blocked engines in SearXNG\'s unresponsive_engines', async () => {
    web.setBlocked('brave', 'http_429');
    expect((await search('searxng', '"Lola Velvet"')).detail).toBe('unresponsive engines: brave: Suspended: CAPTCHA');
    web.setBlocked('brave', null);
  });

  it('serves copies of the photos that are real, transformed images', async () => {
    const original = await sharp(readFileSync(`${PHOTO_DIR}demo-1.jpg`)).metadata();
    const tube = Buffer.from(await (await fetch(at('/site/tube/thumbs/lola-velvet-leaked.jpg'))).arrayBuffer());
    const meta = await sharp(tube).metadata();
    expect(meta.width).toBe(640);
    expect((meta.height ?? 0) / (meta.width ?? 1)).toBeCloseTo((original.height ?? 0) / (original.width ?? 1), 1);
    const webp = await fetch(at('/site/ads-nl/media/991-crop.webp'));
    expect(webp.headers.get('content-type')).toBe('image/webp');
  });

  it('embeds the ad\'s photos in every way the manifest lists', async () => {
    const html = await (await fetch(at('/site/ads-nl/advertentie/991'))).text();
    const planted = PLANTED_PAGES.find((p) => p.path === '/site/ads-nl/advertentie/991');
    for (const photo of planted?.photos ?? []) expect(html).toContain(photo.path);
    expect(html).toContain(`<meta property="og:image" content="${at('/site/ads-nl/media/991-og.jpg')}">`);
  });

  it('serves the social profile without its text until scripts run', async () => {
    const doc = parseHtml(await (await fetch(at('/site/social/lolavelvet'))).text());
    expect(textOf(selectOne(doc, 'body'))).not.toContain('lolavelvet');
  });

  it('publishes the recipients the manifest promises', async () => {
    for (const recipient of PLANTED_PAGES.flatMap((p) => p.recipients)) {
      const body = await (await fetch(at(recipient.at))).text();
      expect(body).toContain(recipient.kind === 'email' ? recipient.address : recipient.formUrl);
    }
    const securityTxt = await fetch(at('/site/dox-paste/.well-known/security.txt'));
    expect(securityTxt.headers.get('content-type')).toContain('text/plain');
  });

  it('serves the hostile routes as advertised', async () => {
    const huge = await fetch(at('/site/hostile/huge'));
    expect((await huge.arrayBuffer()).byteLength).toBe(6 * 1024 * 1024);
    const metadata = await fetch(at('/site/hostile/redirect-private'), { redirect: 'manual' });
    expect(metadata.headers.get('location')).toMatch(/^http:\/\/169\.254\.169\.254\//);
    const chain = await fetch(at('/site/hostile/chain/0'));
    expect(chain.url).toBe(at('/site/hostile/chain/end'));
    expect((await fetch(at('/site/hostile/loop'), { redirect: 'manual' })).headers.get('location')).toBe('/site/hostile/loop');
    const fake = await fetch(at('/site/hostile/media/not-an-image.jpg'));
    expect(fake.headers.get('content-type')).toBe('image/jpeg');
    expect((await fake.text()).startsWith('<!DOCTYPE html>')).toBe(true);
    const bomb = Buffer.from(await (await fetch(at('/site/hostile/media/bomb.png'))).arrayBuffer());
    expect([bomb.readUInt32BE(16), bomb.readUInt32BE(20)]).toEqual([60_000, 60_000]);
    expect(bomb.length).toBeLessThan(100_000);
  });
});

describe('closing the simulated web', () => {
  it('ends a request that never got an answer, and closes', async () => {
    const web = await createSimulatedWeb({ blocked: { google: 'google_sorry' } });
    const hanging = fetch(`${web.url}/site/hostile/hang`).then(
      () => 'answered',
      () => 'connection closed',
    );
    const hangingRequests = async () => ((await (await fetch(`${web.url}/__control/state`)).json()) as { hangingRequests: number }).hangingRequests;
    while ((await hangingRequests()) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const parsed = ENGINES.google.parse(await send(ENGINES.google.buildRequest('x', { endpoint: web.engineEndpoints.google })));
    expect(parsed.signal).toBe('google_sorry');
    await web.close();
    expect(await hanging).toBe('connection closed');
  });
});
