import type { CDPSession, Page, Response } from 'playwright';
import { withTimeout, type BrowserPool } from './browser-pool.ts';
import type { UrlGuard } from '../shared/ssrf-guard.ts';
import type { EgressScope } from '../egress/egress-gateway.ts';
import { AppError } from '../shared/errors.ts';
import { extractorExpression, readingsContent, showsAnything, withFrameContent, type ExtractedContent } from './page-extract.ts';
import { readChildFrames, readOtherSiteFrames } from './frame-reads.ts';
import { watchPageSettle } from './page-settle.ts';
import { readDocumentHtml } from './page-html.ts';
import { isolatedWorld, type IsolatedEvaluate } from './isolated-world.ts';
import { timed, type VisitTimingSink } from './visit-timing.ts';

export interface VisitOptions {
  navigationTimeoutMs: number;
  maxPageBytes: number;
  /** The longest wait for script-built content after `load`; the wait ends earlier once the page is quiet. */
  settleMs?: number;
  maxTextChars?: number;
  maxImages?: number;
  /** The job's signal: when it fires the page's connections and context are closed at once. */
  signal?: AbortSignal;
  /** Receives how long each phase took (the pipeline bench); nothing is measured without it. */
  timing?: VisitTimingSink;
}

export interface VisitedPage {
  requestedUrl: string;
  finalUrl: string;
  status: number | null;
  headers: Record<string, string>;
  serverIp: string | null;
  title: string;
  lang: string;
  text: string;
  attributeText: string;
  imageUrls: string[];
  html: string;
  redirectChain: string[];
  /** Connections of this page the egress gateway refused (host:port and reason), recorded with the hit. */
  blockedRequests: number;
  refusedConnections: { host: string; port: number; reason: string }[];
  /**
   * Set when the address served a document the browser does not show as a page (a PDF; headless Chromium hands
   * its page a viewer's wrapper instead of the file): to be fetched (unless `bytes` holds it already, as a plain
   * request's does), read and kept as it is. Title, text and HTML are then empty until the document is read.
   */
  document?: { mimeType: string; bytes?: Buffer };
  /**
   * The frames of other sites whose text was read with the page's (frame-reads.ts), those that showed something:
   * what matched may have come from them. What each shows (its text, alt and title texts and images, its own
   * frames' too) tells which matched.
   */
  otherSiteFrameContent?: { url: string; text: string; imageUrls: string[] }[];
}

/** What the page's hook may use besides the page: its one DevTools session, opened on first use. */
export interface LoadedPageTools {
  /**
   * The page's DevTools session, shared by everything that needs one (the photo search's screenshot, the
   * evidence), so it is opened at most once per page. Never detached by its users: the context's close ends it.
   */
  devtools(): Promise<CDPSession>;
  /** Reads from the page where its scripts cannot interfere (isolated-world.ts): the same world as the visit's reads. */
  isolated: IsolatedEvaluate;
}

export interface PageVisitHooks {
  /** Runs while the page is still open (evidence capture: screenshot, MHTML); the last use of the page. */
  onLoaded?(page: Page, visit: VisitedPage, tools: LoadedPageTools): Promise<void>;
}

/**
 * Opens one candidate page in Chromium. The page's context sends every byte through its own egress
 * gateway scope (the document, its redirects, scripts, frames, fetches, WebSockets, pop-ups), which
 * resolves each name once, checks the address and connects to exactly that address; downloads, pop-ups
 * and dialogs are neutralised.
 */
export async function visitPage(pool: BrowserPool, guard: UrlGuard, url: string, options: VisitOptions, hooks: PageVisitHooks = {}): Promise<VisitedPage> {
  await guard.check(url);
  const egress = guard.openScope('page');
  const cutNetwork = () => void egress.close();
  options.signal?.addEventListener('abort', cutNetwork, { once: true });
  const sink = options.timing;
  let mark = performance.now();
  // The context's opening is the time until the page is handed over; its closing, the time after the work.
  const lap = (phase: 'context' | 'close') => {
    const now = performance.now();
    sink?.(phase, now - mark);
    mark = now;
  };
  try {
    const visit = await pool.withPage(
      async (page) => {
        lap('context');
        try {
          return await loadAndRead(page, egress, url, options, hooks);
        } finally {
          mark = performance.now();
        }
      },
      // The context closes while the caller stores what was read (bounded by the pool); nothing here
      // uses the page after its hook.
      { egress, signal: options.signal, closeInBackground: true },
    );
    lap('close');
    return visit;
  } finally {
    options.signal?.removeEventListener('abort', cutNetwork);
    await egress.close();
  }
}

