import { describe, expect, it } from 'vitest';
import { bingVisualEngine } from '../../../src/providers/bing-visual/bing-visual.engine.ts';
import { ENGINES } from '../../../src/providers/engine-registry.ts';
import { googleLensEngine } from '../../../src/providers/google-lens/google-lens.engine.ts';
import type { EngineId } from '../../../src/providers/provider.types.ts';
import { TINEYE_API_ENDPOINT, tineyeEngine } from '../../../src/providers/tineye/tineye.engine.ts';
import { yandexImagesEngine } from '../../../src/providers/yandex-images/yandex-images.engine.ts';
import { blockedExchange } from '../../../src/simweb/engines/fixture-cases.ts';
import { signalsFor } from '../../../src/simweb/engines/templates/block-pages.template.ts';
import { GARBAGE_BODIES, recorded, recordedIndex } from './recorded-pages.ts';

const REVERSE_ENGINES: EngineId[] = ['tineye', 'bing-visual', 'yandex-images', 'google-lens'];
const PAGES = ['https://www.roodlicht.example/advertentie/991', 'https://tubeleaks.example/v/lola-velvet-leaked'];

describe.each(REVERSE_ENGINES)('the %s parser', (engine) => {
  const parse = ENGINES[engine].parse;

  it('lists the pages that show the image, with their titles as plain text, and drops the javascript: page', () => {
    const parsed = parse(recorded(engine, 'ok'));
    expect(parsed.outcome).toBe('ok');
    expect(parsed.results.map((r) => r.url)).toEqual(PAGES);
    expect(parsed.results.map((r) => r.title)).toEqual(['Lola Velvet - Escort Brussel', 'Lola Velvet leaked <b>video</b>']);
  });

  it('reads "no page has this image" as ok with zero results', () => {
    expect(parse(recorded(engine, 'empty'))).toMatchObject({ outcome: 'ok', results: [] });
  });

  it.each(recordedIndex(engine).filter((e) => /_/.test(e.name) && e.name !== 'no-signature').map((e) => e.name))('classifies the recorded %s page as that refusal', (name) => {
    expect(parse(recorded(engine, name))).toMatchObject({ signal: name, results: [] });
  });

  it('classifies every refusal the simulated engine can give', () => {
    for (const signal of signalsFor(engine)) {
      const parsed = parse(blockedExchange(engine, signal));
      expect({ signal, got: parsed.signal }).toEqual({ signal, got: signal });
      expect(parsed.outcome).not.toBe('ok');
    }
  });

  it('reads garbage as an unparseable error', () => {
    for (const body of GARBAGE_BODIES) {
      expect(parse({ status: 200, finalUrl: ENGINES[engine].defaultEndpoint, headers: {}, body })).toMatchObject({ outcome: 'error', signal: 'unparseable' });
    }
  });
});

describe('TinEye', () => {
  it('reads the paid API answer like the web answer', () => {
    expect(tineyeEngine.parse(recorded('tineye', 'api-ok')).results.map((r) => r.url)).toEqual(PAGES);
  });

  it('puts the copy of the image, its size and crawl date in the snippet', () => {
    expect(tineyeEngine.parse(recorded('tineye', 'ok')).results[0]?.snippet).toBe('Image https://www.roodlicht.example/media/991-main.jpg (800×502), on www.roodlicht.example, crawled 2026-08-02');
  });

  it('reads "image too simple" (422) as an error with the reason, not as zero matches', () => {
    expect(tineyeEngine.parse(recorded('tineye', 'no-signature'))).toMatchObject({ outcome: 'error', signal: 'http_error', detail: 'TinEye could not search this image: NO_SIGNATURE_ERROR' });
  });

  it('searches by URL on the web JSON without a key, and on the API with the key in a header', () => {
    const web = tineyeEngine.buildRequest('https://img.example/a.jpg', { endpoint: tineyeEngine.defaultEndpoint, page: 2 });
    expect(web.url).toBe('https://tineye.com/api/v1/result_json/?url=https%3A%2F%2Fimg.example%2Fa.jpg&page=2&sort=score&order=desc');
    const api = tineyeEngine.buildRequest('https://img.example/a.jpg', { endpoint: tineyeEngine.defaultEndpoint, apiKey: 'k-123' });
    expect(api.url.startsWith(TINEYE_API_ENDPOINT)).toBe(true);
    expect(new URL(api.url).searchParams.get('image_url')).toBe('https://img.example/a.jpg');
    expect(api.headers['x-api-key']).toBe('k-123');
  });

  it('uploads image bytes as multipart when there is no URL', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    const request = tineyeEngine.buildImageRequest?.({ bytes, mime: 'image/jpeg' }, { endpoint: tineyeEngine.defaultEndpoint });
    expect(request?.method).toBe('POST');
    expect(request?.multipart?.files).toEqual([{ field: 'image', filename: 'image.jpeg', mime: 'image/jpeg', bytes }]);
    expect(() => tineyeEngine.buildImageRequest?.({}, { endpoint: tineyeEngine.defaultEndpoint })).toThrow(expect.objectContaining({ code: 'engines.image_required' }));
  });
});

