import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { createBrowserPool, type BrowserPool } from '../../../src/browser/browser-pool.ts';
import { visitPage } from '../../../src/browser/page-visit.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { isAppError } from '../../../src/shared/errors.ts';
import { createTestEgress } from '../../helpers/egress.ts';
import type { EgressGateway } from '../../../src/egress/egress-gateway.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

/**
 * The internal service a hostile page tries to reach: 127.0.0.2 (and ::1) on the same port as the hostile
 * site, counting every TCP connection, so that "0" means no byte of any request arrived.
 */
async function startCountingTarget(port: number) {
  let connections = 0;
  const servers: net.Server[] = [];
  for (const host of ['127.0.0.2', '::1']) {
    const server = net.createServer((socket) => {
      connections++;
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 6\r\n\r\nsecret');
    });
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, host, () => resolve(true));
    });
    if (ok) servers.push(server);
  }
  return { connections: () => connections, close: () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))) };
}

/** Pages that each try one way out of the browser towards the internal address. */
function hostileRoutes(internal: string, internalPort: number): Record<string, { status?: number; headers?: Record<string, string>; body?: string }> {
  const html = (body: string) => ({ headers: { 'content-type': 'text/html' }, body: `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>` });
  const redirect = (status: number) => ({ status, headers: { location: `${internal}/admin` } });
  return {
    '/redirect-301': redirect(301),
    '/redirect-302': redirect(302),
    '/redirect-307': redirect(307),
    '/redirect-308': redirect(308),
    '/meta-refresh': { headers: { 'content-type': 'text/html' }, body: `<html><head><meta http-equiv="refresh" content="0;url=${internal}/admin"></head><body>moving</body></html>` },
    '/iframe': html(`<iframe src="${internal}/admin"></iframe>`),
    '/script-fetch': html(`<script>fetch('${internal}/admin', { mode: 'no-cors' }).catch(() => {}); const x = new XMLHttpRequest(); x.open('GET', '${internal}/xhr'); x.send();</script>`),
    '/form-post': html(`<form id="f" method="post" action="${internal}/admin"><input name="a" value="1"></form><script>document.getElementById('f').submit()</script>`),
    '/websocket': html(`<script>try { new WebSocket('ws://127.0.0.2:${internalPort}/socket'); } catch (e) {}</script>`),
    '/service-worker': html(`<script>navigator.serviceWorker && navigator.serviceWorker.register('/sw.js').catch(() => {});</script>`),
    '/sw.js': { headers: { 'content-type': 'text/javascript' }, body: `fetch('${internal}/from-worker');` },
    '/prefetch': html(`<link rel="prefetch" href="${internal}/prefetch"><link rel="preconnect" href="${internal}"><link rel="dns-prefetch" href="${internal}"><img src="${internal}/img.png">`),
    '/popup': html(`<script>window.open('${internal}/popup');</script>`),
    '/ipv6-loopback': html(`<script>fetch('http://[::1]:${internalPort}/admin', { mode: 'no-cors' }).catch(() => {});</script><img src="http://[::1]:${internalPort}/i.png">`),
    '/ipv4-mapped': html(`<script>fetch('http://[::ffff:127.0.0.2]:${internalPort}/admin', { mode: 'no-cors' }).catch(() => {});</script><img src="http://[::ffff:7f00:2]:${internalPort}/i.png">`),
    '/decimal-ip': html(`<script>fetch('http://2130706434:${internalPort}/admin', { mode: 'no-cors' }).catch(() => {});</script><img src="http://0x7f.0.0.2:${internalPort}/i.png"><img src="http://0177.0.0.2:${internalPort}/j.png">`),
    '/rebind': html(`<p>first answer public</p><script>for (let i = 0; i < 3; i++) fetch('/again-' + i).catch(() => {});</script>`),
  };
}

