import { describe, expect, it } from 'vitest';
import type http from 'node:http';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { visitPage, type VisitedPage } from '../../../src/browser/page-visit.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { useBrowserTestbed } from '../../helpers/browser-testbed.ts';
import { openTestDatabase } from '../../helpers/test-database.ts';
import { makeTempDir } from '../../helpers/temp-dirs.ts';
import { captureEvidence } from '../../../src/modules/evidence/capture.ts';
import { openEvidenceVault } from '../../../src/modules/evidence/evidence-key.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { defaultEvidenceSettings } from '../evidence/evidence-fixtures.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

/**
 * Names the test's gateway resolves to the local site: for the browser each is a site of its own, in a process of
 * its own. `refused.example` resolves to a private address the gateway refuses before connecting anywhere.
 */
const OTHER_SITES = ['paste.example', 'deeper.example', 'stuck.example', 'ads.example'];
const resolve = async (host: string) => (OTHER_SITES.includes(host) ? ['127.0.0.1'] : host === 'refused.example' ? ['10.0.0.1'] : []);

/** The addresses of the frames of other sites a visit read. */
const otherSiteFrames = (visit: VisitedPage) => (visit.otherSiteFrameContent ?? []).map((frame) => frame.url);

/** A page whose frames point at other names of the same local server, on the port the request came in on. */
const page = (body: (port: string) => string) => (req: http.IncomingMessage, res: http.ServerResponse) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!DOCTYPE html><html><head><title>t</title></head><body>${body(String(req.headers.host).split(':')[1]!)}</body></html>`);
};

describe.skipIf(location.kind === 'missing' && !process.env.CI)('reading what a page shows from frames of other sites', () => {
  const bed = useBrowserTestbed(location, {
    // A forum thread that embeds a paste from another site, and a frame the egress gateway refuses.
    '/thread': page((port) => `<p>A forum thread</p><iframe src="http://paste.example:${port}/paste"></iframe><iframe src="http://refused.example:${port}/paste"></iframe>`),
    // The paste: its own text and photo, a frame in its own process, and a frame of yet another site.
    '/paste': page((port) => `<p>Other site: Lola Velvet, +32 470 12 34 56</p><img src="/lola.jpg" alt="Lola elsewhere">
      <iframe srcdoc="<p>In the paste's own frame: Rue Haute 12</p>"></iframe><iframe src="http://deeper.example:${port}/deeper"></iframe>`),
    '/deeper': page(() => '<p>Deeper: lola.velvet@example.org</p>'),
    // A page that puts a dozen frames of another site that take no room (hidden, or sized to nothing) before the
    // paste, more than the reading's bound of frames of other sites.
    '/decoyed': page((port) => `<p>A decoyed thread</p>${Array.from({ length: 12 }, (_, i) => `<iframe src="http://ads.example:${port}/ad?${i}" ${i % 2 ? 'style="display:none"' : 'width="0" height="0" style="border:0"'}></iframe>`).join('')}<iframe src="http://paste.example:${port}/paste"></iframe>`),
    '/ad': page(() => '<p>An advert</p>'),
    // A thread that also embeds a frame whose script never yields once loaded, in a process of its own.
    '/stuck-thread': page((port) => `<p>Another thread</p><iframe src="http://paste.example:${port}/paste"></iframe><iframe src="http://stuck.example:${port}/stuck"></iframe>`),
    // Right after its load event (a loop in the handler itself would hold the page's own load back): the page
    // waits for its quiet window after its frames loaded, so by the time it is read this frame no longer answers.
    '/stuck': page(() => '<p>Never read</p><script>addEventListener("load", () => setTimeout(() => { for (;;) {} }, 0));</script>'),
  }, { resolve });

  it('reads the text, alt texts and images of a frame of another site and of the frames inside it, and nothing of a frame the gateway refused', async () => {
    const port = new URL(bed.url).port;
    const allowHosts = [bed.host, `paste.example:${port}`, `deeper.example:${port}`];
    // The frames really run in other processes: each has a DevTools session of its own, which a frame of the page's process has not.
    let framesWithOwnProcess = 0;
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts, egress: bed.egress }), `${bed.url}/thread`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 }, {
      async onLoaded(loaded) {
        for (const frame of loaded.frames().slice(1)) {
          const session = await loaded.context().newCDPSession(frame).catch(() => null);
          if (session) framesWithOwnProcess++;
          await session?.detach();
        }
      },
    });
    expect(framesWithOwnProcess).toBeGreaterThanOrEqual(2);
    for (const shown of ['A forum thread', 'Other site: Lola Velvet, +32 470 12 34 56', "In the paste's own frame: Rue Haute 12", 'Deeper: lola.velvet@example.org']) expect(visit.text).toContain(shown);
    expect(visit.attributeText).toContain('Lola elsewhere');
    expect(visit.imageUrls).toContain(`http://paste.example:${port}/lola.jpg`);
    // What each frame of another site shows, on its own: the paste with its own frame, and the deeper frame.
    const shownBy = new Map(visit.otherSiteFrameContent!.map((frame) => [frame.url, frame.text]));
    expect(visit.otherSiteFrameContent!.find((frame) => frame.url.includes('/paste'))!.imageUrls).toEqual([`http://paste.example:${port}/lola.jpg`]);
    expect(shownBy.get(`http://paste.example:${port}/paste`)).toEqual(expect.stringContaining("In the paste's own frame: Rue Haute 12"));
    expect(shownBy.get(`http://paste.example:${port}/paste`)).toEqual(expect.stringContaining('Lola elsewhere'));
    expect(shownBy.get(`http://paste.example:${port}/paste`)).not.toContain('Deeper');
    expect(shownBy.get(`http://deeper.example:${port}/deeper`)).toBe('Deeper: lola.velvet@example.org');
    // The refused frame shows Chromium's error page: nothing of it is what the page published.
    expect(visit.text).not.toMatch(/refused\.example|ERR_|HTTP ERROR|isn.t working|can.t be reached/i);
  });

  it('reads the frames of other sites that take room on the page first, and none that take no room', async () => {
    const port = new URL(bed.url).port;
    const allowHosts = [bed.host, `paste.example:${port}`, `deeper.example:${port}`, `ads.example:${port}`];
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts, egress: bed.egress }), `${bed.url}/decoyed`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    for (const shown of ['A decoyed thread', 'Other site: Lola Velvet, +32 470 12 34 56', 'Deeper: lola.velvet@example.org']) expect(visit.text).toContain(shown);
    expect(visit.text).not.toContain('An advert');
    expect(otherSiteFrames(visit)).toEqual([`http://paste.example:${port}/paste`, `http://deeper.example:${port}/deeper`]);
  }, 30_000);

  it('reads the page and its other frames when a frame of another site never yields, leaving that one out', async () => {
    const port = new URL(bed.url).port;
    const allowHosts = [bed.host, `paste.example:${port}`, `deeper.example:${port}`, `stuck.example:${port}`];
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts, egress: bed.egress }), `${bed.url}/stuck-thread`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    for (const shown of ['Another thread', 'Other site: Lola Velvet, +32 470 12 34 56', 'Deeper: lola.velvet@example.org']) expect(visit.text).toContain(shown);
    expect(visit.text).not.toContain('Never read');
    expect(otherSiteFrames(visit).some((url) => url.includes('stuck.example'))).toBe(false);
  }, 30_000);

  it('keeps in the evidence what a frame of another site showed, and which frames of other sites were read', async () => {
    const testDb = await openTestDatabase();
    try {
      const vault = await openEvidenceVault({ dataDir: makeTempDir(), db: testDb.db, settings: defaultEvidenceSettings(), logger: createLogger({ level: 'silent' }), clock: createFixedClock('2026-12-05T10:00:00Z') });
      const port = new URL(bed.url).port;
      const allowHosts = [bed.host, `paste.example:${port}`, `deeper.example:${port}`];
      let captured: Awaited<ReturnType<typeof captureEvidence>> | undefined;
      const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts, egress: bed.egress }), `${bed.url}/thread`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 }, {
        async onLoaded(page, loaded, { devtools, isolated }) {
          captured = await captureEvidence({ page, visit: loaded, captureId: 'cap_frames', capturedAt: new Date('2026-12-05T10:00:00Z'), timezone: 'UTC', vault, devtools, isolated });
        },
      });
      expect(otherSiteFrames(visit)).toEqual(expect.arrayContaining([`http://paste.example:${port}/paste`, `http://deeper.example:${port}/deeper`]));
      expect(otherSiteFrames(visit).some((url) => url.includes('refused.example'))).toBe(false);
      const meta = JSON.parse((await vault.read(captured!.artifacts.meta!)).toString('utf8')) as { otherSiteFrames: string[] };
      expect(meta.otherSiteFrames).toEqual(otherSiteFrames(visit));
      // Chromium archives each frame from its own process; quoted-printable may fold lines, so soft breaks are removed.
      const archive = (await vault.read(captured!.artifacts.mhtml!)).toString('utf8').replace(/=\r?\n/g, '');
      expect(archive).toContain('Other site: Lola Velvet');
      expect(archive).toContain('Deeper: lola.velvet@example.org');
    } finally {
      await testDb.dispose();
    }
  });
});
