/**
 * Reads the text of one PDF in a thread of its own (pdf-text.ts starts it and ends it when it takes too long):
 * a PDF is written by whoever published it, and a hostile one can make a parser spin or swell, which must not
 * stall the scan's event loop. PDF.js is the parser browsers run on untrusted files; it runs here without
 * evaluating anything the file carries (`isEvalSupported: false`) and without fonts or a canvas (text only).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface Job {
  bytes: Uint8Array;
  maxPages: number;
  maxChars: number;
}

async function read({ bytes, maxPages, maxChars }: Job) {
  const document = await getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 }).promise;
  try {
    const info = ((await document.getMetadata().catch(() => null))?.info ?? {}) as { Title?: unknown; Language?: unknown };
    const pages = Math.min(document.numPages, maxPages);
    let text = '';
    let pagesRead = 0;
    for (let number = 1; number <= pages && text.length < maxChars; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      // Each run of text as the page places it; a run that ends a line ends it here too.
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      text += '\n';
      pagesRead = number;
      page.cleanup();
    }
    return {
      title: typeof info.Title === 'string' ? info.Title.slice(0, 500) : '',
      lang: typeof info.Language === 'string' ? info.Language.slice(0, 20) : '',
      text: text.slice(0, maxChars),
      pages: document.numPages,
      pagesRead,
    };
  } finally {
    await document.destroy();
  }
}

read(workerData as Job).then(
  (result) => parentPort!.postMessage({ ok: true, ...result }),
  (error: unknown) => parentPort!.postMessage({ ok: false, message: String((error as Error)?.message ?? error).split('\n')[0]!.slice(0, 200) }),
);
