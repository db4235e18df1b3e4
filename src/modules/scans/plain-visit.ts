import { isPdfContentType, type VisitedPage } from '../../browser/page-visit.ts';
import { AppError } from '../../shared/errors.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import type { UrlGuard } from '../../shared/ssrf-guard.ts';
import { attr, parseHtml, selectAll, selectOne, textOf } from '../../shared/html-dom.ts';
import { browserHeaders } from '../../providers/shared/request.models.ts';
import { isPdf } from '../documents/pdf-text.ts';

/**
 * A candidate page read with one plain HTTP request instead of the browser: the other path for a retry,
 * since some sites refuse a headless browser but answer a plain request (and the other way round). No
 * script runs, so what a page builds in script is not seen; the result has the shape of a browser visit.
 */
export async function plainVisit(guard: UrlGuard, url: string, options: { timeoutMs: number; maxPageBytes: number; signal?: AbortSignal }): Promise<VisitedPage> {
  const response = await safeFetch(guard, { url, headers: browserHeaders(undefined), maxBytes: options.maxPageBytes, timeoutMs: options.timeoutMs, signal: options.signal });
  if (response.truncated) throw new AppError({ code: 'fetch.too_large', message: `The page is larger than ${options.maxPageBytes} bytes.`, statusCode: 413 });
  // A PDF is a document, not a page to parse: handed over with its bytes, to be read as a browser visit's is.
  if (isPdfContentType(response.headers['content-type']) || isPdf(response.body)) {
    return {
      requestedUrl: url, finalUrl: response.finalUrl, status: response.status, headers: response.headers, serverIp: null, title: '', lang: '', text: '', attributeText: '',
      imageUrls: [], html: '', redirectChain: response.redirectChain, blockedRequests: 0, refusedConnections: [], document: { mimeType: 'application/pdf', bytes: response.body },
    };
  }
  const html = response.body.toString('utf8');
  // The whole page is read, as a browser would: its size is already capped by the operator's page limit, and the
  // parser's depth limit keeps the cost linear in that size.
  const doc = parseHtml(html, { maxChars: options.maxPageBytes });
  const imageUrls = selectAll(doc, 'img')
    .map((img) => attr(img, 'src'))
    .flatMap((src) => {
      try {
        return src ? [new URL(src, response.finalUrl).toString()] : [];
      } catch {
        return [];
      }
    })
    .filter((u) => /^https?:/i.test(u));
  // Built apart from the return so that fields a browser visit has and a plain request cannot fill
  // (connections refused along the way) are simply empty.
  const visit = {
    requestedUrl: url,
    finalUrl: response.finalUrl,
    status: response.status,
    headers: response.headers,
    serverIp: null,
    title: textOf(selectOne(doc, 'title')),
    lang: attr(selectOne(doc, 'html'), 'lang') ?? '',
    text: textOf(selectOne(doc, 'body') ?? doc),
    attributeText: '',
    imageUrls,
    html,
    redirectChain: response.redirectChain,
    blockedRequests: 0,
    refusedConnections: [] as { host: string; port: number; reason: string }[],
  };
  return visit;
}
