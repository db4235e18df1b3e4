import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isBlockSignal } from '../providers/block-signals.ts';
import { isEngineId } from '../providers/engine-registry.ts';
import type { BlockSignal, EngineId } from '../providers/provider.types.ts';
import { parseHtml, selectOne, textOf } from '../shared/html-dom.ts';
import { ENGINE_PATHS, handleEngineRequest, type EngineRequestRecord, type EngineSimState, type ImagePage } from './engines/engine-routes.ts';
import { signalsFor } from './engines/templates/block-pages.template.ts';
import { BodyTooLargeError, sendText } from './http-utils.ts';
import { buildPhotoCatalogue, PHOTO_DIR, type PhotoCatalogue } from './photos.ts';
import { SearchIndex, type IndexedPage } from './search-index.models.ts';
import { CONTACT_PAGES } from './sites/contacts.ts';
import { EXPOSURE_PAGES } from './sites/exposures.ts';
import { FORM_ONLY_LISTING, GERMAN_BLOG_POST, GERMAN_SITE_PAGES } from './sites/german.ts';
import { handleHostileRoute, HOSTILE_INDEX, HOSTILE_PAGES } from './sites/hostile.ts';
import { LOOKALIKE_PAGES, unrelatedPhotos } from './sites/lookalikes.ts';
import { FORBIDDEN_PATH, handleWalledRoute, WALLED_INDEX, WALLED_PATH, WALLED_SITE_PAGES } from './sites/walled.ts';
import type { SitePage } from './sites/site.types.ts';
import { handleImitationRoute, imitationSiteList } from './sites/imitations.ts';
import type { ImpersonationSiteList } from '../modules/impersonation/sites.models.ts';

// A small web on 127.0.0.1 for tests and the demo: imitations of the search engines that really search
// the simulated sites, and the sites themselves with the demo person's planted exposures.

export interface SimulatedWebOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  blocked?: Partial<Record<EngineId, BlockSignal>>;
  /** Whether engines return the hostile pages (default true). */
  indexHostile?: boolean;
  photoDir?: string;
}

export interface SimulatedWeb {
  url: string;
  close(): Promise<void>;
  setBlocked(id: EngineId, signal: BlockSignal | null): void;
  engineEndpoints: Record<EngineId, string>;
  /** Requests the simulated engines received, oldest first (bounded). */
  engineRequests(engine?: EngineId): EngineRequestRecord[];
  sites: SimulatedSites;
  photos: PhotoCatalogue;
  /** The impersonation site list that points at this web's imitation platforms. */
  impersonationSites: ImpersonationSiteList;
}

export interface SimulatedSites {
  doxPaste: string;
  forumThread: string;
  escortAd: string;
  germanPaste: string;
  leakedVideo: string;
  socialProfile: string;
  officialSite: string;
  lookalikeMarieDupont: string;
  lookalikeTanneurs16: string;
  lookalikeUnrelatedPhotos: string;
  lookalikeClaireDuboisBaker: string;
  hostileXss: string;
  hostileBrokenImages: string;
  hostileHuge: string;
  hostileRedirectPrivate: string;
  hostileRedirectChain: string;
  hostileRedirectLoop: string;
  hostileHang: string;
  /** Answers 403; the engines' snippet shows the alias and the phone number. */
  forbiddenProfile: string;
  /** Redirects to a login form. */
  loginWalled: string;
  /** Not returned by engines: a German blog post whose Impressum gives its address as obfuscated text. */
  germanBlogPost: string;
  /** Not returned by engines: a German classified ad whose site offers only a contact form. */
  formOnlyListing: string;
}