async function loadAndRead(page: Page, egress: EgressScope, url: string, options: VisitOptions, hooks: PageVisitHooks): Promise<VisitedPage> {
  let oversized = false;
  const settleMs = options.settleMs ?? 2000;
  let session: Promise<CDPSession> | null = null;
  const devtools = () => (session ??= withTimeout(page.context().newCDPSession(page), 30_000, 'Opening a DevTools session'));
  const settleWatch = await watchPageSettle(page, settleMs, devtools);
  page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
  page.context().on('page', (popup) => void popup.close().catch(() => undefined));
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.request().frame() === page.mainFrame()) {
      const length = Number(response.headers()['content-length'] ?? NaN);
      if (Number.isFinite(length) && length > options.maxPageBytes) oversized = true;
    }
  });

  let response: Response | null;
  try {
    response = await timed(options.timing, 'navigation', () => page.goto(url, { waitUntil: 'load', timeout: options.navigationTimeoutMs }));
  } catch (error) {
    const message = (error as Error).message;
    // Chromium names a refused hop differently for tunnels and plain requests; the gateway's record decides.
    if (/net::ERR_/.test(message) && egress.refusals().length > 0) throw refusedNavigation(egress);
    if (/Timeout/i.test(message)) throw new AppError({ code: 'fetch.timeout', message: `The page did not load within ${options.navigationTimeoutMs} ms.`, statusCode: 504 });
    throw new AppError({ code: 'fetch.failed', message: `The page could not be loaded (${message.split('\n')[0]?.slice(0, 200)}).`, statusCode: 502 });
  }
  // A plain-HTTP hop the gateway refused comes back as its own 403, marked in the gateway's record.
  if (response && response.headers()['x-egress-refused'] && egress.refusals().some((r) => r.kind === 'http' && sameHost(r, response!.url()))) throw refusedNavigation(egress);
  if (oversized) throw new AppError({ code: 'fetch.too_large', message: `The page is larger than ${options.maxPageBytes} bytes.`, statusCode: 413 });
  // A PDF is not a page to read in the browser: headless Chromium shows nothing of it, and gives its page a
  // viewer's wrapper instead of the file. It is handed over as a document, to be fetched and read as it is.
  if (response && isPdfContentType(response.headers()['content-type'])) {
    settleWatch.dispose();
    return await documentVisit(page, response, url, egress, options, hooks, devtools);
  }
  // The page is read as soon as nothing is pending any more, while the quiet window runs out; that reading
  // is kept only if the page did not change at all after it began (no request, no timer, no DOM change),
  // otherwise the page is read again once settled, as before.
  const early: { startedAt: number; reads: ReturnType<typeof readPage> }[] = [];
  const isolated = isolatedWorld(devtools);
  await timed(options.timing, 'settle', () => settleWatch.settle({
    maxMs: settleMs,
    signal: options.signal,
    scriptFreeSettles: !response?.headers().refresh,
    onStill: () => void early.push({ startedAt: performance.now(), reads: readPage(page, isolated, devtools, response, options) }),
  }));

  const extractionStarted = performance.now();
  let reads = early[0] ? await early[0].reads : null;
  if (early[0] && !(await settleWatch.unchangedSince(early[0].startedAt))) reads = null;
  settleWatch.dispose();
  const [documentHref, extracted, document, server, headers, frames] = reads ?? await readPage(page, isolated, devtools, response, options);
  // A page may navigate itself by script after load; when the gateway refused that navigation Chromium
  // shows its own error page, which must not be read as the page's content.
  if (String(documentHref).startsWith('chrome-error:')) {
    if (egress.refusals().length > 0) throw refusedNavigation(egress);
    throw new AppError({ code: 'fetch.failed', message: 'The page navigated to an address that could not be loaded.', statusCode: 502 });
  }
  if (!extracted.ok) throw extracted.error;
  if (!document.ok) throw document.error;
  const content = withFrameContent(extracted.value as ExtractedContent, frames.reads, extractLimits(options));
  if (Buffer.byteLength(document.value) > options.maxPageBytes) throw new AppError({ code: 'fetch.too_large', message: `The page is larger than ${options.maxPageBytes} bytes.`, statusCode: 413 });
  const visit: VisitedPage = {
    requestedUrl: url,
    finalUrl: page.url(),
    status: response?.status() ?? null,
    headers,
    serverIp: server?.ipAddress ?? null,
    title: content.title,
    lang: content.lang,
    text: content.text,
    attributeText: content.attributeText,
    imageUrls: content.imageUrls.filter((u) => /^https?:/i.test(u)),
    html: document.value,
    ...howItWasReached(response, egress),
    otherSiteFrameContent: frames.shownByOtherSites,
  };
  options.timing?.('extraction', performance.now() - extractionStarted);
  await hooks.onLoaded?.(page, visit, { devtools, isolated });
  return visit;
}

