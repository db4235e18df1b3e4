import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { visitPage } from '../../../src/browser/page-visit.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { captureEvidence } from '../../../src/modules/evidence/capture.ts';
import { recordCapture, capturesOfHit } from '../../../src/modules/evidence/captures.repository.ts';
import { listCustody } from '../../../src/modules/evidence/custody-log.repository.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { createEvidenceTestApp, noBrowser } from './evidence-fixtures.ts';
import { transaction } from '../../../src/db/transaction.ts';

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(noBrowser)('capturing a page as evidence in real Chromium', () => {
  let imageRequests = 0;
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  let ctx: Awaited<ReturnType<typeof createEvidenceTestApp>>;

  beforeAll(async () => {
    server = await startLocalServer({
      '/post': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.setHeader('x-served-by', 'local-test');
        res.end(`<!doctype html><html lang="en"><head><title>Leaked number</title>
          <style>body > * { background: #ddd } div { display: none !important }</style></head>
          <body><h1>Call Lola Velvet on +32 470 12 34 56</h1><img src="/photo.png" width="50" height="50">
          <p style="height:2400px">long page</p>
          <script>new MutationObserver(() => { for (const d of document.querySelectorAll('[data-evidence-capture]')) d.remove(); }).observe(document.documentElement, { childList: true, subtree: true });</script>
          </body></html>`);
      },
      '/redirect': (_req, res) => {
        res.statusCode = 302;
        res.setHeader('location', '/post');
        res.end();
      },
      '/tall': (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end('<html><body><div style="height:40000px">very tall</div></body></html>');
      },
      '/matched.png': (_req, res) => {
        imageRequests++;
        res.setHeader('content-type', 'image/png');
        res.end(PNG_1PX);
      },
      '/photo.png': (_req, res) => {
        res.setHeader('content-type', 'image/png');
        res.end(PNG_1PX);
      },
    });
    ctx = await createEvidenceTestApp({ withBrowser: true });
  });

  afterAll(async () => {
    await ctx?.app.close();
    await server?.close();
  });

  const guard = () => createUrlGuard({ allowHosts: ['127.0.0.1'], egress: ctx.app.egress });

  async function capture(path: string, options: { maxScreenshotHeight?: number; matchedImages?: Parameters<typeof captureEvidence>[0]['matchedImages'] } = {}) {
    let result: Awaited<ReturnType<typeof captureEvidence>> | undefined;
    const visit = await visitPage(ctx.app.browserPool, guard(), `${server.url}${path}`, { navigationTimeoutMs: 10_000, maxPageBytes: 5_000_000 }, {
      async onLoaded(page, v, { devtools }) {
        result = await captureEvidence({
          page, visit: v, captureId: 'cap_test', capturedAt: new Date('2026-11-22T10:00:00Z'), timezone: 'Europe/Brussels', vault: ctx.vault, devtools,
          matchedImages: { urls: [`${server.url}/photo.png`], guard: guard(), maxBytes: 1_000_000 }, ...options,
        });
      },
    });
    return { visit, result: result! };
  }

  it('stores a stamped full-page screenshot, the HTML, an MHTML archive, the matched image and meta.json', async () => {
    const { visit, result } = await capture('/redirect');
    expect(Object.keys(result.artifacts).sort()).toEqual(['html', 'image:0', 'meta', 'mhtml', 'screenshot']);

    const png = await ctx.vault.read(result.artifacts.screenshot!);
    const info = await sharp(png).metadata();
    expect(info.format).toBe('png');
    expect(info.height).toBeGreaterThan(2400);
    expect(result.bannerHeight).toBeGreaterThan(80);
    // The banner's background colour fills the top rows of the screenshot, whatever the page's CSS says.
    const { data } = await sharp(png).extract({ left: 0, top: 2, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([0xff, 0xf4, 0xc2]);

    const mhtml = (await ctx.vault.read(result.artifacts.mhtml!)).toString('utf8');
    expect(mhtml).toMatch(/^From: <Saved by Blink>/);
    expect(mhtml).toContain('Lola Velvet');
    expect(mhtml).not.toContain('EVIDENCE CAPTURE');

    const meta = JSON.parse((await ctx.vault.read(result.artifacts.meta!)).toString('utf8'));
    expect(meta.requestedUrl).toBe(`${server.url}/redirect`);
    expect(meta.finalUrl).toBe(`${server.url}/post`);
    expect(meta.redirectChain).toEqual([`${server.url}/redirect`]);
    expect(meta.httpStatus).toBe(200);
    expect(meta.headers['x-served-by']).toBe('local-test');
    expect(meta.serverIp).toBe('127.0.0.1');
    expect(meta.title).toBe('Leaked number');
    expect(meta.language).toBe('en');
    expect(meta.capturedAtLocal).toBe('2026-11-22 11:00:00 GMT+01:00 (Europe/Brussels)');
    expect(meta.banner.intact).toBe(true);
    expect(meta.banner.lines).toContainEqual(['Final URL', `${server.url}/post`]);
    expect(meta.artifacts.screenshot).toBe(result.artifacts.screenshot);
    expect(await ctx.vault.read(result.artifacts['image:0']!)).toEqual(PNG_1PX);
    expect(visit.title).toBe('Leaked number');
  });

  it('records the capture and a custody entry that lists its artifacts', async () => {
    const { visit, result } = await capture('/post');
    await transaction(ctx.app.db, async () => {
      await recordCapture(ctx.vault, { captureId: 'cap_recorded', hitId: ctx.hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: visit.requestedUrl, visit, artifacts: result.artifacts, capturedAt: ctx.app.clock.now(), actor: 'scanner' });
    });
    const [row] = await capturesOfHit(ctx.app.db, ctx.app.cipher, ctx.hit.id);
    expect(row?.httpStatus).toBe(200);
    expect(row?.serverIp).toBe('127.0.0.1');
    const entry = (await listCustody(ctx.app.db)).find((e) => e.subjectId === 'cap_recorded');
    expect(entry?.action).toBe('captured');
    expect(entry?.detail.artifacts).toEqual(result.artifacts);
  });

  it('keeps a matched image as the photo matcher fetched it, without fetching it again, and fetches one it did not keep', async () => {
    const kept = Buffer.concat([PNG_1PX, Buffer.from('as matched')]);
    const url = `${server.url}/matched.png`;
    const before = imageRequests;
    const { result } = await capture('/post', {
      matchedImages: { urls: [url, `${server.url}/photo.png`], guard: guard(), maxBytes: 1_000_000, fetched: new Map([[url, { status: 200, headers: { 'content-type': 'image/png' }, body: kept }]]) },
    });
    expect(imageRequests).toBe(before);
    expect(await ctx.vault.read(result.artifacts['image:0']!)).toEqual(kept);
    expect(await ctx.vault.read(result.artifacts['image:1']!)).toEqual(PNG_1PX);
    const meta = JSON.parse((await ctx.vault.read(result.artifacts.meta!)).toString('utf8'));
    expect(meta.images[0]).toMatchObject({ role: 'image:0', url, status: 200, mimeType: 'image/png' });
  });

  it('cuts an endless page at the height limit and says so', async () => {
    const { result } = await capture('/tall', { maxScreenshotHeight: 3000 });
    const info = await sharp(await ctx.vault.read(result.artifacts.screenshot!)).metadata();
    expect(info.height).toBe(3000);
    expect(result.problems.some((p) => p.includes('cut at 3000 px'))).toBe(true);
  });
});
