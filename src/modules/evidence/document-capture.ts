import type { VisitedPage } from '../../browser/page-visit.ts';
import type { PdfText } from '../documents/pdf-text.ts';
import type { FetchedDocument } from '../documents/document-fetch.ts';
import { captureMetaHead, safeTimeZone } from './capture.models.ts';
import { sealMeta, type CaptureEvidenceResult } from './capture.ts';
import type { TimestampClient } from './timestamp-client.ts';
import type { EvidenceVault } from './vault.ts';

export interface CaptureDocumentInput {
  visit: VisitedPage;
  /** The file as fetched for reading: what is kept. */
  document: FetchedDocument;
  read: PdfText;
  captureId: string;
  capturedAt: Date;
  timezone: string;
  vault: EvidenceVault;
  timestamps?: TimestampClient | null;
  signal?: AbortSignal;
}

/**
 * Captures a document a candidate address served (a PDF) as evidence: the file exactly as it was fetched for
 * reading, which is itself what was published (a screenshot of it would be a copy), the text read from it,
 * and meta.json with the address, status, headers, server IP and every artifact's hash; optionally an RFC 3161
 * timestamp over meta.json. The same format as a page's capture (capture.ts), with `document` in place of the
 * screenshot, HTML and archive.
 */
export async function captureDocument(input: CaptureDocumentInput): Promise<CaptureEvidenceResult> {
  const { visit, vault, read, document } = input;
  const artifacts: Record<string, string> = {};
  const problems: string[] = [];
  const timezone = safeTimeZone(input.timezone);
  artifacts.document = (await vault.put(document.bytes, document.mimeType)).sha256;
  artifacts.text = (await vault.put(Buffer.from(read.text, 'utf8'), 'text/plain')).sha256;
  if (read.pagesRead < read.pages) problems.push(`text: ${read.pagesRead} of ${read.pages} pages read`);
  const meta = {
    ...captureMetaHead(visit, { captureId: input.captureId, capturedAt: input.capturedAt, timeZone: timezone }),
    // The file was fetched again for reading (the browser gave its page a viewer): what that fetch answered.
    document: { mimeType: document.mimeType, bytes: document.bytes.byteLength, httpStatus: document.status, headers: document.headers, pages: read.pages, pagesRead: read.pagesRead },
    artifacts: { ...artifacts },
    problems,
  };
  const timestampToken = await sealMeta(vault, meta, { artifacts, problems, timestamps: input.timestamps, signal: input.signal });
  return { artifacts, problems, timestampToken, bannerHeight: 0, screenshotHeight: 0 };
}
