import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { visitPage } from '../../../src/browser/page-visit.ts';
import { watchPageSettle } from '../../../src/browser/page-settle.ts';
import type { SettlePolicy } from '../../../src/browser/page-settle.models.ts';
import { matchText } from '../../../src/modules/matching/text-match.models.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { useBrowserTestbed } from '../../helpers/browser-testbed.ts';
import { demoIdentifiers, profileOf } from '../../helpers/profiles.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

/** The page's one DevTools session, opened on first use (as page-visit.ts does). */
const onceOpened = <T>(open: () => Promise<T>) => {
  let opened: Promise<T> | null = null;
  return () => (opened ??= open());
};

const html = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`);
};

describe.skipIf(location.kind === 'missing' && !process.env.CI)('waiting for a loaded page to settle', () => {
  const bed = useBrowserTestbed(location, {
    // No request and no DOM change between load and the timer: only the pending timer says "not yet".
    '/late-text': html(`<div id="app">Loading…</div><script>
      setTimeout(function () { document.getElementById('app').textContent = 'Profile of Lola Velvet, call +32 470 12 34 56'; }, 1500);
    </script>`),
    // A request that is never answered keeps the network busy for as long as the page is open.
    '/busy': html(`<p>Lola Velvet</p><script>
      addEventListener('load', function () { fetch('/never').catch(function () {}); });
      setTimeout(function () { document.body.insertAdjacentHTML('beforeend', '<p>added while the network was busy</p>'); }, 600);
    </script>`),
    '/never': () => undefined,
    // Polls itself forever: always a timer pending.
    '/ticking': html(`<p id="n">0</p><script>
      (function tick(n) { document.getElementById('n').textContent = String(n); setTimeout(function () { tick(n + 1); }, 100); })(0);
    </script>`),
    // Defers work to idle time again and again, without touching the DOM or the network.
    '/idling': html(`<p>idle</p><script>
      (function idle() { requestIdleCallback(function () { idle(); }); })();
    </script>`),
    '/static': html('<p>A page without scripts.</p>'),
    // No script, but the page replaces itself right after load: by a meta refresh, or by the HTTP header.
    '/meta-refresh': html('<meta http-equiv="refresh" content="0; url=/refreshed"><p>Redirecting…</p>'),
    '/header-refresh': (_req, res) => {
      res.setHeader('refresh', '0; url=/refreshed');
      html('<p>Redirecting…</p>')(_req, res);
    },
    '/meta-refresh-later': html('<meta http-equiv="refresh" content="30; url=/refreshed"><p>Moving in 30 s.</p>'),
    '/refreshed': html('<p>Lola Velvet, +32 470 12 34 56, on the page a refresh led to</p>'),
    '/inert-script': html('<p>A page whose script does nothing after it ran.</p><script>var done = true;</script>'),
    // Its script removes itself at once; only what the settle script saw while the page was parsed says
    // that anything here can still change the text (an interval is not counted as pending).
    '/self-removing': html(`<p id="state">step 0</p><script>
      document.currentScript.remove();
      var n = 0;
      var id = setInterval(function () {
        n++;
        document.getElementById('state').textContent = n < 8 ? 'step ' + n : 'Lola Velvet, written by a script that is gone';
        if (n >= 8) clearInterval(id);
      }, 50);
    </script>`),
    // No script element at all: the work is in an inline handler.
    '/inline-handler': html(`<p id="state">step 0</p><img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" onload="
      var n = 0;
      var id = setInterval(function () {
        n++;
        document.getElementById('state').textContent = n < 8 ? 'step ' + n : 'Lola Velvet, written by an inline handler';
        if (n >= 8) clearInterval(id);
      }, 50);">`),
    // Nothing pending right after load (an interval is not counted), but the text keeps changing for a
    // second: whatever was read while it changed is not what the page shows once it is quiet.
    '/interval': html(`<p id="state">step 0</p><script>
      var n = 0;
      var id = setInterval(function () {
        n++;
        document.getElementById('state').textContent = n < 20 ? 'step ' + n : 'Lola Velvet, final text';
        if (n >= 20) clearInterval(id);
      }, 50);
    </script>`),
  });

  const visit = (path: string, settleMs?: number) =>
    visitPage(bed.pool, createUrlGuard({ allowHosts: [bed.host], egress: bed.egress }), `${bed.url}${path}`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000, settleMs });

  it('reads and matches text a script writes 1.5 s after load without any request', async () => {
    const page = await visit('/late-text');
    expect(page.text).toContain('Profile of Lola Velvet');
    expect(page.text).not.toContain('Loading');
    const kinds = matchText(page.text, profileOf(demoIdentifiers)).map((m) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(['alias', 'phone']));
  });

  it('reads a page whose network never goes quiet once the bound is reached, with what its scripts added meanwhile', async () => {
    const page = await visit('/busy', 1500);
    expect(page.text).toContain('Lola Velvet');
    expect(page.text).toContain('added while the network was busy');
  });

  it('reads the page again once it is quiet when it changed after an earlier reading began', async () => {
    const page = await visit('/interval', 4000);
    expect(page.text).toContain('Lola Velvet, final text');
    expect(page.text).not.toMatch(/step \d/);
    expect(page.html).toContain('Lola Velvet, final text');
  });

  it('waits for what a script writes even when the script removed itself or lives in an inline handler', async () => {
    const removed = await visit('/self-removing', 4000);
    expect(removed.text).toContain('Lola Velvet, written by a script that is gone');
    expect(removed.text).not.toMatch(/step \d/);
    const handler = await visit('/inline-handler', 4000);
    expect(handler.text).toContain('Lola Velvet, written by an inline handler');
    expect(handler.text).not.toMatch(/step \d/);
  });

  it('follows a refresh right after load on a page without scripts, by meta element or by header', async () => {
    for (const path of ['/meta-refresh', '/header-refresh']) {
      const page = await visit(path);
      expect(page.finalUrl).toBe(`${bed.url}/refreshed`);
      expect(page.text).toContain('Lola Velvet, +32 470 12 34 56, on the page a refresh led to');
    }
  });

  it('takes a loaded page that never held a script as settled without waiting out the quiet window', async () => {
    // A quiet window far beyond the bound: only a document that can run no script settles before it.
    const endless = { quietWindowMs: 60_000 };
    expect(await settledBeforeBound('/static', endless)).toBe(true);
    expect(await settledBeforeBound('/inert-script', endless)).toBe(false);
    expect(await settledBeforeBound('/self-removing', endless)).toBe(false);
    expect(await settledBeforeBound('/inline-handler', endless)).toBe(false);
    // No script either, but a refresh will replace it: by meta element, or by header (the visit says so).
    expect(await settledBeforeBound('/meta-refresh-later', endless)).toBe(false);
    expect(await settledBeforeBound('/static', endless, false)).toBe(false);
  });

  async function settledBeforeBound(path: string, policy?: SettlePolicy, scriptFreeSettles?: boolean): Promise<boolean> {
    return await bed.withPage(async (page, context) => {
      // Timers up to 2 s count, as in a visit with the default bound; the wait itself is cut at 1 s.
      const watch = await watchPageSettle(page, 2000, onceOpened(() => context.newCDPSession(page)));
      await page.goto(`${bed.url}${path}`, { waitUntil: 'load' });
      try {
        return await watch.settle({ maxMs: 1000, policy, scriptFreeSettles });
      } finally {
        watch.dispose();
      }
    });
  }

  it('ends the wait early for a page that is quiet, and only at the bound for one that keeps the network busy or keeps scheduling timers or idle work', async () => {
    expect(await settledBeforeBound('/static')).toBe(true);
    // Its 1.5 s timer is still pending when the 1 s bound comes.
    expect(await settledBeforeBound('/late-text')).toBe(false);
    expect(await settledBeforeBound('/busy')).toBe(false);
    expect(await settledBeforeBound('/ticking')).toBe(false);
    expect(await settledBeforeBound('/idling')).toBe(false);
  });

  it('leaves setTimeout, attachShadow and a closed shadow root looking native to the page', async () => {
    const seen = await bed.withPage(async (page, context) => {
      const watch = await watchPageSettle(page, 1000, onceOpened(() => context.newCDPSession(page)));
      await page.goto(`${bed.url}/static`, { waitUntil: 'load' });
      watch.dispose();
      return page.evaluate(`(() => {
        const host = document.createElement('div');
        const root = host.attachShadow({ mode: 'closed' });
        const getter = (prototype, name) => Object.getOwnPropertyDescriptor(prototype, name).get;
        return [String(setTimeout), Function.prototype.toString.call(clearTimeout), String(Function.prototype.toString), setTimeout.name, Object.keys(window).filter((k) => k.startsWith('__')).length,
          String(Element.prototype.attachShadow), String(getter(Element.prototype, 'shadowRoot')), String(getter(ShadowRoot.prototype, 'mode')), host.shadowRoot, root.mode];
      })()`);
    });
    // A closed root the page attaches is opened for the extractor, and still looks closed to the page.
    expect(seen).toEqual(['function setTimeout() { [native code] }', 'function clearTimeout() { [native code] }', 'function toString() { [native code] }', 'setTimeout', 0,
      'function attachShadow() { [native code] }', 'function get shadowRoot() { [native code] }', 'function get mode() { [native code] }', null, 'closed']);
  });
});
