import { AppError } from '../../shared/errors.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import type { UrlGuard } from '../../shared/ssrf-guard.ts';
import { isPdf } from './pdf-text.ts';

/** A document as fetched for reading and keeping: its bytes, type and what the server answered. */
export interface FetchedDocument {
  mimeType: string;
  bytes: Buffer;
  status: number;
  headers: Record<string, string>;
}

/**
 * The document at `url`, fetched through the scan's guard (the browser gives its page a viewer instead of the
 * file): the same egress, the same size cap as a page. Not a PDF after all, or cut at the cap: unreadable.
 */
export async function fetchDocument(guard: UrlGuard, url: string, maxBytes: number, signal?: AbortSignal): Promise<FetchedDocument> {
  const response = await safeFetch(guard, { url, maxBytes, timeoutMs: 30_000, signal });
  if (response.truncated) throw new AppError({ code: 'fetch.too_large', message: `The document is larger than ${maxBytes} bytes.`, statusCode: 413 });
  if (response.status !== 200 || !isPdf(response.body)) throw new AppError({ code: 'document.unreadable', message: `The document could not be fetched as a PDF (HTTP ${response.status}).`, statusCode: 422 });
  return { mimeType: 'application/pdf', bytes: response.body, status: response.status, headers: response.headers };
}
