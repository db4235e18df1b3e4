import { startModuleWorker } from '../../shared/module-worker.ts';
import { AppError } from '../../shared/errors.ts';

export interface PdfText {
  title: string;
  /** The document's language as its metadata states it, or ''. */
  lang: string;
  text: string;
  /** Pages in the document, and how many were read (at most `maxPages`, fewer once `maxChars` is reached). */
  pages: number;
  pagesRead: number;
}

export interface PdfTextLimits {
  timeoutMs: number;
  maxPages: number;
  maxChars: number;
  /** Heap the reading thread may use; past it the thread is ended and the PDF counted as unreadable. */
  maxHeapMb: number;
}

export const DEFAULT_PDF_LIMITS: PdfTextLimits = { timeoutMs: 30_000, maxPages: 200, maxChars: 200_000, maxHeapMb: 256 };

/** Whether bytes are a PDF: its header within the first kilobyte, where readers look for it. */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}

const unreadable = (why: string) => new AppError({ code: 'document.unreadable', message: `The PDF could not be read (${why}).`, statusCode: 422 });

/**
 * The text of a PDF, read in a thread of its own that is ended when it takes longer than `timeoutMs` or uses
 * more than `maxHeapMb`: a hostile file cannot stall or swell the scan. Throws `document.unreadable`.
 */
export async function readPdfText(bytes: Uint8Array, limits: PdfTextLimits = DEFAULT_PDF_LIMITS): Promise<PdfText> {
  const worker = startModuleWorker(new URL('./pdf-text.worker', import.meta.url), {
    workerData: { bytes, maxPages: limits.maxPages, maxChars: limits.maxChars },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
  });
  try {
    return await new Promise<PdfText>((resolve, reject) => {
      const timer = setTimeout(() => reject(unreadable(`it took longer than ${limits.timeoutMs} ms`)), limits.timeoutMs);
      worker.once('message', (reply: { ok: true } & PdfText | { ok: false; message: string }) => {
        clearTimeout(timer);
        if (reply.ok) resolve({ title: reply.title, lang: reply.lang, text: reply.text, pages: reply.pages, pagesRead: reply.pagesRead });
        else reject(unreadable(reply.message));
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(unreadable(error.message.split('\n')[0]!.slice(0, 200)));
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(unreadable(`its reader stopped (${code})`));
      });
    });
  } finally {
    await worker.terminate();
  }
}