/** Whether a response's content type says PDF: a document, not a page (the plain request's path asks too). */
export const isPdfContentType = (contentType: string | undefined) => /^\s*application\/(?:x-)?pdf\b/i.test(contentType ?? '');

/** The redirects that led to the page, and the connections of the visit the egress gateway refused. */
function howItWasReached(response: Response | null, egress: EgressScope): Pick<VisitedPage, 'redirectChain' | 'blockedRequests' | 'refusedConnections'> {
  const redirectChain: string[] = [];
  for (let r = response?.request().redirectedFrom(); r; r = r.redirectedFrom()) redirectChain.unshift(r.url());
  const refusals = egress.refusals();
  return { redirectChain, blockedRequests: refusals.length, refusedConnections: refusals.map(({ host, port, reason }) => ({ host, port, reason })) };
}

async function documentVisit(page: Page, response: Response, url: string, egress: EgressScope, options: VisitOptions, hooks: PageVisitHooks, devtools: () => Promise<CDPSession>): Promise<VisitedPage> {
  const extractionStarted = performance.now();
  const visit: VisitedPage = {
    requestedUrl: url,
    finalUrl: response.url(),
    status: response.status(),
    headers: await response.allHeaders().catch(() => response.headers()),
    serverIp: (await response.serverAddr().catch(() => null))?.ipAddress ?? null,
    title: '',
    lang: '',
    text: '',
    attributeText: '',
    imageUrls: [],
    html: '',
    ...howItWasReached(response, egress),
    document: { mimeType: 'application/pdf' },
  };
  options.timing?.('extraction', performance.now() - extractionStarted);
  await hooks.onLoaded?.(page, visit, { devtools, isolated: isolatedWorld(devtools) });
  return visit;
}

/**
 * Everything read out of a loaded page, in its isolated world (the page's scripts cannot hide its text or
 * forge its HTML there), and what its child frames show, its own and other sites' (frame-reads.ts). The reads are sent together
 * and the browser answers them in turn: the same reads as one after the other, but their round trips
 * overlap instead of adding up. Never rejects.
 */
function readPage(page: Page, isolated: IsolatedEvaluate, devtools: () => Promise<CDPSession>, response: Response | null, options: VisitOptions) {
  const extractor = extractorExpression(extractLimits(options));
  return Promise.all([
    isolated('location.href').catch(() => ''),
    isolated(extractor).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    readDocumentHtml(isolated).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    response ? response.serverAddr().catch(() => null) : null,
    response ? response.allHeaders().catch(() => ({})) : {},
    Promise.all([readChildFrames(devtools, extractor, MAX_FRAMES_READ), readOtherSiteFrames(page, extractor, MAX_OTHER_SITE_FRAMES_READ)]).then(([own, otherSites]) => ({
      reads: [...own, ...otherSites.flatMap((frame) => frame.reads)],
      // Only those that showed something: an empty one (a refused frame's blank page) cannot have been matched.
      shownByOtherSites: otherSites.filter((frame) => frame.reads.some(showsAnything)).map((frame) => ({ url: frame.url, ...readingsContent(frame.reads) })),
    })),
  ]);
}

/** Child frames read besides the document (frame-reads.ts): a page's own embeds, not an ad-laden page's every frame. */
const MAX_FRAMES_READ = 20;
/** Frames of other sites, each read through a DevTools session of its own: fewer than a page's own. */
const MAX_OTHER_SITE_FRAMES_READ = 10;

const extractLimits = (options: VisitOptions) => ({ maxTextChars: options.maxTextChars ?? 200_000, maxImages: options.maxImages ?? 200, maxStyledElements: 3000, maxShadowRoots: 1000, maxAttributeChars: 20_000 });

function refusedNavigation(egress: EgressScope): AppError {
  const reason = egress.refusals()[0]?.reason ?? 'refused address';
  return new AppError({ code: 'fetch.url_refused', message: `Refused to fetch: the page led to a refused address (${reason}).`, statusCode: 400 });
}

function sameHost(refusal: { host: string; port: number }, url: string): boolean {
  try {
    const u = new URL(url);
    return u.hostname.replace(/^\[|\]$/g, '') === refusal.host && Number(u.port || (u.protocol === 'https:' ? 443 : 80)) === refusal.port;
  } catch {
    return false;
  }
}
