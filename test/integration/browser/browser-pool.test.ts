import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { createBrowserPool, type BrowserPool } from '../../../src/browser/browser-pool.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { createTestEgress } from '../../helpers/egress.ts';
import type { EgressScope } from '../../../src/egress/egress-gateway.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

// In CI a missing browser must fail loudly, not skip: .ci/run installs Chromium.
describe.skipIf(location.kind === 'missing' && !process.env.CI)('the browser pool on real Chromium', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  let pool: BrowserPool;
  const gateway = createTestEgress();
  let egress: EgressScope;

  beforeAll(async () => {
    server = await startLocalServer({
      '/page': (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end('<html><body><div id="x"></div><script>document.getElementById("x").textContent = "built by script"</script></body></html>');
      },
      '/cookie': (_req, res) => {
        res.setHeader('set-cookie', 'tracker=1; Path=/');
        res.end('<html><body>cookie set</body></html>');
      },
      '/hang': () => undefined,
    });
    egress = gateway.openScope({ allowHosts: ['127.0.0.1'], route: { kind: 'pages' }, label: 'test' });
    pool = createBrowserPool({ location, logger: createLogger({ level: 'silent' }), options: { pagesPerBrowser: 3, navigationTimeoutMs: 2000 } });
  });

  afterAll(async () => {
    await pool.close();
    await gateway.close();
    await server.close();
  });

  it('renders script-built pages', async () => {
    const text = await pool.withPage(async (page) => {
      await page.goto(`${server.url}/page`);
      return page.locator('#x').textContent();
    }, { egress });
    expect(text).toBe('built by script');
  });

  it('gives every job a fresh context, so cookies never carry over', async () => {
    await pool.withPage(async (page) => void (await page.goto(`${server.url}/cookie`)), { egress });
    const cookies = await pool.withPage(async (page, context) => {
      await page.goto(`${server.url}/page`);
      return context.cookies();
    }, { egress });
    expect(cookies).toEqual([]);
  });

  it('gives a context opened without an egress scope no network at all', async () => {
    const outcome = await pool.withPage(async (page) => page.goto(`${server.url}/page`).then(() => 'loaded', (error: Error) => error.message));
    expect(outcome).not.toBe('loaded');
  });

  it('times out on a page that never answers and still closes the context', async () => {
    await expect(pool.withPage((page) => page.goto(`${server.url}/hang`), { egress })).rejects.toThrow(/Timeout/i);
    expect(pool.stats().activeContexts).toBe(0);
  });

  it('closes the context when the job throws', async () => {
    await expect(pool.withPage(async () => { throw new Error('job failed'); })).rejects.toThrow('job failed');
    expect(pool.stats().activeContexts).toBe(0);
  });

  it('closes a context in the background only after its work succeeded, a bounded number at once, and waits for them when the pool closes', async () => {
    const own = createBrowserPool({ location, logger: createLogger({ level: 'silent' }), options: { pagesPerBrowser: 50, navigationTimeoutMs: 2000, maxBackgroundCloses: 1 } });
    const closed: boolean[] = [];
    const job = (i: number) =>
      own.withPage(async (page, context) => {
        context.on('close', () => void (closed[i] = true));
        await page.goto(`${server.url}/page`);
      }, { egress, closeInBackground: true });
    await Promise.all([job(0), job(1), job(2)]);
    // Three jobs ran at once; only one context may still be closing when they have all returned.
    expect(own.stats().activeContexts).toBeLessThanOrEqual(1);
    await expect(own.withPage(async (_page, context) => {
      context.on('close', () => void (closed[3] = true));
      throw new Error('job failed');
    }, { closeInBackground: true })).rejects.toThrow('job failed');
    expect(closed[3]).toBe(true);
    await own.close();
    expect(closed).toEqual([true, true, true, true]);
    expect(own.stats().activeContexts).toBe(0);
  });

  it('restarts the browser after its page budget', async () => {
    const pids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await pool.withPage(async (page) => {
        await page.goto(`${server.url}/page`);
        pids.add(page.context().browser()!.version() + String((page.context().browser() as unknown as { _guid: string })._guid));
      }, { egress });
    }
    expect(pids.size).toBeGreaterThanOrEqual(2);
  });
});

describe('without any browser', () => {
  it('fails jobs with the install instruction instead of crashing', async () => {
    const pool = createBrowserPool({ location: { kind: 'missing', instruction: 'Install one: `apt-get install chromium`', tried: [] }, logger: createLogger({ level: 'silent' }), options: { pagesPerBrowser: 1, navigationTimeoutMs: 1000 } });
    await expect(pool.withPage(async () => 1)).rejects.toMatchObject({ code: 'browser.missing', message: expect.stringContaining('apt-get install chromium') });
  });
});
