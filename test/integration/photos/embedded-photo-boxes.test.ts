/**
 * A person's photo shown inside a larger picture is outlined where the person can see it: a real scan (SearXNG
 * answer and the page on 127.0.0.1, real Chromium, SQLite file) finds one photo drawn as a CSS background from a
 * data: address (only the page's screenshot can find it) and another inside a collage image; the exposure page
 * draws both boxes over the still-blurred pictures, and the evidence report's PDF carries them too.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { demoPhotoFiles } from '../../../src/demo/demo-person.ts';
import type { SimulatedWeb } from '../../../src/simweb/server.ts';
import { buildServer } from '../../../src/web/server.ts';
import { ADMIN, createBrowser } from '../accounts/web-session.ts';
import { buildEvidencePack } from '../../../src/modules/evidence/export.usecases.ts';
import { launchChromium } from '../../e2e/dashboard-harness.ts';

const HERO = { left: 340, top: 760, width: 560 };
// Set to a folder to keep the rendered exposure page and the report PDF for a look.
const SHOTS = process.env.EVIDENCE_SHOTS_DIR;

async function page(base: string) {
  const hero = await sharp(fs.readFileSync(demoPhotoFiles[0]!)).resize({ width: HERO.width }).jpeg({ quality: 90 }).toBuffer();
  const heroHeight = (await sharp(hero).metadata()).height!;
  const html = `<!doctype html><html lang="en"><head><title>Weekend pictures</title><style>
    body { margin: 0; font: 16px/1.5 sans-serif; height: 2400px; position: relative; background: #fafafa; }
    .text { position: absolute; left: 40px; top: 40px; width: 1100px; }
    .hero { position: absolute; left: ${HERO.left}px; top: ${HERO.top}px; width: ${HERO.width}px; height: ${heroHeight}px; background: url(data:image/jpeg;base64,${hero.toString('base64')}) 0 0 / 100% 100% no-repeat; }
    .collage { position: absolute; left: 40px; top: 1400px; width: 800px; }
  </style></head><body>
    <div class="text"><h1>Alexandra Testperson's weekend</h1>${'<p>Posted by a stranger who collects pictures and writes long paragraphs about them, again and again.</p>'.repeat(8)}</div>
    <div class="hero"></div>
    <img class="collage" src="${base}/collage.png" alt="">
  </body></html>`;
  return { html, heroHeight };
}

async function collage(): Promise<Buffer> {
  const [, second] = demoPhotoFiles;
  const photo = await sharp(fs.readFileSync(second!)).resize({ width: 480 }).toBuffer();
  const other = await sharp(fs.readFileSync(demoPhotoFiles[0]!.replace('demo-1.jpg', 'unrelated-1.png'))).resize({ width: 420 }).toBuffer();
  return sharp({ create: { width: 1100, height: 700, channels: 3, background: '#ffffff' } })
    .composite([{ input: other, left: 40, top: 120 }, { input: photo, left: 560, top: 120 }])
    .png().toBuffer();
}

describe('a photo found inside a larger picture is outlined on the evidence', () => {
  let site: Awaited<ReturnType<typeof startLocalServer>>;
  let h: Awaited<ReturnType<typeof startScanHarness>>;
  let hitId: string;
  let heroHeight = 0;
  let chromium: Browser | null = null;

  beforeAll(async () => {
    const routes: Parameters<typeof startLocalServer>[0] = {};
    site = await startLocalServer(routes);
    const built = await page(site.url);
    heroHeight = built.heroHeight;
    const collagePng = await collage();
    routes['/post'] = (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(built.html);
    routes['/collage.png'] = (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(collagePng);
    routes['/search'] = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [{ url: `${site.url}/post`, title: 'Weekend pictures', content: 'Alexandra Testperson' }] }));
    const web = { url: site.url, engineEndpoints: {}, close: async () => undefined } as unknown as SimulatedWeb;
    h = await startScanHarness({ web, photos: true, profile: { names: ['Alexandra Testperson'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] } });
    const run = await h.startScan([`searxng=${site.url}/search`]);
    await h.startWorker();
    await h.waitForRun(run.id);
    hitId = (h.app.db.$client.prepare('select id from hits where person_id = ?').get(h.personId) as { id: string }).id;
  }, 240_000);

  afterAll(async () => {
    await chromium?.close();
    await h?.close();
    await site?.close();
  });

  it('records where each photo was found: in the page as displayed, and inside the collage image', async () => {
    const photos = (await h.app.hits.matchesOf(hitId)).filter((m) => m.kind === 'photo');
    const page = photos.find((m) => m.region?.source === 'page');
    const inImage = photos.find((m) => m.region?.source === 'image');
    expect(page?.region).toBeTruthy();
    expect(Math.abs(page!.region!.left - HERO.left)).toBeLessThan(40);
    expect(Math.abs(page!.region!.top - HERO.top)).toBeLessThan(40);
    expect(inImage?.imageUrl).toBe(`${site.url}/collage.png`);
    expect(Math.abs(inImage!.region!.left - 560)).toBeLessThan(40);
  });

  it('keeps in the capture metadata how much of the page screenshot was searched', async () => {
    const capture = h.app.db.$client.prepare('select artifacts from captures where hit_id = ?').get(hitId) as { artifacts: string };
    const meta = JSON.parse((await h.app.evidence.read(JSON.parse(capture.artifacts).meta)).toString('utf8'));
    expect(meta.photoSearch).toEqual({ status: 'searched', searchedHeight: 2400, pageHeight: 2400, cut: false });
    expect(meta.screenshot.width).toBeGreaterThan(0);
    expect(meta.banner.height).toBeGreaterThan(40);
  });

  it('outlines both photos over the blurred pictures on the exposure page, where the person sees them', async () => {
    const server = await buildServer(h.app);
    try {
      const client = createBrowser(server);
      const setup = await client.submit('/setup', '/setup', { organisationName: 'Safe Harbour', email: ADMIN.email, password: ADMIN.password, password2: ADMIN.password, language: 'en' });
      expect(setup.statusCode).toBe(303);
      const body = (await client.get(`/exposures/${hitId}?lang=en`)).body;
      expect(body).toContain('Red outline on the screenshot: where your photo');
      expect(body).toContain('Red outline on the image from the page: where your photo');
      expect(body.match(/<svg class="match-boxes"/g)?.length).toBeGreaterThanOrEqual(2);

      const address = await server.listen({ host: '127.0.0.1', port: 0 });
      chromium = await launchChromium();
      const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([...client.jar].map(([name, value]) => ({ name, value, url: address })));
      const tab = await context.newPage();
      await tab.goto(`${address}/exposures/${hitId}?lang=en#evidence`);
      await tab.waitForFunction(() => Array.from(document.querySelectorAll('img.shot')).every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
      // Where the outline is drawn, measured in the rendered page: the hero's place on the stamped screenshot.
      const drawn = await tab.evaluate(() => {
        const frame = Array.from(document.querySelectorAll('.shot-frame')).find((f) => f.querySelector('img')?.getAttribute('alt')?.startsWith('Screenshot'))!;
        const img = frame.querySelector('img')!;
        const rect = frame.querySelector('svg.match-boxes rect:not(.halo)')!.getBoundingClientRect();
        const box = img.getBoundingClientRect();
        return { blurred: img.classList.contains('blurred'), filter: getComputedStyle(img).filter, x: (rect.left - box.left) / box.width, y: (rect.top - box.top) / box.height, w: rect.width / box.width, natural: { w: img.naturalWidth, h: img.naturalHeight } };
      });
      const capture = h.app.db.$client.prepare('select artifacts from captures where hit_id = ?').get(hitId) as { artifacts: string };
      const meta = JSON.parse((await h.app.evidence.read(JSON.parse(capture.artifacts).meta)).toString('utf8'));
      expect(drawn.blurred).toBe(true);
      expect(drawn.filter).toContain('blur');
      expect(Math.abs(drawn.x - HERO.left / meta.screenshot.width)).toBeLessThan(0.03);
      expect(Math.abs(drawn.y - (meta.banner.height + HERO.top) / meta.screenshot.height)).toBeLessThan(0.03);
      expect(Math.abs(drawn.w - HERO.width / meta.screenshot.width)).toBeLessThan(0.04);
      // And on the collage: where the second photo was pasted (560, 120 of 1100 x 700), relative to the picture, not its frame.
      const onCollage = await tab.evaluate(() => {
        const frame = Array.from(document.querySelectorAll('.shot-frame')).find((f) => f.querySelector('img')?.getAttribute('alt')?.startsWith('Image'))!;
        const rect = frame.querySelector('svg.match-boxes rect:not(.halo)')!.getBoundingClientRect();
        const box = frame.querySelector('img')!.getBoundingClientRect();
        return { x: (rect.left - box.left) / box.width, y: (rect.top - box.top) / box.height, h: rect.height / box.height };
      });
      expect(Math.abs(onCollage.x - 560 / 1100)).toBeLessThan(0.03);
      expect(Math.abs(onCollage.y - 120 / 700)).toBeLessThan(0.03);
      expect(Math.abs(onCollage.h - 272 / 700)).toBeLessThan(0.05);
      if (SHOTS) await tab.locator('#evidence').screenshot({ path: `${SHOTS}/exposure-boxes.png` });
      expect(heroHeight).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('draws the outlines in the evidence report\'s PDF', async () => {
    const pack = await buildEvidencePack({ vault: h.app.evidence, browserPool: h.app.browserPool }, { id: hitId, language: 'en', actor: 'test' });
    if (SHOTS) fs.writeFileSync(`${SHOTS}/report-boxes.pdf`, pack.pdf);
    // The outline's red (#e0002a) as a PDF stroke colour, in the page content streams Chromium compressed.
    const text = pack.pdf.toString('latin1');
    const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
      try {
        return zlib.inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    });
    expect(streams.some((s) => /(^|\s)0?\.8784 0 0?\.1647 RG/.test(s))).toBe(true);
  }, 120_000);
});
