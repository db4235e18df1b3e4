import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorker } from '../../../workers/worker.ts';
import { createRecheckJob, createRecheckSchedule } from '../../../workers/recheck.job.ts';
import { evidenceJobKinds } from '../../../src/modules/evidence/evidence.job-kinds.ts';
import { recheckHit, type RecheckDeps } from '../../../src/modules/evidence/recheck.usecases.ts';
import { capturesOfHit } from '../../../src/modules/evidence/captures.repository.ts';
import { listCustody } from '../../../src/modules/evidence/custody-log.repository.ts';
import { verifyEvidence } from '../../../src/modules/evidence/verify.usecases.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { nextCronOccurrence } from '../../../src/shared/cron.models.ts';
import { createEvidenceTestApp, noBrowser } from './evidence-fixtures.ts';
import { launchChromium } from '../../e2e/dashboard-harness.ts';
import { readPdfText } from '../../../src/modules/documents/pdf-text.ts';

type Mode = 'up' | 'gone' | 'edited' | 'wall' | 'pdf' | 'pdf-edited';

describe.skipIf(noBrowser)('re-checking a page after a takedown', () => {
  let mode: Mode = 'up';
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  let ctx: Awaited<ReturnType<typeof createEvidenceTestApp>>;
  let deps: RecheckDeps;

  // The post as a PDF (Chromium's print to PDF), with and without the person's details.
  const pdfs: Record<'pdf' | 'pdf-edited', Buffer> = { pdf: Buffer.alloc(0), 'pdf-edited': Buffer.alloc(0) };

  beforeAll(async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.newPage();
      await page.setContent('<html><body><h1>Call Lola Velvet on +32 470 12 34 56</h1></body></html>');
      pdfs.pdf = await page.pdf();
      await page.setContent('<html><body><h1>This post was edited by the author.</h1></body></html>');
      pdfs['pdf-edited'] = await page.pdf();
    } finally {
      await chromium.close();
    }
    server = await startLocalServer({
      '/post/1': (_req, res) => {
        if (mode === 'pdf' || mode === 'pdf-edited') {
          res.setHeader('content-type', 'application/pdf');
          res.end(pdfs[mode]);
          return;
        }
        res.setHeader('content-type', 'text/html; charset=utf-8');
        if (mode === 'gone') {
          res.statusCode = 404;
          res.end('<html><body><h1>Not found</h1></body></html>');
        } else if (mode === 'wall') {
          res.statusCode = 403;
          res.end('<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>');
        } else if (mode === 'edited') {
          res.end('<html><body><h1>This post was edited by the author.</h1></body></html>');
        } else {
          res.end('<html><body><h1>Call Lola Velvet on +32 470 12 34 56</h1></body></html>');
        }
      },
    });
  });

  beforeEach(async () => {
    ctx = await createEvidenceTestApp({ withBrowser: true, url: `${server.url}/post/1`, jobKinds: evidenceJobKinds });
    deps = { vault: ctx.vault, browserPool: ctx.app.browserPool, egress: ctx.app.egress, profiles: ctx.app.profiles, logger: ctx.app.logger, settings: { navigationTimeoutMs: 10_000, maxPageBytes: 5_000_000, allowPrivateHosts: ['127.0.0.1'] }, readPdf: readPdfText };
    // A takedown sent yesterday, whose first re-check fell due an hour ago.
    ctx.app.db.$client.prepare("insert into takedown_cases (id, hit_id, status, bases, language, sent_at, next_recheck_at, created_at, updated_at) values ('case_1', ?, 'takedown_sent', '[]', 'en', ?, ?, ?, ?)")
      .run(ctx.hit.id, Date.parse('2026-11-21T09:00:00Z'), Date.parse('2026-11-22T09:00:00Z'), Date.now(), Date.now());
  });

  afterEach(async () => ctx?.app.close());
  afterAll(async () => server?.close());

  const caseRow = () => ctx.app.db.$client.prepare("select status, next_recheck_at from takedown_cases where id = 'case_1'").get() as { status: string; next_recheck_at: number | null };

  it('keeps a page that still shows the person as still up, with a new capture as evidence', async () => {
    mode = 'up';
    const result = await recheckHit(deps, { hitId: ctx.hit.id });
    expect(result.outcome).toBe('still_up');
    const [capture] = await capturesOfHit(ctx.app.db, ctx.app.cipher, ctx.hit.id);
    expect(capture).toMatchObject({ id: result.captureId, purpose: 'recheck', outcome: 'still_up', httpStatus: 200 });
    expect(Object.keys(capture!.artifacts)).toEqual(expect.arrayContaining(['screenshot', 'html', 'mhtml', 'meta']));
    expect((await listCustody(ctx.app.db)).at(-1)).toMatchObject({ action: 'rechecked', subjectId: result.captureId });
    expect((await ctx.app.hits.get(ctx.hit.id))?.status).toBe('new');
  });

  it('proves removal by a 404 and resolves the hit, keeping the 404 page as the proof', async () => {
    mode = 'gone';
    const result = await recheckHit(deps, { hitId: ctx.hit.id });
    expect(result.outcome).toBe('removed');
    expect((await ctx.app.hits.get(ctx.hit.id))?.status).toBe('resolved');
    expect((await capturesOfHit(ctx.app.db, ctx.app.cipher, ctx.hit.id))[0]).toMatchObject({ outcome: 'removed', httpStatus: 404, artifacts: expect.objectContaining({ screenshot: expect.stringMatching(/^[0-9a-f]{64}$/) }) });
  });

  it('proves removal when the page loads but the person\'s information is gone', async () => {
    mode = 'edited';
    expect((await recheckHit(deps, { hitId: ctx.hit.id })).outcome).toBe('removed');
  });

  it('calls a bot wall blocked and changes nothing else', async () => {
    mode = 'wall';
    expect((await recheckHit(deps, { hitId: ctx.hit.id })).outcome).toBe('blocked');
    expect((await ctx.app.hits.get(ctx.hit.id))?.status).toBe('new');
  });

  it('re-checks a PDF by what it says: still up with the file kept, and removed once it no longer names the person', async () => {
    // In the browser a PDF shows nothing: read as a page, it would look emptied and count as removed.
    mode = 'pdf';
    const up = await recheckHit(deps, { hitId: ctx.hit.id });
    expect(up.outcome).toBe('still_up');
    const [capture] = await capturesOfHit(ctx.app.db, ctx.app.cipher, ctx.hit.id);
    expect(Object.keys(capture!.artifacts)).toEqual(expect.arrayContaining(['document', 'text', 'meta']));
    expect(Buffer.compare(await ctx.vault.read(capture!.artifacts.document!), pdfs.pdf)).toBe(0);
    expect((await ctx.app.hits.get(ctx.hit.id))?.status).toBe('new');
    mode = 'pdf-edited';
    expect((await recheckHit(deps, { hitId: ctx.hit.id })).outcome).toBe('removed');
  });

  it('keeps an unreachable page as a failed re-check, never as removed', async () => {
    const closed = await startLocalServer({});
    const url = closed.url;
    await closed.close();
    ctx.app.db.$client.prepare('update hits set url = ? where id = ?').run(`${url}/post/1`, ctx.hit.id);
    expect((await recheckHit(deps, { hitId: ctx.hit.id })).outcome).toBe('failed');
    expect((await capturesOfHit(ctx.app.db, ctx.app.cipher, ctx.hit.id))[0]).toMatchObject({ outcome: 'failed', artifacts: {} });
  });

  async function runWorkerUntilCaptured() {
    const worker = createWorker({ deps: ctx.app, handlers: [createRecheckJob(ctx.app, ctx.vault)], schedulerTasks: [], runScheduler: false });
    await worker.start();
    try {
      for (let i = 0; i < 300 && (await capturesOfHit(ctx.app.db, ctx.app.cipher, ctx.hit.id)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await worker.stop();
    }
  }

  it('is queued once per due time, runs at the next RECHECK_SCHEDULE time, and moves the case\'s next re-check', async () => {
    mode = 'up';
    const schedule = createRecheckSchedule(ctx.app);
    await schedule.tick(ctx.app.clock.now());
    await schedule.tick(ctx.app.clock.now());
    const job = ctx.app.db.$client.prepare("select count(*) as n, max(run_after) as runAfter from jobs where kind = 'evidence.recheck'").get() as { n: number; runAfter: number };
    expect(job.n).toBe(1);
    // The test clock is 10:00 UTC; the default schedule runs due re-checks every six hours.
    expect(new Date(job.runAfter).toISOString()).toBe(nextCronOccurrence(ctx.app.config.evidence.recheckSchedule, ctx.app.clock.now())!.toISOString());
    ctx.app.clock.set(new Date(job.runAfter + 1000));

    await runWorkerUntilCaptured();
    expect(await capturesOfHit(ctx.app.db, ctx.app.cipher, ctx.hit.id)).toEqual([expect.objectContaining({ purpose: 'recheck', outcome: 'still_up' })]);
    const row = caseRow();
    expect(row.status).toBe('takedown_sent');
    expect(row.next_recheck_at).toBeGreaterThan(ctx.app.clock.now().getTime());
    const event = ctx.app.db.$client.prepare("select kind, detail from case_events where case_id = 'case_1' order by id desc").get() as { kind: string; detail: string };
    expect(JSON.parse(event.detail)).toMatchObject({ outcome: 'still_up' });
    expect((await verifyEvidence(ctx.vault)).problems).toEqual([]);
    // Not due again until the case's next re-check time.
    await schedule.tick(ctx.app.clock.now());
    expect((ctx.app.db.$client.prepare("select count(*) as n from jobs where kind = 'evidence.recheck'").get() as { n: number }).n).toBe(1);
  });

  it('closes the case as removed and resolves the hit when the job proves removal', async () => {
    mode = 'gone';
    await createRecheckSchedule(ctx.app).tick(ctx.app.clock.now());
    ctx.app.clock.advance(7 * 3_600_000);
    await runWorkerUntilCaptured();
    expect(caseRow().status).toBe('removed');
    expect((await ctx.app.hits.get(ctx.hit.id))?.status).toBe('resolved');
  });
});
