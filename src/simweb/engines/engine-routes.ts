import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENGINES } from '../../providers/engine-registry.ts';
import type { BlockSignal, EngineId } from '../../providers/provider.types.ts';
import { decodeBingU } from '../../providers/redirects.models.ts';
import { sha256Hex } from '../../shared/hashing.models.ts';
import { readFields, sendReply, sendText, type RequestFields } from '../http-utils.ts';
import type { PhotoCatalogue, PhotoSource } from '../photos.ts';
import type { SearchIndex } from '../search-index.models.ts';
import { renderBingKnowledge, renderBingVisual } from './templates/bing-visual.template.ts';
import { renderBlockReply, renderCaptchaPage } from './templates/block-pages.template.ts';
import { renderGoogleLens } from './templates/google-lens.template.ts';
import { renderSerp } from './templates/render-serp.ts';
import { basePath, fakeId, htmlReply, redirectReply, type EngineReply, type SerpAd, type SerpContext, type SerpItem } from './templates/template.types.ts';
import { renderTinEyeApi, renderTinEyeRefusal, renderTinEyeWeb } from './templates/tineye.template.ts';
import { renderYandexImages } from './templates/yandex-images.template.ts';

/** Where each simulated engine receives queries, relative to `/engine/<id>`: the engine's endpoint. */
export const ENGINE_PATHS: Record<EngineId, string> = {
  searxng: '/search',
  duckduckgo: '/html/',
  bing: '/search',
  brave: '/search',
  mojeek: '/search',
  google: '/search',
  startpage: '/sp/search',
  yandex: '/search/site/',
  tineye: '/api/v1/result_json/',
  'bing-visual': '/images/search',
  'yandex-images': '/images/search',
  'google-lens': '/uploadbyurl',
};

export const PAGE_SIZE = 10;

export const SIM_AD: SerpAd = {
  url: 'https://www.singles-brussels.example/join',
  title: 'Meet Singles in Brussels - Free Registration',
  snippet: 'Thousands of singles near you. Sign up in 30 seconds and start chatting today.',
};

export interface ImagePage {
  url: string;
  title: string;
  snippet: string;
  /** Asset paths shown on the page. */
  images: string[];
}

export interface EngineSimState {
  origin: string;
  index: SearchIndex;
  blocked: Map<EngineId, BlockSignal>;
  photos: PhotoCatalogue;
  imagePages: ImagePage[];
  /** Shown by some reverse-image engines after the exact matches, as "visually similar". */
  similarPage: ImagePage | null;
  lensSessions: Map<string, SerpItem[]>;
  /** What each engine was asked, newest last (bounded), so tests can see the parameters that arrived. */
  requests: EngineRequestRecord[];
  /** Startpage `sc` tokens handed out by the simulated home page. */
  startpageTokens: Set<string>;
}

export interface EngineRequestRecord {
  engine: EngineId;
  subpath: string;
  method: string;
  /** Query and form fields (no file bodies). */
  fields: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The result page the engine served, for web searches. */
  page?: number;
}

const MAX_RECORDED_REQUESTS = 2000;

function record(state: EngineSimState, entry: EngineRequestRecord): void {
  state.requests.push(entry);
  if (state.requests.length > MAX_RECORDED_REQUESTS) state.requests.splice(0, state.requests.length - MAX_RECORDED_REQUESTS);
}

/**
 * Startpage's home page, whose search form carries the `sc` token searches must send back. Like the real
 * one, a search with a token it never handed out is answered with the CAPTCHA.
 */
function startpageHome(state: EngineSimState, base: string): EngineReply {
  const token = fakeId(`sc#${state.startpageTokens.size}#${Date.now()}`, 20);
  state.startpageTokens.add(token);
  return htmlReply(`<!DOCTYPE html><html lang="en"><head><title>Startpage - Private Search Engine</title></head><body><form id="search" action="${basePath(base)}/sp/search" method="post"><input type="text" name="query" aria-label="Search"><input type="hidden" name="cat" value="web"><input type="hidden" name="sc" value="${token}"><input type="hidden" name="t" value="device"><button type="submit">Search</button></form></body></html>`);
}

