import type { Page, Response } from 'playwright';
import type { BrowserPool } from './browser-pool.ts';
import type { UrlGuard } from '../shared/ssrf-guard.ts';
import { AppError } from '../shared/errors.ts';
import { extractorExpression, type ExtractedContent } from './page-extract.ts';
import { guardBrowserRequests } from './request-guard.ts';

export interface VisitOptions {
  navigationTimeoutMs: number;
  maxPageBytes: number;
  /** Extra time for script-built content after `load`, bounded. */
  settleMs?: number;
  maxTextChars?: number;
  maxImages?: number;
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
  blockedRequests: number;
}

export interface PageVisitHooks {
  /** Runs while the page is still open (evidence capture: screenshot, MHTML). */
  onLoaded?(page: Page, visit: VisitedPage): Promise<void>;
}

/**
 * Opens one candidate page in Chromium. Every request the page makes (the document, its redirects,
 * scripts, images, frames) is checked by the URL guard, so a hostile page cannot make the scanner reach
 * private addresses; downloads, pop-ups and dialogs are neutralised.
 */
export async function visitPage(pool: BrowserPool, guard: UrlGuard, url: string, options: VisitOptions, hooks: PageVisitHooks = {}): Promise<VisitedPage> {
  await guard.check(url);
  return pool.withPage(async (page, context) => {
    let oversized = false;
    const requests = await guardBrowserRequests(context, guard);
    page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
    context.on('page', (popup) => void popup.close().catch(() => undefined));
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.request().frame() === page.mainFrame()) {
        const length = Number(response.headers()['content-length'] ?? NaN);
        if (Number.isFinite(length) && length > options.maxPageBytes) oversized = true;
      }
    });

    let response: Response | null;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: options.navigationTimeoutMs });
    } catch (error) {
      const message = (error as Error).message;
      if (/ERR_BLOCKED_BY_CLIENT/.test(message)) throw new AppError({ code: 'fetch.url_refused', message: 'Refused to fetch: the page redirected to a refused address.', statusCode: 400 });
      if (/Timeout/i.test(message)) throw new AppError({ code: 'fetch.timeout', message: `The page did not load within ${options.navigationTimeoutMs} ms.`, statusCode: 504 });
      throw new AppError({ code: 'fetch.failed', message: `The page could not be loaded (${message.split('\n')[0]?.slice(0, 200)}).`, statusCode: 502 });
    }
    if (oversized) throw new AppError({ code: 'fetch.too_large', message: `The page is larger than ${options.maxPageBytes} bytes.`, statusCode: 413 });
    await page.waitForLoadState('networkidle', { timeout: options.settleMs ?? 2000 }).catch(() => undefined);

    // The final address is checked again: the guard saw each request, but a page may also navigate itself by script.
    await guard.check(page.url());
    const redirectChain: string[] = [];
    for (let r = response?.request().redirectedFrom(); r; r = r.redirectedFrom()) redirectChain.unshift(r.url());
    const content = (await page.evaluate(extractorExpression({
      maxTextChars: options.maxTextChars ?? 200_000,
      maxImages: options.maxImages ?? 200,
      maxStyledElements: 3000,
    }))) as ExtractedContent;
    const html = await page.content();
    if (Buffer.byteLength(html) > options.maxPageBytes) throw new AppError({ code: 'fetch.too_large', message: `The page is larger than ${options.maxPageBytes} bytes.`, statusCode: 413 });
    const server = response ? await response.serverAddr().catch(() => null) : null;
    const visit: VisitedPage = {
      requestedUrl: url,
      finalUrl: page.url(),
      status: response?.status() ?? null,
      headers: response ? await response.allHeaders().catch(() => ({})) : {},
      serverIp: server?.ipAddress ?? null,
      title: content.title,
      lang: content.lang,
      text: content.text,
      attributeText: content.attributeText,
      imageUrls: content.imageUrls.filter((u) => /^https?:/i.test(u)),
      html,
      redirectChain,
      blockedRequests: requests.refused(),
    };
    await hooks.onLoaded?.(page, visit);
    return visit;
  });
}
