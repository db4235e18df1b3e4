import { afterAll, describe, expect, it } from 'vitest';
import { runScanSearches } from '../../../src/modules/scans/scan-pipeline.usecases.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { startLocalServer } from '../../helpers/local-server.ts';

const until = async (check: () => boolean, timeoutMs = 30_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("a search cut short by its own job's end (the worker shutting down, the job's time running out)", () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('is not recorded as the engine failing, and the resumed scan asks that query again', async () => {
    let asked = 0;
    let answering = false;
    // An engine that hangs until told to answer, then says it found nothing, in Mojeek's own words.
    const engine = await startLocalServer({
      '/search': (_req, res) => {
        asked++;
        if (answering) res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><div class="results"><p>No pages found matching: nobody</p></div></body></html>');
      },
    });
    closers.push(engine.close);
    const harness = await startScanHarness({ profile: { names: ['Nobody Matches Thisname'] }, env: { ALLOW_PRIVATE_HOSTS: '127.0.0.1', SCAN_QUERY_CAP: '1', SEARCH_RESULT_PAGES: '1' } });
    closers.push(() => harness.close());
    const run = await harness.startScan([`mojeek=${engine.url}/search`]);

    const job = new AbortController();
    const searching = runScanSearches(harness.app.pipeline, run.id, job.signal);
    await until(() => asked === 1);
    job.abort(new Error('worker shutting down'));
    await expect(searching).rejects.toThrow('worker shutting down');
    expect(await harness.app.scans.outcomeCounts(run.id)).toEqual({});
    expect(await harness.app.engineStatus.get('mojeek')).toBeNull();

    answering = true;
    await runScanSearches(harness.app.pipeline, run.id);
    expect(asked).toBe(2);
    const counts = await harness.app.scans.outcomeCounts(run.id);
    expect(counts).toEqual({ ok: 1 });
    expect(await harness.app.engineStatus.get('mojeek')).toMatchObject({ state: 'ok', lastOutcome: 'ok', consecutiveFailures: 0 });
  }, 120_000);
});
