import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type http from 'node:http';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { createTestEgress } from '../../helpers/egress.ts';
import { systemResolver } from '../../../src/egress/resolver.ts';
import { normalizeUrl } from '../../../src/shared/url.models.ts';
import { EMBEDDED_SOURCE } from '../../../src/modules/scans/scans.repository.ts';
import { loadExposure } from '../../../src/web/read-models/exposures.ts';

/** A page whose frame points at another name of the same local server, on the port the request came in on. */
const page = (body: (port: string) => string) => (req: http.IncomingMessage, res: http.ServerResponse) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>${body(String(req.headers.host).split(':')[1]!)}</body></html>`);
};

/**
 * A forum thread that embeds, from another site, a paste with the demo person's name and number: the paste's
 * site holds the exposure, so the scan checks the paste as a page of its own, with its own hit (and so its
 * own evidence and takedown to that site), and the thread's hit says where what it shows comes from.
 */
describe('an exposure a page shows from a frame of another site', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let site: Awaited<ReturnType<typeof startLocalServer>>;
  beforeAll(async () => {
    site = await startLocalServer({
      '/thread': page((port) => `<p>A forum thread about nothing in particular</p><iframe src="http://paste.example:${port}/paste" width="600" height="200"></iframe>`),
      '/paste': page(() => '<p>Marie-Claire Dubois, +32 470 12 34 56</p>'),
    });
    const egress = createTestEgress({ resolve: async (host) => (host === 'paste.example' ? ['127.0.0.1'] : systemResolver(host)) });
    harness = await startScanHarness({ extensions: { egress } });
  });
  afterAll(async () => {
    await harness?.close();
    await site?.close();
  });

  it('checks the frame as a page of its own in the same scan, and names its site on the page that embeds it', async () => {
    const { app, personId } = harness;
    const port = new URL(site.url).port;
    const thread = `${site.url}/thread`;
    const paste = `http://paste.example:${port}/paste`;
    const { run } = await app.scans.createRun({ personId, trigger: 'manual', engines: [], allowHosts: [new URL(site.url).host, `paste.example:${port}`], rotationCursor: 0 });
    await app.scans.markRunning(run.id, 1);
    const ids = await app.scans.recordSearch({
      runId: run.id, personId, engine: 'test', query: 'q', queryKind: 'name', outcome: 'ok', signal: null, durationMs: 0,
      results: [{ url: thread, title: '', snippet: '', normalizedUrl: normalizeUrl(thread) }],
    });
    for (const candidateId of ids) await app.jobs.enqueue({ kind: 'page.visit', payload: { scanRunId: run.id, candidateId } });
    await app.scans.markSearchesFinished(run.id);
    await harness.startWorker();
    const finished = await harness.waitForRun(run.id, 60_000);

    expect(finished.status).toBe('succeeded');
    expect(finished.candidatesFound).toBe(2);
    expect(finished.hitsNew).toBe(2);
    const hits = await app.hits.listForPerson(personId);
    const threadHit = hits.find((h) => h.url === thread)!;
    const pasteHit = hits.find((h) => h.url === paste)!;
    expect(pasteHit.host).toBe('paste.example');
    expect(threadHit.reasons).toContain(`Shown in a frame from paste.example that this page embeds: name, phone number. That site holds it and can remove it at the source; it is checked as a page of its own.`);
    expect(pasteHit.reasons.some((r) => r.includes('frame'))).toBe(false);
    // The paste came from the thread, not from an engine.
    const pasteCandidate = (await app.scans.getCandidate(ids[0]! + 1))!;
    expect(pasteCandidate.url).toBe(paste);
    expect(pasteCandidate.engines).toEqual([EMBEDDED_SOURCE]);
    // Its exposure page says where it was found, not what a search engine showed.
    const detail = (await loadExposure(app, pasteHit.id))!;
    expect(detail.foundInFrame).toBe(true);
    expect(detail.searchResult).toBeNull();
    expect((await loadExposure(app, threadHit.id))!.foundInFrame).toBe(false);
  }, 90_000);
});
