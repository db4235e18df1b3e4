import type http from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import type { BrowserLocation } from '../../src/browser/browser-locator.ts';
import { createBrowserPool, type BrowserPool } from '../../src/browser/browser-pool.ts';
import type { EgressGateway } from '../../src/egress/egress-gateway.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createTestEgress } from './egress.ts';
import type { Resolver } from '../../src/egress/resolver.ts';
import { startLocalServer } from './local-server.ts';

type Routes = Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>;

/**
 * A local site, the real egress gateway and a browser pool for the tests of one `describe`: started before
 * them, stopped after them. `resolve` is the gateway's name resolution: names that lead to the same local site
 * make other sites of it for the browser. `withPage` gives a page whose context reaches the site through the gateway, and
 * nothing else.
 */
export function useBrowserTestbed(location: BrowserLocation, routes: Routes, options: { resolve?: Resolver } = {}) {
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  let pool: BrowserPool;
  let egress: EgressGateway;

  beforeAll(async () => {
    server = await startLocalServer(routes);
    egress = createTestEgress({ resolve: options.resolve });
    pool = createBrowserPool({ location, logger: createLogger({ level: 'silent' }), options: { pagesPerBrowser: 50, navigationTimeoutMs: 8000 } });
  });

  afterAll(async () => {
    await pool?.close();
    await egress?.close();
    await server?.close();
  });

  return {
    get url() {
      return server.url;
    },
    get host() {
      return new URL(server.url).host;
    },
    get pool() {
      return pool;
    },
    get egress() {
      return egress;
    },
    async withPage<T>(fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
      const scope = egress.openScope({ allowHosts: [new URL(server.url).host], route: { kind: 'pages' }, label: 'test' });
      try {
        return await pool.withPage(fn, { egress: scope });
      } finally {
        await scope.close();
      }
    },
  };
}
