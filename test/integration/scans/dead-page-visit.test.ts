import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { jobKinds } from '../../../src/modules/jobs/job-kinds.ts';
import { INTERRUPTED_ATTEMPTS_CAP } from '../../../src/modules/jobs/jobs.repository.ts';
import { describeScanRun, describeUnchecked } from '../../../src/modules/scans/scan-report.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { createWorker } from '../../../workers/worker.ts';
import { createJobHandlers } from '../../../workers/handlers.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { workersDieUnder } from '../../helpers/dying-workers.ts';
import { demoIdentifiers, profileOf } from '../../helpers/profiles.ts';
import type { App } from '../../../src/app.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

/** A person, a scan whose searches are done and found one page, and that page's visit job, as a scan leaves them. */
async function scanWaitingForOnePage(app: App, pageUrl: string) {
  const organisationId = await app.profiles.ensureDefaultOrganisation();
  const personId = await app.profiles.createPerson({ organisationId, label: 'p', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: profileOf(demoIdentifiers) });
  const { run } = await app.scans.createRun({ personId, trigger: 'manual', engines: ['searxng'], allowHosts: [new URL(pageUrl).host], rotationCursor: 0 });
  await app.scans.markRunning(run.id, 1);
  const [candidateId] = await app.scans.recordSearch({
    runId: run.id, personId, engine: 'searxng', query: 'Lola Velvet', queryKind: 'alias', outcome: 'ok', signal: null, durationMs: 5,
    results: [{ url: pageUrl, normalizedUrl: pageUrl, title: 'A forum thread', snippet: 'Nothing about anyone here.' }],
  });
  await app.scans.markSearchesFinished(run.id);
  const jobId = (await app.jobs.enqueue({ kind: 'page.visit', payload: { scanRunId: run.id, candidateId: candidateId! }, idempotencyKey: `page.visit:${run.id}:${candidateId}` }))!;
  return { personId, runId: run.id, candidateId: candidateId!, jobId };
}

describe('a page visit job that dies', () => {
  it('settles its page as not checked when workers keep dying under it, and the scan finishes', async () => {
    const app = await createTestApp();
    try {
      const { personId, runId, candidateId, jobId } = await scanWaitingForOnePage(app, 'https://forum.example/thread/1');
      // Each worker claims the visit and dies (its lease runs out); the next claim revives it, up to the cap.
      const claims = await workersDieUnder(app, jobId, 'page.visit');
      expect(claims).toBe(INTERRUPTED_ATTEMPTS_CAP);
      expect(await app.jobs.get(jobId)).toMatchObject({ status: 'dead', lastError: expect.stringMatching(/lease expired/) });

      expect(await app.scans.getCandidate(candidateId)).toMatchObject({ status: 'unchecked', skipReason: 'error' });
      const run = (await app.scans.getRun(runId))!;
      expect(run.finishedAt).not.toBeNull();
      expect((await describeScanRun(app, run)).progress).toMatchObject({ pagesVisited: 0, pagesUnchecked: 1 });
      expect(await describeUnchecked(app, runId)).toEqual([{ url: 'https://forum.example/thread/1', reason: 'error' }]);
      // Listed for the person with a later retry, like any page that could not be checked.
      const listed = await app.pipeline.uncheckedPages.listForPeople([personId]);
      expect(listed).toEqual([expect.objectContaining({ url: 'https://forum.example/thread/1', reason: 'error', resolution: null })]);
      expect(listed[0]!.nextRetryAt!.getTime()).toBeGreaterThan(app.clock.now().getTime());
    } finally {
      void app.close();
    }
  });

  it('leaves a scan that still has another page open running', async () => {
    const app = await createTestApp();
    try {
      const { runId, jobId } = await scanWaitingForOnePage(app, 'https://forum.example/thread/2');
      const other = await app.scans.recordSearch({
        runId, personId: (await app.scans.getRun(runId))!.personId, engine: 'searxng', query: 'Marie-Claire Dubois', queryKind: 'name', outcome: 'ok', signal: null, durationMs: 5,
        results: [{ url: 'https://other.example/page', normalizedUrl: 'https://other.example/page', title: 'Other', snippet: 'Other.' }],
      });
      expect(other).toHaveLength(1);
      await workersDieUnder(app, jobId, 'page.visit');
      expect((await app.jobs.get(jobId))!.status).toBe('dead');
      expect((await app.scans.getRun(runId))!.finishedAt).toBeNull();
      expect(await app.scans.pendingCandidateIds(runId)).toEqual(other);
    } finally {
      void app.close();
    }
  });
});

describe.skipIf(location.kind === 'missing' && !process.env.CI)('a page visit job that times out on every attempt', () => {
  let server: http.Server;
  let pageUrl: string;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      // Headers and half a page, then nothing: the page never finishes loading.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>loading');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    pageUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/thread/3`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('dies after its last attempt, and the scan still finishes with that page listed as not checked', async () => {
    // The navigation timeout is far longer than the job's: only the job's own timeout ends each attempt.
    const kinds = { ...jobKinds, 'page.visit': { ...jobKinds['page.visit'], timeoutMs: 3000, maxAttempts: 2 } };
    const app = await createTestApp({ clock: systemClock, random: () => 0, jobKinds: kinds, browserLocation: location, env: { BROWSER_NAVIGATION_TIMEOUT_MS: '60000', ALLOW_PRIVATE_HOSTS: '127.0.0.1' } });
    const worker = createWorker({ deps: app, handlers: createJobHandlers(app), schedulerTasks: [], runScheduler: false });
    try {
      const { runId, candidateId, jobId } = await scanWaitingForOnePage(app, pageUrl);
      await worker.start();
      const until = Date.now() + 60_000;
      while (!(await app.scans.getRun(runId))!.finishedAt && Date.now() < until) await new Promise((r) => setTimeout(r, 100));

      expect(await app.jobs.get(jobId)).toMatchObject({ status: 'dead', attempts: 2, lastError: expect.stringMatching(/timed out after 3000 ms/) });
      expect(await app.scans.getCandidate(candidateId)).toMatchObject({ status: 'unchecked', skipReason: 'timeout' });
      const run = (await app.scans.getRun(runId))!;
      expect(run.finishedAt).not.toBeNull();
      // The search worked but no page could be read: never reported as a clean "nothing found".
      expect(run.status).toBe('partial');
      expect((await describeScanRun(app, run)).progress).toMatchObject({ pagesVisited: 0, pagesUnchecked: 1 });
      expect(await describeUnchecked(app, runId)).toEqual([{ url: pageUrl, reason: 'timeout' }]);
    } finally {
      await worker.stop();
      await app.close();
    }
  }, 90_000);
});