const SITE_PATHS: Record<keyof SimulatedSites, string> = {
  doxPaste: '/site/dox-paste/p/8fk2a',
  forumThread: '/site/forum-fr/thread/4412',
  escortAd: '/site/ads-nl/advertentie/991',
  germanPaste: '/site/paste-de/raw/77q',
  leakedVideo: '/site/tube/v/lola-velvet-leaked',
  socialProfile: '/site/social/lolavelvet',
  officialSite: '/site/lola-official/',
  lookalikeMarieDupont: '/site/lookalike/marie-dupont',
  lookalikeTanneurs16: '/site/lookalike/tanneurs-16',
  lookalikeUnrelatedPhotos: '/site/lookalike/unrelated-photos',
  lookalikeClaireDuboisBaker: '/site/lookalike/claire-dubois-baker',
  hostileXss: '/site/hostile/xss',
  hostileBrokenImages: '/site/hostile/broken-images',
  hostileHuge: '/site/hostile/huge',
  hostileRedirectPrivate: '/site/hostile/redirect-private',
  hostileRedirectChain: '/site/hostile/chain/0',
  hostileRedirectLoop: '/site/hostile/loop',
  hostileHang: '/site/hostile/hang',
  forbiddenProfile: FORBIDDEN_PATH,
  loginWalled: WALLED_PATH,
  germanBlogPost: GERMAN_BLOG_POST,
  formOnlyListing: FORM_ONLY_LISTING,
};

export const SITE_PAGES: SitePage[] = [...EXPOSURE_PAGES, ...LOOKALIKE_PAGES, ...CONTACT_PAGES, ...HOSTILE_PAGES, ...WALLED_SITE_PAGES, ...GERMAN_SITE_PAGES];

export class InvalidBlockError extends Error {}

function assertBlockable(id: EngineId, signal: BlockSignal): void {
  if (!signalsFor(id).includes(signal)) throw new InvalidBlockError(`engine ${id} cannot answer with ${signal}`);
}

function indexPages(origin: string, indexHostile: boolean): { indexed: IndexedPage[]; imagePages: ImagePage[] } {
  const indexed: IndexedPage[] = [];
  const imagePages: ImagePage[] = [];
  for (const page of SITE_PAGES) {
    if (page.indexed === false || page.contentType) continue;
    if (!indexHostile && page.path.startsWith('/site/hostile/')) continue;
    const doc = parseHtml(page.render({ origin }));
    const title = page.indexTitle ?? textOf(selectOne(doc, 'title'));
    const text = page.indexText ?? textOf(selectOne(doc, 'body'));
    const entry: IndexedPage = { url: `${origin}${page.path}`, title, text };
    if (page.date) entry.date = page.date;
    indexed.push(entry);
    if (page.images) imagePages.push({ url: entry.url, title, snippet: text.slice(0, 160), images: page.images });
  }
  if (indexHostile) for (const h of HOSTILE_INDEX) indexed.push({ url: `${origin}${h.path}`, title: h.title, text: h.text });
  for (const w of WALLED_INDEX) indexed.push({ url: `${origin}${w.path}`, title: w.title, text: w.text });
  return { indexed, imagePages };
}

