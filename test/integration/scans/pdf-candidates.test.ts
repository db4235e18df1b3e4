import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type http from 'node:http';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { launchChromium } from '../../e2e/dashboard-harness.ts';
import { normalizeUrl } from '../../../src/shared/url.models.ts';
import { capturesOfHit } from '../../../src/modules/evidence/captures.repository.ts';
import { buildEvidencePack } from '../../../src/modules/evidence/export.usecases.ts';
import { readPdfText } from '../../../src/modules/documents/pdf-text.ts';
import { retryUncheckedPage } from '../../../src/modules/scans/unchecked-retry.usecases.ts';
import { transaction } from '../../../src/db/transaction.ts';
import { writeFileSync } from 'node:fs';

// Set to a folder to keep the evidence report for a look.
const SHOTS = process.env.EVIDENCE_SHOTS_DIR;

const served = (type: string, body: () => Buffer) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.setHeader('content-type', type);
  res.end(body());
};

/**
 * Search results that are PDFs (a member list, a report): headless Chromium shows nothing of them, so before,
 * such a page was read as empty and counted as checked with no match. Now its text is read and matched, and a
 * match keeps the file itself as evidence; a PDF that cannot be read is "could not check", never "no match".
 */
describe('search results that are PDF documents', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let site: Awaited<ReturnType<typeof startLocalServer>>;
  let memberList: Buffer;
  let unrelated: Buffer;
  let broken = true;
  beforeAll(async () => {
    // PDFs as a real engine writes them: Chromium's print to PDF.
    const chromium = await launchChromium();
    try {
      const page = await chromium.newPage();
      await page.setContent('<html><head><title>Ledenlijst 2026</title></head><body><p>Marie-Claire Dubois, Rue Haute 12, 1000 Brussel, +32 470 12 34 56</p></body></html>');
      memberList = await page.pdf();
      await page.setContent('<html><head><title>Verslag</title></head><body><p>Nothing about anyone in particular.</p></body></html>');
      unrelated = await page.pdf();
    } finally {
      await chromium.close();
    }
    site = await startLocalServer({
      '/ledenlijst.pdf': served('application/pdf', () => memberList),
      '/verslag.pdf': served('application/pdf', () => unrelated),
      '/broken.pdf': served('application/pdf', () => (broken ? Buffer.from('%PDF-1.7\n this is not a document at all') : memberList)),
    });
    harness = await startScanHarness();
  }, 90_000);
  afterAll(async () => {
    await harness?.close();
    await site?.close();
  });

  it('matches what a PDF says, keeps the file as served, and lists an unreadable one as not checked', async () => {
    const { app, personId } = harness;
    const urls = ['/ledenlijst.pdf', '/verslag.pdf', '/broken.pdf'].map((p) => `${site.url}${p}`);
    const { run } = await app.scans.createRun({ personId, trigger: 'manual', engines: [], allowHosts: [new URL(site.url).host], rotationCursor: 0 });
    await app.scans.markRunning(run.id, 1);
    const ids = await app.scans.recordSearch({
      runId: run.id, personId, engine: 'test', query: 'q', queryKind: 'name', outcome: 'ok', signal: null, durationMs: 0,
      results: urls.map((url) => ({ url, title: '', snippet: '', normalizedUrl: normalizeUrl(url) })),
    });
    for (const candidateId of ids) await app.jobs.enqueue({ kind: 'page.visit', payload: { scanRunId: run.id, candidateId } });
    await app.scans.markSearchesFinished(run.id);
    await harness.startWorker();
    const finished = await harness.waitForRun(run.id, 90_000);

    expect(finished.hitsNew).toBe(1);
    expect(finished.pagesVisited).toBe(2);
    // The unreadable one is "could not check" (failed, to be tried again), never "no match".
    expect(finished.pagesFailed).toBe(1);
    const [hit] = await app.hits.listForPerson(personId);
    expect(hit!.url).toBe(urls[0]);
    expect(hit!.title).toBe('Ledenlijst 2026');
    const kinds = (await app.hits.matchesOf(hit!.id)).map((m) => m.kind).sort();
    expect(kinds).toEqual(expect.arrayContaining(['name', 'phone']));
    // The evidence is the file itself, byte for byte, with the text read from it and meta.json.
    const [capture] = await capturesOfHit(app.db, app.cipher, hit!.id);
    const roles = Object.keys(capture!.artifacts).sort();
    expect(roles).toEqual(expect.arrayContaining(['document', 'meta', 'text']));
    expect(Buffer.compare(await app.evidence.read(capture!.artifacts.document!), memberList)).toBe(0);
    const meta = JSON.parse((await app.evidence.read(capture!.artifacts.meta!)).toString('utf8')) as { document: { mimeType: string; pages: number }; httpStatus: number };
    expect(meta.document).toMatchObject({ mimeType: 'application/pdf', pages: 1 });
    expect(meta.httpStatus).toBe(200);
    expect((await app.evidence.read(capture!.artifacts.text!)).toString('utf8')).toContain('Marie-Claire Dubois');
    // The evidence pack takes such a capture as it takes a page's: its report names the document.
    const pack = await buildEvidencePack({ vault: app.evidence, browserPool: app.browserPool }, { id: hit!.id, language: 'en', actor: 'test' });
    if (SHOTS) writeFileSync(`${SHOTS}/report-pdf-document.pdf`, pack.pdf);
    const report = (await readPdfText(pack.pdf)).text.replace(/\s+/g, ' ');
    expect(report).toContain('ledenlijst.pdf');
    expect(report).toContain('the file itself is kept, as published');
    expect(report).not.toContain('No screenshot could be taken');
  }, 120_000);

  it('reads a PDF on the plain path too: an unreadable one, fixed since, becomes a hit when tried again', async () => {
    const { app, personId } = harness;
    broken = false;
    // The retry after the browser takes the plain path (one HTTP request), which must not parse a PDF as HTML.
    const [row] = (await app.pipeline.uncheckedPages.listForPeople([personId])).filter((p) => p.resolution === null);
    expect(row?.url).toMatch(/\/broken\.pdf$/);
    await retryUncheckedPage(app.pipeline, { uncheckedPageId: row!.id, complete: async (effects) => await transaction(app.db, effects) });
    const hit = (await app.hits.listForPerson(personId)).find((h) => h.url.endsWith('/broken.pdf'));
    expect(hit?.title).toBe('Ledenlijst 2026');
    const [capture] = await capturesOfHit(app.db, app.cipher, hit!.id);
    expect(Buffer.compare(await app.evidence.read(capture!.artifacts.document!), memberList)).toBe(0);
  }, 60_000);
});
