import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { fetch } from 'undici';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { createBrowserPool, type BrowserPool } from '../../../src/browser/browser-pool.ts';
import { createEgressGateway, type EgressScope } from '../../../src/egress/egress-gateway.ts';
import { parseEgressSettings } from '../../../src/config/egress.settings.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { directUpstreams } from '../../helpers/egress.ts';
import { startLocalServer } from '../../helpers/local-server.ts';

const local = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

/** Asks the scope's listener something directly, as another machine on its network could. */
function askProxy(proxy: string, options: { method: string; path: string; authorization?: string }): Promise<{ status: number; challenge?: string }> {
  const url = new URL(proxy);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.authorization ? { 'proxy-authorization': options.authorization } : {} });
    req.on('connect', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, challenge: res.headers['proxy-authenticate'] });
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, challenge: res.headers['proxy-authenticate'] });
    });
    req.on('error', reject);
    req.end();
  });
}

// 127.0.0.2 stands for an address other machines reach: anything but the default 127.0.0.1 makes each scope
// demand its own credentials.
describe('the egress gateway listening where remote browsers reach it', () => {
  const gateway = createEgressGateway({ upstreams: directUpstreams, listen: { host: '127.0.0.2', advertiseHost: '127.0.0.2' }, logger: createLogger({ level: 'silent' }) });
  let site: Awaited<ReturnType<typeof startLocalServer>>;
  let scope: EgressScope;
  let pool: BrowserPool | undefined;

  beforeAll(async () => {
    site = await startLocalServer({
      '/page': (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end('<title>reached</title><p>through the gateway</p>');
      },
    });
    scope = gateway.openScope({ allowHosts: [new URL(site.url).host], route: { kind: 'pages' }, label: 'page-visit' });
  });
  afterAll(async () => {
    await pool?.close();
    await scope?.close();
    await gateway.close();
    await site?.close();
  });

  it('tells browsers the advertised address and gives each scope credentials of its own', async () => {
    expect(await scope.proxyServer()).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    const other = gateway.openScope({ allowHosts: [], route: { kind: 'pages' }, label: 'other' });
    expect(scope.proxyCredentials?.password).toHaveLength(32);
    expect(other.proxyCredentials?.password).not.toBe(scope.proxyCredentials?.password);
    await other.close();
  });

  it('answers a request or tunnel without the scope\'s credentials with the proxy challenge, and never forwards it', async () => {
    const proxy = await scope.proxyServer();
    const target = new URL(site.url).host;
    const wrong = `Basic ${Buffer.from('scope:guessed').toString('base64')}`;
    for (const authorization of [undefined, wrong]) {
      expect(await askProxy(proxy, { method: 'GET', path: `${site.url}/page`, authorization })).toEqual({ status: 407, challenge: 'Basic realm="egress"' });
      expect(await askProxy(proxy, { method: 'CONNECT', path: target, authorization })).toMatchObject({ status: 407 });
    }
    expect(scope.refusals()).toHaveLength(0);
  });

  it('serves Node\'s own fetches and Chromium, each answering the challenge with the scope\'s credentials', async () => {
    const viaNode = await fetch(`${site.url}/page`, { dispatcher: await scope.dispatcher() });
    expect(viaNode.status).toBe(200);
    expect(await viaNode.text()).toContain('through the gateway');
    if (local.kind !== 'local') {
      expect(process.env.CI).toBeUndefined();
      return;
    }
    const allowedBefore = gateway.stats().allowedTotal;
    pool = createBrowserPool({ location: local, logger: createLogger({ level: 'silent' }), options: { pagesPerBrowser: 10, navigationTimeoutMs: 15_000, launchTimeoutMs: 30_000 } });
    const title = await pool.withPage(async (page) => {
      await page.goto(`${site.url}/page`);
      return page.title();
    }, { egress: scope });
    expect(title).toBe('reached');
    // The page came through the gateway (loopback is not bypassed), not around it.
    expect(gateway.stats().allowedTotal).toBeGreaterThan(allowedBefore);
  });
});

describe('EGRESS_LISTEN_HOST and EGRESS_ADVERTISE_HOST', () => {
  it('listen on 127.0.0.1 by default, and need an advertised address when listening on every address', () => {
    expect(parseEgressSettings({})).toMatchObject({ settings: { listen: { host: '127.0.0.1', advertiseHost: '127.0.0.1' } } });
    expect(parseEgressSettings({ EGRESS_LISTEN_HOST: '10.0.0.5' })).toMatchObject({ settings: { listen: { host: '10.0.0.5', advertiseHost: '10.0.0.5' } } });
    expect(parseEgressSettings({ EGRESS_LISTEN_HOST: '0.0.0.0' })).toEqual({ problems: [expect.objectContaining({ variable: 'EGRESS_ADVERTISE_HOST' })] });
    expect(parseEgressSettings({ EGRESS_LISTEN_HOST: '0.0.0.0', EGRESS_ADVERTISE_HOST: 'scanner.internal' })).toMatchObject({ settings: { listen: { host: '0.0.0.0', advertiseHost: 'scanner.internal' } } });
    expect(parseEgressSettings({ EGRESS_LISTEN_HOST: 'scanner.internal' })).toEqual({ problems: [expect.objectContaining({ variable: 'EGRESS_LISTEN_HOST' })] });
  });
});
