import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { launchChromium } from '../../e2e/dashboard-harness.ts';
import { DEFAULT_PDF_LIMITS, isPdf, readPdfText } from '../../../src/modules/documents/pdf-text.ts';

/**
 * A PDF as a real engine writes it: Chromium's own print to PDF (Skia's PDF back end), two pages, a title and
 * the demo person's details; the reader reads it in a thread of its own, bounded in time and pages.
 */
describe('reading the text of a PDF', () => {
  let browser: Browser;
  let pdf: Buffer;
  beforeAll(async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.setContent(`<html lang="nl"><head><title>Ledenlijst 2026</title></head><body><h1>Ledenlijst</h1>
      <p>Marie-Claire Dubois, Rue Haute 12, 1000 Brussel</p><p>Tel: +32 470 12 34 56</p>
      <p style="break-before: page">Pagina twee: lola.velvet@example.org</p></body></html>`);
    pdf = await page.pdf({ format: 'A4' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('reads the title and the text of every page, in order', async () => {
    expect(isPdf(pdf)).toBe(true);
    const read = await readPdfText(pdf);
    expect(read.title).toBe('Ledenlijst 2026');
    expect(read.pages).toBe(2);
    expect(read.pagesRead).toBe(2);
    const text = read.text.replace(/\s+/g, ' ');
    expect(text).toContain('Marie-Claire Dubois, Rue Haute 12, 1000 Brussel');
    expect(text).toContain('Tel: +32 470 12 34 56');
    expect(text.indexOf('Brussel')).toBeLessThan(text.indexOf('Pagina twee: lola.velvet@example.org'));
  });

  it('reads at most the pages it is allowed, and says how many there were', async () => {
    const read = await readPdfText(pdf, { ...DEFAULT_PDF_LIMITS, maxPages: 1 });
    expect(read.pagesRead).toBe(1);
    expect(read.pages).toBe(2);
    expect(read.text).not.toContain('Pagina twee');
  });

  it('says clearly that a file is not a readable PDF: not a PDF, cut short, or one that takes too long', async () => {
    expect(isPdf(Buffer.from('<html>not a pdf</html>'))).toBe(false);
    await expect(readPdfText(Buffer.from('<html>not a pdf</html>'))).rejects.toMatchObject({ code: 'document.unreadable' });
    await expect(readPdfText(pdf.subarray(0, 200))).rejects.toMatchObject({ code: 'document.unreadable' });
    await expect(readPdfText(pdf, { ...DEFAULT_PDF_LIMITS, timeoutMs: 1 })).rejects.toMatchObject({ code: 'document.unreadable', message: expect.stringContaining('took longer than 1 ms') });
  });
});
