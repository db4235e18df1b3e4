import type { VisitedPage } from '../../browser/page-visit.ts';
import type { UrlGuard } from '../../shared/ssrf-guard.ts';
import { fetchDocument, type FetchedDocument } from './document-fetch.ts';
import type { PdfText } from './pdf-text.ts';

export interface DocumentReading {
  document: FetchedDocument;
  read: PdfText;
}

/**
 * Reads the document a visit found (`visit.document`: a PDF the browser shows nothing of) and fills the visit's
 * title, language and text from it, so that it is matched, classified and checked as a page is. The file is
 * fetched through the same guard unless the visit already holds it (a plain request's). Throws
 * `document.unreadable` (or a `fetch.` code) when it cannot be read: the page is then "could not check".
 */
export async function readDocumentInto(
  visit: VisitedPage,
  deps: { readPdf: (bytes: Uint8Array) => Promise<PdfText> },
  args: { guard: UrlGuard; maxBytes: number; signal?: AbortSignal },
): Promise<DocumentReading> {
  const held = visit.document?.bytes;
  const document = held
    ? { mimeType: 'application/pdf', bytes: held, status: visit.status ?? 200, headers: visit.headers }
    : await fetchDocument(args.guard, visit.finalUrl, args.maxBytes, args.signal);
  const read = await deps.readPdf(document.bytes);
  Object.assign(visit, { title: read.title, lang: read.lang, text: read.text });
  return { document, read };
}