function pageFrom(fields: Record<string, string>, id: EngineId): number {
  const n = (key: string) => Number.parseInt(fields[key] ?? '', 10);
  const page = (() => {
    switch (id) {
      case 'searxng':
        return n('pageno');
      case 'bing':
        return Math.floor((n('first') - 1) / 10) + 1;
      case 'brave':
        return n('offset') + 1;
      case 'mojeek':
        return Math.floor(n('s') / 10) + 1;
      case 'google':
        return Math.floor(n('start') / 10) + 1;
      case 'duckduckgo':
        return n('s') >= 10 ? Math.floor((n('s') - 10) / 15) + 2 : 1;
      case 'startpage':
        return n('page');
      case 'yandex':
        return n('p') + 1;
      default:
        return 1;
    }
  })();
  return Number.isFinite(page) && page > 1 ? page : 1;
}

function queryFrom(fields: Record<string, string>, id: EngineId): string {
  if (id === 'startpage') return fields.query ?? '';
  if (id === 'yandex') return fields.text ?? '';
  return fields.q ?? '';
}

function webItems(state: EngineSimState, query: string, page: number): SerpItem[] {
  return state.index
    .search(query)
    .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    .map((hit) => {
      const item: SerpItem = { url: hit.page.url, title: hit.page.title, snippet: hit.snippet };
      if (hit.page.date) item.date = hit.page.date;
      return item;
    });
}

function renderWeb(id: EngineId, ctx: SerpContext, state: EngineSimState): EngineReply {
  const unresponsive = id === 'searxng' ? [...state.blocked.entries()].filter(([engine]) => engine !== 'searxng').map(([engine]): [string, string] => [engine, 'Suspended: CAPTCHA']) : [];
  return renderSerp(id, ctx, { unresponsive });
}

/** Which demo photo an image query is about: by the simulated asset it names, or by the uploaded bytes. */
function identifyImage(state: EngineSimState, request: RequestFields, id: EngineId): { key: string; source: PhotoSource | null } | null {
  const upload = request.files[0]?.bytes ?? (request.fields.imageBin ? Buffer.from(request.fields.imageBin, 'base64') : undefined);
  if (upload && upload.length > 0) {
    const sha256 = sha256Hex(upload);
    return { key: `upload:${sha256}`, source: state.photos.bySha256.get(sha256)?.source ?? null };
  }
  let imageUrl = request.fields.url ?? request.fields.image_url ?? '';
  if (id === 'bing-visual') {
    imageUrl = (request.fields.q ?? '').replace(/^imgurl:/, '');
    const knowledge = request.fields.knowledgeRequest;
    if (knowledge) {
      try {
        imageUrl = (JSON.parse(knowledge) as { imageInfo?: { url?: string } }).imageInfo?.url ?? imageUrl;
      } catch {
        // An unreadable knowledge request is a request without an image.
      }
    }
  }
  if (!imageUrl) return null;
  try {
    const url = new URL(imageUrl);
    const asset = url.origin === state.origin ? state.photos.byPath.get(url.pathname) : undefined;
    return { key: imageUrl, source: asset?.source ?? null };
  } catch {
    return null;
  }
}

function imageItems(state: EngineSimState, source: PhotoSource | null, withSimilar: boolean): SerpItem[] {
  if (!source) return [];
  const items: SerpItem[] = [];
  const asItem = (page: ImagePage, assetPath: string | undefined): SerpItem => {
    const asset = assetPath ? state.photos.byPath.get(assetPath) : undefined;
    const item: SerpItem = { url: page.url, title: page.title, snippet: page.snippet };
    if (asset) Object.assign(item, { imageUrl: `${state.origin}${asset.path}`, imageWidth: asset.width, imageHeight: asset.height });
    return item;
  };
  for (const page of state.imagePages) {
    const shown = page.images.find((path) => state.photos.byPath.get(path)?.source === source);
    if (shown) items.push(asItem(page, shown));
  }
  const similar = state.similarPage;
  if (withSimilar && similar && !items.some((i) => i.url === similar.url)) items.push(asItem(similar, similar.images[0]));
  return items;
}