describe('Bing Visual Search', () => {
  it('reads the PagesIncluding action of the knowledge JSON', () => {
    const parsed = bingVisualEngine.parse(recorded('bing-visual', 'knowledge-ok'));
    expect(parsed.results.map((r) => r.url)).toEqual(PAGES);
    expect(parsed.results[0]?.snippet).toBe('www.roodlicht.example/advertentie/991 · image https://www.roodlicht.example/media/991-main.jpg');
  });

  it('opens the detail view for imgurl:<url>, and posts uploads as base64 imageBin', () => {
    const byUrl = bingVisualEngine.buildRequest('https://img.example/a.jpg', { endpoint: 'http://127.0.0.1:9/engine/bing-visual/images/search' });
    expect(byUrl.url).toBe('http://127.0.0.1:9/engine/bing-visual/images/search?view=detailv2&iss=sbi&FORM=SBIHMP&sbisrc=UrlPaste&q=imgurl%3Ahttps%3A%2F%2Fimg.example%2Fa.jpg&idpbck=1');
    const upload = bingVisualEngine.buildImageRequest?.({ bytes: new Uint8Array([1, 2, 3]) }, { endpoint: bingVisualEngine.defaultEndpoint });
    expect(upload?.form).toEqual({ cbir: 'sbi', imageBin: 'AQID' });
  });
});

describe('Yandex Images', () => {
  it('reads initialState.cbirSites.sites from the data-state attribute', () => {
    const page = recorded('yandex-images', 'ok');
    expect(page.body).toMatch(/<div class="Root" id="ImagesApp-[0-9a-f]+" data-state="\{&quot;initialState&quot;/);
    expect(yandexImagesEngine.parse(page).results[1]?.snippet).toBe('Private video of Brussels escort · image https://cdn.tubeleaks.example/thumbs/lola.jpg (640×402)');
  });

  it('uploads as upfile to the sites view', () => {
    const request = yandexImagesEngine.buildImageRequest?.({ bytes: new Uint8Array([1]) }, { endpoint: yandexImagesEngine.defaultEndpoint });
    expect(request?.url).toBe('https://yandex.com/images/search?rpt=imageview&cbir_page=sites');
    expect(request?.multipart?.files[0]?.field).toBe('upfile');
  });
});

describe('Google Lens', () => {
  it('returns the exact-matches tab as cursor, resolved on the results host', () => {
    expect(googleLensEngine.parse(recorded('google-lens', 'ok')).cursor?.exactMatchesUrl).toMatch(/^https:\/\/www\.google\.com\/search\?vsrid=[0-9a-f]+&gsessionid=[0-9a-f]+&lns_surface=26&udm=48$/);
  });

  it('uploads to v3/upload next to the configured endpoint', () => {
    const request = googleLensEngine.buildImageRequest?.({ bytes: new Uint8Array([1]), mime: 'image/png' }, { endpoint: 'http://127.0.0.1:9/engine/google-lens/uploadbyurl' });
    expect(request?.url).toBe('http://127.0.0.1:9/engine/google-lens/v3/upload?hl=en-US');
    expect(request?.multipart?.files[0]).toMatchObject({ field: 'encoded_image', filename: 'image.png', mime: 'image/png' });
  });
});