export async function createSimulatedWeb(options: SimulatedWebOptions = {}): Promise<SimulatedWeb> {
  const photos = await buildPhotoCatalogue(options.photoDir ?? PHOTO_DIR);
  const blocked = new Map<EngineId, BlockSignal>();
  for (const [id, signal] of Object.entries(options.blocked ?? {}) as Array<[EngineId, BlockSignal]>) {
    assertBlockable(id, signal);
    blocked.set(id, signal);
  }
  const pagesByPath = new Map(SITE_PAGES.map((p) => [p.path, p]));
  const sockets = new Set<Socket>();
  const hanging = new Set<IncomingMessage>();
  let state: EngineSimState | null = null;
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const path = decodeURIComponent(url.pathname);
    if (path === '/__control/block' && req.method === 'POST') {
      const engine = url.searchParams.get('engine') ?? '';
      const signal = url.searchParams.get('signal') ?? '';
      if (!isEngineId(engine) || (signal !== 'none' && !isBlockSignal(signal))) return sendText(res, 400, 'unknown engine or signal');
      try {
        web.setBlocked(engine, signal === 'none' ? null : (signal as BlockSignal));
      } catch (error) {
        if (error instanceof InvalidBlockError) return sendText(res, 400, error.message);
        throw error;
      }
      return sendText(res, 200, JSON.stringify({ engine, signal }), 'application/json');
    }
    if (path === '/__control/state') {
      return sendText(res, 200, JSON.stringify({ blocked: Object.fromEntries(blocked), hangingRequests: hanging.size }), 'application/json');
    }
    const engineMatch = /^\/engine\/([a-z-]+)(\/.*)?$/.exec(path);
    if (engineMatch && isEngineId(engineMatch[1] as string) && state) {
      return handleEngineRequest(engineMatch[1] as EngineId, engineMatch[2] ?? '/', req, res, url, state);
    }
    if (handleHostileRoute(path, req, res, (r) => hanging.add(r))) return;
    if (handleWalledRoute(path, res)) return;
    if (handleImitationRoute(path, res, origin)) return;
    const hostileAsset = photos.hostile.get(path);
    if (hostileAsset) {
      res.writeHead(200, { 'content-type': hostileAsset.mime, 'content-length': String(hostileAsset.bytes.length) });
      return void res.end(hostileAsset.bytes);
    }
    const asset = photos.byPath.get(path);
    if (asset) {
      res.writeHead(200, { 'content-type': asset.mime, 'content-length': String(asset.bytes.length), 'cache-control': 'public, max-age=86400' });
      return void res.end(asset.bytes);
    }
    const page = pagesByPath.get(path);
    if (page) return sendText(res, 200, page.render({ origin }), page.contentType ?? 'text/html; charset=utf-8');
    if (path === '/') return sendText(res, 200, homePage(), 'text/html; charset=utf-8');
    return sendText(res, 404, '<!DOCTYPE html><html lang="en"><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>', 'text/html; charset=utf-8');
  };

  const homePage = () => {
    const links = [...Object.entries(SITE_PATHS).map(([name, p]) => `<li><a href="${p}">${name}</a></li>`), ...Object.entries(ENGINE_PATHS).map(([id, p]) => `<li>engine <code>${id}</code>: ${origin}/engine/${id}${p}</li>`)];
    return `<!DOCTYPE html><html lang="en"><head><title>Simulated web</title></head><body><h1>Simulated web</h1><ul>${links.join('')}</ul></body></html>`;
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendText(res, error instanceof BodyTooLargeError ? 413 : 500, error instanceof BodyTooLargeError ? 'too large' : 'internal error');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that gives up on the hanging route leaves nothing behind.
  server.on('request', (req: IncomingMessage) => req.on('close', () => hanging.delete(req)));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  const { indexed, imagePages } = indexPages(origin, options.indexHostile ?? true);
  const similar = imagePages.find((p) => p.url === `${origin}${unrelatedPhotos.path}`) ?? null;
  state = { origin, index: new SearchIndex(indexed), blocked, photos, imagePages, similarPage: similar, lensSessions: new Map(), requests: [], startpageTokens: new Set() };

  let closing: Promise<void> | null = null;
  const web: SimulatedWeb = {
    url: origin,
    engineEndpoints: Object.fromEntries(Object.entries(ENGINE_PATHS).map(([id, p]) => [id, `${origin}/engine/${id}${p}`])) as Record<EngineId, string>,
    sites: Object.fromEntries(Object.entries(SITE_PATHS).map(([name, p]) => [name, `${origin}${p}`])) as unknown as SimulatedSites,
    photos,
    impersonationSites: imitationSiteList(origin),
    engineRequests(engine) {
      const all = state?.requests ?? [];
      return engine ? all.filter((r) => r.engine === engine) : [...all];
    },
    setBlocked(id, signal) {
      if (signal === null) {
        blocked.delete(id);
        return;
      }
      assertBlockable(id, signal);
      blocked.set(id, signal);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive and hanging connections would hold close() open forever.
        for (const socket of sockets) socket.destroy();
        hanging.clear();
      });
      return closing;
    },
  };
  return web;
}
