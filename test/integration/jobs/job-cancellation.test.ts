import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { visitPage } from '../../../src/browser/page-visit.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { createJobsRepository } from '../../../src/modules/jobs/jobs.repository.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createJobRegistry, defineJobHandler } from '../../../workers/job-registry.ts';
import { createJobRunner } from '../../../workers/job-runner.ts';
import { createTestApp } from '../../helpers/test-app.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

const kinds = { 'test.visit': { schema: z.object({ n: z.number() }), timeoutMs: 6000, concurrency: 2, maxAttempts: 1 } };

describe.skipIf(location.kind === 'missing' && !process.env.CI)('a job that times out on a page that never finishes loading', () => {
  let server: http.Server;
  let url: string;
  const requests = { opened: 0, closed: 0 };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      // Headers and half a page, then nothing: the page never finishes loading.
      requests.opened++;
      req.socket.once('close', () => requests.closed++);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>loading');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/slow`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('closes the page when the job times out and never has more pages open than the kind allows', async () => {
    const app = await createTestApp({ jobKinds: kinds, browserLocation: location });
    const jobs = createJobsRepository({ db: app.db, clock: app.clock, kinds });
    const guard = createUrlGuard({ allowHosts: ['127.0.0.1'], egress: app.egress });
    const handler = defineJobHandler<{ n: number }>('test.visit', async (_payload, ctx) => {
      // The navigation timeout is far longer than the job's: only the job's signal can end this visit.
      await visitPage(app.browserPool, guard, url, { navigationTimeoutMs: 120_000, maxPageBytes: 1_000_000, signal: ctx.signal });
    });
    const runner = createJobRunner({ jobs, registry: createJobRegistry(kinds, [handler]), logger: createLogger({ level: 'silent' }), options: { workerId: 'w1', concurrency: 4, leaseMs: 60_000, pollIntervalMs: 20 } });
    const ids: number[] = [];
    for (let n = 0; n < 5; n++) ids.push((await jobs.enqueue({ kind: 'test.visit', payload: { n } }))!);
    const someAlive = async () => (await Promise.all(ids.map((id) => jobs.get(id)))).some((job) => job?.status !== 'dead');
    // Chromium starts before the clock of the first job runs, so every job reaches the page.
    await app.browserPool.withPage(async () => undefined);
    let mostPagesOpen = 0;
    const sampler = setInterval(() => {
      mostPagesOpen = Math.max(mostPagesOpen, app.browserPool.stats().activeContexts);
    }, 10);
    try {
      runner.start();
      while ((await someAlive()) || runner.inFlightCount() > 0) await new Promise((r) => setTimeout(r, 25));
      // Every job ended on its timeout, and by the time its slot was free its page was closed.
      expect(await Promise.all(ids.map(async (id) => (await jobs.get(id))?.lastError))).toEqual(ids.map(() => expect.stringMatching(/timed out after 6000 ms/)));
      expect(app.browserPool.stats().activeContexts).toBe(0);
      expect(mostPagesOpen).toBeGreaterThan(0);
      expect(mostPagesOpen).toBeLessThanOrEqual(kinds['test.visit'].concurrency);
      // (On a heavily loaded machine a job may time out before its page was even requested.)
      expect(requests.opened).toBeGreaterThan(0);
      // Chromium and the gateway dropped each hanging request: nothing is left waiting on the site.
      const until = Date.now() + 5000;
      while (requests.closed < requests.opened && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      expect(requests.closed).toBe(requests.opened);
    } finally {
      clearInterval(sampler);
      await runner.stop(1000);
      await app.close();
    }
  });
});