function wrapperRedirect(id: EngineId, subpath: string, url: URL): EngineReply | null {
  let target: string | null = null;
  if (id === 'duckduckgo' && /^\/l\/?$/.test(subpath)) target = url.searchParams.get('uddg');
  if (id === 'bing' && subpath === '/ck/a') target = decodeBingU(url.searchParams.get('u') ?? '');
  if (id === 'google' && subpath === '/url') target = url.searchParams.get('q') ?? url.searchParams.get('url');
  if (target === null) return null;
  // Like the real trackers, only web addresses are forwarded.
  return /^https?:\/\//i.test(target) ? redirectReply(target) : htmlReply('<html><body>Invalid link</body></html>', 400);
}

export async function handleEngineRequest(id: EngineId, subpath: string, req: IncomingMessage, res: ServerResponse, url: URL, state: EngineSimState): Promise<void> {
  const base = `${state.origin}/engine/${id}`;
  const captcha = renderCaptchaPage(subpath, { base, requestUrl: url.href });
  if (captcha) return sendReply(res, captcha);
  const wrapper = wrapperRedirect(id, subpath, url);
  if (wrapper) return sendReply(res, wrapper);

  const isKnowledge = id === 'bing-visual' && subpath === '/images/api/custom/knowledge';
  const isLensUpload = id === 'google-lens' && subpath === '/v3/upload';
  const isLensView = id === 'google-lens' && subpath === '/search';
  const isTinEyeApi = id === 'tineye' && subpath === '/rest/search/';
  const isStartpageHome = id === 'startpage' && subpath === '/';
  if (subpath !== ENGINE_PATHS[id] && !isStartpageHome && !isKnowledge && !isLensUpload && !isLensView && !isTinEyeApi) {
    return sendText(res, 404, 'Not found');
  }

  const request = await readFields(req, url);
  const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const engine = ENGINES[id];
  const entry: EngineRequestRecord = { engine: id, subpath, method: req.method ?? 'GET', fields: { ...request.fields }, headers };
  record(state, entry);
  const blocked = state.blocked.get(id);
  if (blocked) {
    const query = engine.kind === 'web' ? queryFrom(request.fields, id) : request.fields.url ?? '';
    return sendReply(res, renderBlockReply(id, engine.label, blocked, { base, query, requestUrl: url.href }));
  }

  if (engine.kind === 'web') {
    if (id === 'searxng' && request.fields.format !== 'json') {
      return sendReply(res, htmlReply('<!DOCTYPE html><html lang="en"><head><title>SearXNG</title></head><body><form id="search" action="/search"><input name="q"></form><p>Results are rendered here.</p></body></html>'));
    }
    if (isStartpageHome) return sendReply(res, startpageHome(state, base));
    const sc = request.fields.sc;
    if (id === 'startpage' && sc && !state.startpageTokens.has(sc)) return sendReply(res, redirectReply(`${base}/sp/captcha`));
    const query = queryFrom(request.fields, id);
    const page = pageFrom(request.fields, id);
    entry.page = page;
    const ctx: SerpContext = { query, items: webItems(state, query, page), ads: [SIM_AD], page, base };
    return sendReply(res, renderWeb(id, ctx, state));
  }

  if (isLensView) {
    const items = state.lensSessions.get(url.searchParams.get('vsrid') ?? '') ?? [];
    return sendReply(res, renderGoogleLens({ query: '', items, ads: [], page: 1, base }));
  }
  const image = identifyImage(state, request, id);
  if (!image) {
    return sendReply(res, id === 'tineye' ? renderTinEyeRefusal('Invalid image URL') : htmlReply('<html><body><p>Please provide an image.</p></body></html>', 400));
  }
  const items = imageItems(state, image.source, id === 'yandex-images' || id === 'google-lens');
  const ctx: SerpContext = { query: image.key.startsWith('upload:') ? '' : image.key, items, ads: [], page: 1, base };
  switch (id) {
    case 'tineye':
      return sendReply(res, isTinEyeApi ? renderTinEyeApi({ ...ctx, query: image.key }) : renderTinEyeWeb({ ...ctx, query: image.key }));
    case 'bing-visual':
      return sendReply(res, isKnowledge ? renderBingKnowledge(ctx) : renderBingVisual(ctx));
    case 'yandex-images':
      return sendReply(res, renderYandexImages(ctx));
    default: {
      state.lensSessions.set(fakeId(ctx.query, 20), items);
      if (state.lensSessions.size > 500) state.lensSessions.clear();
      return sendReply(res, renderGoogleLens(ctx));
    }
  }
}
