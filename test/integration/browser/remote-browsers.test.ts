import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserServer } from 'playwright';
import { locateBrowser, type BrowserLocation } from '../../../src/browser/browser-locator.ts';
import { createBrowserPool, type BrowserPool } from '../../../src/browser/browser-pool.ts';
import { sandboxLaunchOptions } from '../../../src/browser/sandbox.models.ts';
import { createSandboxPlan, sandboxLauncherPath } from '../../../src/browser/sandbox.ts';
import { buildServer } from '../../../src/web/server.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import type { EgressScope } from '../../../src/egress/egress-gateway.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { createTestEgress } from '../../helpers/egress.ts';
import { createTestApp } from '../../helpers/test-app.ts';

const local = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

/**
 * Two Playwright browser servers on 127.0.0.1, started the way the service starts its own Chromium (as an
 * unprivileged user when the test runs as root). Each gets its own user agent, so the page it loads tells
 * the test which server did the work.
 */
async function startBrowserServer(label: string, at?: { port: number; wsPath: string }): Promise<BrowserServer> {
  if (local.kind !== 'local') throw new Error('no local Chromium');
  const launch = sandboxLaunchOptions(createSandboxPlan({ location: local }), { executablePath: local.executablePath, launcher: sandboxLauncherPath, env: process.env });
  return chromium.launchServer({ ...launch, args: [...launch.args, `--user-agent=${label}`], headless: true, host: '127.0.0.1', port: at?.port ?? 0, ...(at ? { wsPath: at.wsPath } : {}) });
}

const addressOf = (server: BrowserServer) => {
  const url = new URL(server.wsEndpoint());
  return { port: Number(url.port), wsPath: url.pathname.slice(1) };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(local.kind === 'missing' && !process.env.CI)('several remote browsers (BROWSER_WS_ENDPOINT)', () => {
  const servers: BrowserServer[] = [];
  let endpoints: string[] = [];
  let web: Awaited<ReturnType<typeof startLocalServer>>;
  let pool: BrowserPool;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let http: Awaited<ReturnType<typeof buildServer>>;
  const gateway = createTestEgress();
  let egress: EgressScope;

  /** One job: loads the page that echoes the user agent, which names the browser server that ran it. */
  const whichServer = () => pool.withPage(async (page) => {
    await page.goto(`${web.url}/ua`);
    return (await page.locator('body').textContent())?.trim();
  }, { egress });

  const health = async () => (await http.inject({ url: '/healthz' })).body;

  beforeAll(async () => {
    web = await startLocalServer({
      '/ua': (req, res) => {
        res.setHeader('content-type', 'text/plain');
        res.end(req.headers['user-agent'] ?? '');
      },
    });
    servers.push(await startBrowserServer('remote-0'), await startBrowserServer('remote-1'));
    endpoints = servers.map((s) => s.wsEndpoint());
    const location: BrowserLocation = locateBrowser({ wsEndpoint: endpoints, chromiumPath: undefined, playwrightExecutablePath: () => undefined });
    pool = createBrowserPool({
      location,
      logger: createLogger({ level: 'silent' }),
      options: { pagesPerBrowser: 50, navigationTimeoutMs: 5000, launchTimeoutMs: 5000, remoteBackoff: { initialMs: 300, maxMs: 1000 } },
    });
    app = await createTestApp({ browserLocation: location, browserPool: pool });
    http = await buildServer(app);
    egress = gateway.openScope({ allowHosts: ['127.0.0.1'], route: { kind: 'pages' }, label: 'test' });
  }, 60_000);

  afterAll(async () => {
    await http?.close();
    await app?.close();
    await pool?.close();
    await egress?.close();
    await gateway.close();
    await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
    await web?.close();
  }, 30_000);

  it('gives consecutive jobs to the two browsers in turn', async () => {
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await whichServer());
    expect(seen).toEqual(['remote-0', 'remote-1', 'remote-0', 'remote-1']);
    expect(JSON.parse(await health()).browser.endpoints).toEqual([{ index: 0, healthy: true }, { index: 1, healthy: true }]);
  });

  it('sends the pages of a remote browser through the egress gateway, which refuses what the scope does not allow', async () => {
    const closed = gateway.openScope({ allowHosts: [], route: { kind: 'pages' }, label: 'no private hosts' });
    try {
      for (let i = 0; i < 2; i++) {
        const outcome = await pool.withPage((page) => page.goto(`${web.url}/ua`).then(() => 'loaded', () => 'refused'), { egress: closed });
        expect(outcome).toBe('refused');
      }
      expect(closed.refusals().map((r) => r.host)).toEqual(['127.0.0.1', '127.0.0.1']);
    } finally {
      await closed.close();
    }
  });

  it('keeps working on the other browser when one server dies, and /healthz names only the index that is down', async () => {
    await servers[0]!.kill();
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(await whichServer());
    expect(seen).toEqual(['remote-1', 'remote-1', 'remote-1']);
    const body = await health();
    expect(JSON.parse(body)).toMatchObject({ browser: { endpoints: [{ index: 0, healthy: false }, { index: 1, healthy: true }] } });
    for (const endpoint of endpoints) {
      expect(body).not.toContain(new URL(endpoint).pathname);
      expect(body).not.toContain(new URL(endpoint).host);
    }
  });

  it('takes a server that came back at the same address into the rotation again after its back-off', async () => {
    servers[0] = await startBrowserServer('remote-0', addressOf(servers[0]!));
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 20 && !seen.has('remote-0'); i++) {
      seen.add(await whichServer());
      await sleep(100);
    }
    expect(seen.has('remote-0')).toBe(true);
    expect(JSON.parse(await health()).browser.endpoints).toEqual([{ index: 0, healthy: true }, { index: 1, healthy: true }]);
  }, 30_000);

  it('fails a job at once with browser.remote_unavailable when every server is down, without naming their addresses', async () => {
    await Promise.all(servers.map((s) => s.kill()));
    const error = await whichServer().then(() => null, (e: unknown) => e as { code: string; message: string });
    expect(error).toMatchObject({ code: 'browser.remote_unavailable', message: expect.stringMatching(/None of the 2 remote browsers/) });
    for (const endpoint of endpoints) expect(error!.message).not.toContain(new URL(endpoint).host);
    // All in back-off now: the next job is refused without trying to connect (the test's time limit is the proof it does not hang).
    await expect(whichServer()).rejects.toMatchObject({ code: 'browser.remote_unavailable', message: expect.stringMatching(/next try is in about \d+ s/) });
    const report = JSON.parse(await health());
    expect(report.browser.endpoints).toEqual([{ index: 0, healthy: false }, { index: 1, healthy: false }]);
  }, 30_000);
});
