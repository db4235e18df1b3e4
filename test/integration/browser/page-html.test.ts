import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { isolatedHtmlReader } from '../../../src/browser/page-html.ts';
import { visitPage } from '../../../src/browser/page-visit.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { useBrowserTestbed } from '../../helpers/browser-testbed.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

const html = (doc: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(doc);
};

describe.skipIf(location.kind === 'missing' && !process.env.CI)("reading a page's rendered HTML", () => {
  const bed = useBrowserTestbed(location, {
    '/first': html('<!DOCTYPE html><html lang="en"><head><title>first</title></head><body><p>The first document &amp; its <b>markup</b>.</p><script>document.body.insertAdjacentHTML("beforeend", "<p id=added>added by script</p>")</script></body></html>'),
    '/second': html('<!DOCTYPE html><html><head><title>second</title></head><body><p>The second document.</p></body></html>'),
    // The page replaces every way its own scripts could serialise it with a forgery.
    '/forging': html(`<!DOCTYPE html><html><head><title>f</title></head><body><p>Lola Velvet, +32 470 12 34 56</p><script>
      Object.defineProperty(Element.prototype, 'outerHTML', { get: function () { return '<html><body>nothing to see</body></html>'; } });
      XMLSerializer.prototype.serializeToString = function () { return '<!DOCTYPE forged>'; };
    </script></body></html>`),
  });

  it("gives what Playwright's page.content() gives, and the new document's after the page navigated", async () => {
    const [first, firstByPlaywright, second, secondByPlaywright] = await bed.withPage(async (page, context) => {
      const read = isolatedHtmlReader(() => context.newCDPSession(page));
      await page.goto(`${bed.url}/first`, { waitUntil: 'load' });
      const a = [await read(), await page.content()];
      // The world the first reading used went with its document.
      await page.goto(`${bed.url}/second`, { waitUntil: 'load' });
      return [...a, await read(), await page.content()];
    });
    expect(first).toBe(firstByPlaywright);
    expect(first).toContain('<!DOCTYPE html>');
    expect(first).toContain('<p id="added">added by script</p>');
    expect(second).toBe(secondByPlaywright);
    expect(second).toContain('The second document.');
  });

  it("keeps the page's real HTML when the page forges the serialisers its own scripts could use", async () => {
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts: [bed.host], egress: bed.egress }), `${bed.url}/forging`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    // The forged serialisers would give '<!DOCTYPE forged>' and a body that only says "nothing to see"
    // (those words are in the kept HTML too, inside the page's own script).
    expect(visit.html).toMatch(/^<!DOCTYPE html><html><head><title>f<\/title><\/head><body><p>Lola Velvet, \+32 470 12 34 56<\/p><script>/);
  });
});