describe.skipIf(location.kind === 'missing' && !process.env.CI)('hostile pages against the egress gateway', () => {
  let site: http.Server;
  let sitePort: number;
  let target: Awaited<ReturnType<typeof startCountingTarget>>;
  let pool: BrowserPool;
  let egress: EgressGateway;
  const lookups = new Map<string, number>();
  // rebind.test answers like an attacker's DNS: the allow-listed address for the check and the page load, then the internal one.
  const resolve = async (host: string) => {
    if (host !== 'rebind.test') return [];
    const n = (lookups.get(host) ?? 0) + 1;
    lookups.set(host, n);
    return n <= 2 ? ['127.0.0.1'] : ['127.0.0.2'];
  };

  beforeAll(async () => {
    let routes: ReturnType<typeof hostileRoutes> = {};
    site = http.createServer((req, res) => {
      const route = routes[(req.url ?? '/').split('?')[0]!] ?? { status: 404, body: 'not found' };
      res.writeHead(route.status ?? 200, route.headers ?? {});
      res.end(route.body ?? '');
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    sitePort = (site.address() as net.AddressInfo).port;
    routes = hostileRoutes(`http://127.0.0.2:${sitePort}`, sitePort);
    target = await startCountingTarget(sitePort);
    egress = createTestEgress({ resolve });
    pool = createBrowserPool({ location, logger: createLogger({ level: 'silent' }), options: { pagesPerBrowser: 50, navigationTimeoutMs: 8000 } });
  });

  afterAll(async () => {
    await pool?.close();
    await egress?.close();
    await target?.close();
    await new Promise((r) => site?.close(r));
  });

  const visit = async (url: string) => {
    // Only the hostile site's own address and port are allowed: a scoped exception, not "all of loopback".
    const guard = createUrlGuard({ allowHosts: [`127.0.0.1:${sitePort}`], egress, resolve });
    try {
      return { page: await visitPage(pool, guard, url, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000, settleMs: 1500 }) };
    } catch (error) {
      return { error };
    }
  };

  it.each(['/redirect-301', '/redirect-302', '/redirect-307', '/redirect-308'])('refuses the redirect of %s before any byte reaches the internal address', async (path) => {
    const result = await visit(`http://127.0.0.1:${sitePort}${path}`);
    expect(result.error && isAppError(result.error) && result.error.code).toBe('fetch.url_refused');
    expect(target.connections()).toBe(0);
  });

  it.each(['/meta-refresh', '/iframe', '/script-fetch', '/form-post', '/websocket', '/service-worker', '/prefetch', '/popup', '/ipv6-loopback', '/ipv4-mapped', '/decimal-ip'])(
    'ends %s with a result or a clear error, and nothing reaches the internal address',
    async (path) => {
      const result = await visit(`http://127.0.0.1:${sitePort}${path}`);
      if (result.error) expect(isAppError(result.error) ? result.error.code : String(result.error)).toMatch(/^fetch\./);
      else expect(result.page!.status).toBe(200);
      expect(target.connections()).toBe(0);
    },
  );

  it('counts the refused connections of a page and names their addresses', async () => {
    const result = await visit(`http://127.0.0.1:${sitePort}/iframe`);
    expect(result.page!.blockedRequests).toBeGreaterThanOrEqual(1);
    expect(result.page!.refusedConnections).toContainEqual({ host: '127.0.0.2', port: sitePort, reason: 'loopback address' });
  });

  it('connects to the address it checked, so a name that turns private after the page loaded reaches nothing', async () => {
    const result = await visit(`http://rebind.test:${sitePort}/rebind`);
    expect(result.page?.status).toBe(200);
    expect(result.page?.text).toContain('first answer public');
    expect(result.page!.refusedConnections.some((r) => r.host === 'rebind.test' && r.reason === 'loopback address')).toBe(true);
    expect(target.connections()).toBe(0);
  });

  it('does not let the allow-listed address stand for its neighbours on other ports', async () => {
    const result = await visit(`http://127.0.0.1:${sitePort + 1 === 65536 ? sitePort - 1 : sitePort + 1}/`);
    expect(result.error && isAppError(result.error) && result.error.code).toBe('fetch.url_refused');
  });
});
