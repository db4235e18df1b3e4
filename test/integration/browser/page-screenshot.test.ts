import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { fastPngScreenshot } from '../../../src/browser/page-screenshot.ts';
import { useBrowserTestbed } from '../../helpers/browser-testbed.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

// Stripes and text, so that a shifted, scaled or cut picture cannot compare equal.
const page = (width: number, height: number) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><html><head><style>body{margin:0} div{width:${width}px;height:${height}px;background:repeating-linear-gradient(45deg,#c33 0 7px,#fff 7px 13px,#36c 13px 20px)}</style></head>
    <body><div><p>Lola Velvet, ${width} x ${height}</p></div></body></html>`);
};

describe.skipIf(location.kind === 'missing' && !process.env.CI)('the fast PNG screenshot', () => {
  const bed = useBrowserTestbed(location, { '/fits': page(1000, 500), '/tall': page(1000, 1900), '/wide': page(1700, 400) });

  const pixels = async (png: Buffer) => {
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data };
  };

  /** The fast screenshot of the whole document, and Playwright's own full-page screenshot of it. */
  async function bothScreenshots(path: string) {
    return await bed.withPage(async (tab, context) => {
      await tab.goto(`${bed.url}${path}`, { waitUntil: 'load' });
      const size = (await tab.evaluate('[document.documentElement.scrollWidth, document.documentElement.scrollHeight]')) as [number, number];
      const fast = await fastPngScreenshot(await context.newCDPSession(tab), { width: size[0], height: size[1] }, tab.viewportSize(), 10_000);
      const reference = await tab.screenshot({ fullPage: true, type: 'png' });
      return { size, fast: await pixels(fast), reference: await pixels(reference) };
    });
  }

  it.each(['/fits', '/tall', '/wide'])('gives the same pixels as a full-page screenshot, inside the viewport or beyond it (%s)', async (path) => {
    const { size, fast, reference } = await bothScreenshots(path);
    expect([fast.width, fast.height]).toEqual(size);
    expect([reference.width, reference.height]).toEqual(size);
    expect(fast.data.equals(reference.data)).toBe(true);
  });

  it('renders beyond the viewport when the page is taller or wider than it', async () => {
    expect((await bothScreenshots('/tall')).size[1]).toBeGreaterThan(720);
    expect((await bothScreenshots('/wide')).size[0]).toBeGreaterThan(1280);
  });
});
