import type { CDPSession, Page } from 'playwright';
import type { VisitedPage } from '../../browser/page-visit.ts';
import { withTimeout } from '../../browser/browser-pool.ts';
import { fastPngScreenshot } from '../../browser/page-screenshot.ts';
import { isolatedWorld, type IsolatedEvaluate } from '../../browser/isolated-world.ts';
import type { UrlGuard } from '../../shared/ssrf-guard.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import { bannerCheckExpression, bannerInjectionExpression, type BannerPlacement } from './banner-inject.ts';
import { bannerLines, captureMetaHead, imageMimeType, safeTimeZone } from './capture.models.ts';
import type { TimestampClient } from './timestamp-client.ts';
import type { FetchedImage, ScreenshotSearchNote } from '../scans/scan-pipeline.usecases.ts';
import type { EvidenceVault } from './vault.ts';

export const DEFAULT_MAX_SCREENSHOT_HEIGHT = 15_000;
const MAX_MHTML_BYTES = 64 * 1024 * 1024;
const MAX_IMAGES = 20;
const STEP_TIMEOUT_MS = 30_000;

export interface MatchedImagesInput {
  urls: string[];
  /** The scan's guard: image addresses are page content and go through the same SSRF checks. */
  guard: UrlGuard;
  maxBytes: number;
  timeoutMs?: number;
  /** Images already fetched (by the photo matcher, through the same guard), kept as they are instead of fetched again. */
  fetched?: ReadonlyMap<string, FetchedImage>;
}

export interface CaptureEvidenceInput {
  page: Page;
  visit: VisitedPage;
  captureId: string;
  capturedAt: Date;
  /** The person's time zone, for the banner's local time. */
  timezone: string;
  vault: EvidenceVault;
  matchedImages?: MatchedImagesInput;
  timestamps?: TimestampClient | null;
  maxScreenshotHeight?: number;
  signal?: AbortSignal;
  /**
   * The page's own DevTools session (page-visit.ts opens at most one per page and shares it); without it
   * the capture opens one. Either way it is left attached: the page's context is closed right after.
   */
  devtools?: () => Promise<CDPSession>;
  /**
   * The page's isolated world (isolated-world.ts), where the page read it: the banner is placed and checked
   * there, out of reach of the page's scripts. Without it the capture opens one through its DevTools session.
   */
  isolated?: IsolatedEvaluate;
  /** How much of the page the photo search covered (screenshot searched, cut, skipped or off), kept in meta.json. */
  photoSearch?: ScreenshotSearchNote;
}

export interface CaptureEvidenceResult {
  /** Role → SHA-256 in the vault: screenshot, html, mhtml, meta, image:N, timestamp. */
  artifacts: Record<string, string>;
  /** Parts that could not be captured; the rest is still kept. */
  problems: string[];
  /** Vault address of the RFC 3161 reply over meta.json, when a TSA is configured and answered. */
  timestampToken: string | null;
  bannerHeight: number;
  screenshotHeight: number;
}

const describe = (error: unknown) => ((error as Error).message ?? String(error)).split('\n')[0]!.slice(0, 200);

/**
 * Captures one open page as evidence: an MHTML archive (before anything is added to the page), a full-page
 * screenshot stamped with a banner (URL, final URL, UTC and local time, capture id), the rendered HTML, the
 * matched images, and meta.json with status, headers, server IP and every artifact's hash; optionally an
 * RFC 3161 timestamp over meta.json. Page scripts are paused first so the page cannot change between the
 * parts or tamper with the banner. Each part that fails is recorded as a problem; nothing is half-stored.
 *
 * The page is left as captured (banner in place, scripts paused): every caller takes evidence as the last
 * thing it does with a page and closes its context right after, so restoring it would be work nobody reads.
 */
export async function captureEvidence(input: CaptureEvidenceInput): Promise<CaptureEvidenceResult> {
  const { page, visit, vault } = input;
  const artifacts: Record<string, string> = {};
  const problems: string[] = [];
  const timezone = safeTimeZone(input.timezone);
  const maxHeight = input.maxScreenshotHeight ?? DEFAULT_MAX_SCREENSHOT_HEIGHT;
  let cdp: CDPSession | null = null;
  let isolated: IsolatedEvaluate | null = null;
  let placement: BannerPlacement | null = null;
  let bannerIntact = false;
  let screenshotHeight = 0;
  let screenshotWidth = 0;
  let lines: [string, string][] = [];
  // Each part is sealed and written (fsync) while the browser produces the next one, and awaited before
  // meta.json lists what was kept; until then its failure is held, not thrown.
  const writeInBackground = (bytes: Buffer, mimeType: string) => {
    const stored = vault.put(bytes, mimeType);
    stored.catch(() => undefined);
    return stored;
  };
  // The rendered HTML is already read; it is awaited last, so meta.json lists the artifacts in the same order.
  const htmlStored = writeInBackground(Buffer.from(visit.html, 'utf8'), 'text/html');
  // The archive and the screenshot: a failed write is recorded as a problem, the rest is still kept.
  const writes: { role: string; stored: Promise<{ sha256: string }> }[] = [];
  const store = (role: string, bytes: Buffer, mimeType: string) => void writes.push({ role, stored: writeInBackground(bytes, mimeType) });

  try {
    cdp = await (input.devtools ? input.devtools() : withTimeout(page.context().newCDPSession(page), STEP_TIMEOUT_MS, 'Opening a DevTools session'));
    const session = cdp;
    await withTimeout(session.send('Emulation.setScriptExecutionDisabled', { value: true }), STEP_TIMEOUT_MS, 'Pausing page scripts');
    isolated = input.isolated ?? isolatedWorld(async () => session);
  } catch (error) {
    problems.push(`devtools: ${describe(error)}`);
  }

  if (cdp) {
    try {
      const { data } = await withTimeout(cdp.send('Page.captureSnapshot', { format: 'mhtml' }), STEP_TIMEOUT_MS, 'Saving the MHTML archive');
      const bytes = Buffer.from(data, 'utf8');
      if (bytes.length > MAX_MHTML_BYTES) problems.push(`mhtml: larger than ${MAX_MHTML_BYTES} bytes, not kept`);
      else store('mhtml', bytes, 'multipart/related');
    } catch (error) {
      problems.push(`mhtml: ${describe(error)}`);
    }
  }

  // The banner goes in after the archive, so the saved page is the page as published.
  lines = bannerLines({ requestedUrl: visit.requestedUrl, finalUrl: visit.finalUrl, capturedAt: input.capturedAt, timeZone: timezone, captureId: input.captureId });
  try {
    if (!isolated) throw new Error('no DevTools session');
    placement = (await withTimeout(isolated(bannerInjectionExpression(lines, input.captureId)), STEP_TIMEOUT_MS, 'Placing the banner')) as BannerPlacement;
    if (!placement.ok) throw new Error('the document has no element to hold the banner');
  } catch (error) {
    problems.push(`banner: ${describe(error)}`);
  }

  try {
    const viewport = page.viewportSize();
    const width = Math.max(1, Math.min(placement?.width || viewport?.width || 1280, 4000));
    const pageHeight = placement?.pageHeight || viewport?.height || 720;
    screenshotHeight = Math.max(1, Math.min(pageHeight, maxHeight));
    screenshotWidth = width;
    if (pageHeight > maxHeight) problems.push(`screenshot: page is ${pageHeight} px tall, cut at ${maxHeight} px`);
    // Straight from the session that placed the banner: one round trip instead of Playwright's
    // preparation in every frame, and Chromium's fast lossless encoder (page-screenshot.ts).
    const png = cdp ? await fastPngScreenshot(cdp, { width, height: screenshotHeight }, viewport, STEP_TIMEOUT_MS) : await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width, height: screenshotHeight }, type: 'png', timeout: STEP_TIMEOUT_MS });
    if (isolated && placement?.ok) {
      bannerIntact = (await withTimeout(isolated(bannerCheckExpression(input.captureId)), STEP_TIMEOUT_MS, 'Checking the banner')) === true;
      if (!bannerIntact) problems.push('banner: moved or removed by the page during the screenshot');
    }
    store('screenshot', png, 'image/png');
  } catch (error) {
    problems.push(`screenshot: ${describe(error)}`);
  }

  // The archive and screenshot first, then the HTML: meta.json lists the artifacts in the same order as before.
  for (const { role, stored } of writes) {
    try {
      artifacts[role] = (await stored).sha256;
    } catch (error) {
      problems.push(`${role}: ${describe(error)}`);
    }
  }
  artifacts.html = (await htmlStored).sha256;

  const images: { role: string; url: string; sha256?: string; mimeType?: string; status?: number; problem?: string }[] = [];
  if (input.matchedImages) {
    const urls = [...new Set(input.matchedImages.urls)].slice(0, MAX_IMAGES);
    for (const [i, url] of urls.entries()) {
      const role = `image:${i}`;
      try {
        const known = input.matchedImages.fetched?.get(url);
        const response = known && known.body.byteLength <= input.matchedImages.maxBytes
          ? { ...known, truncated: false }
          : await safeFetch(input.matchedImages.guard, { url, maxBytes: input.matchedImages.maxBytes, timeoutMs: input.matchedImages.timeoutMs ?? 20_000, signal: input.signal });
        if (response.status !== 200 || response.truncated || response.body.length === 0) {
          images.push({ role, url, status: response.status, problem: response.truncated ? 'too large' : `HTTP ${response.status}` });
          problems.push(`${role}: ${response.truncated ? 'too large' : `HTTP ${response.status}`}`);
          continue;
        }
        const mimeType = imageMimeType(response.headers['content-type'], response.body);
        const stored = await vault.put(response.body, mimeType);
        artifacts[role] = stored.sha256;
        images.push({ role, url, sha256: stored.sha256, mimeType, status: response.status });
      } catch (error) {
        images.push({ role, url, problem: describe(error) });
        problems.push(`${role}: ${describe(error)}`);
      }
    }
  }

  const meta = {
    ...captureMetaHead(visit, { captureId: input.captureId, capturedAt: input.capturedAt, timeZone: timezone }),
    // Frames of other sites the page showed and whose text was read with it: what matched may be theirs.
    otherSiteFrames: (visit.otherSiteFrameContent ?? []).map((frame) => frame.url),
    banner: { lines, height: placement?.height ?? 0, intact: bannerIntact },
    // The width too: a photo found in the page as displayed is drawn on this screenshot (match-box.models.ts).
    screenshot: { height: screenshotHeight, width: screenshotWidth, maxHeight },
    images,
    // Absent when the person has no photos to look for; otherwise a skipped or cut search is never "no photo here".
    ...(input.photoSearch ? { photoSearch: input.photoSearch } : {}),
    artifacts: { ...artifacts },
    problems,
  };
  const timestampToken = await sealMeta(vault, meta, { artifacts, problems, timestamps: input.timestamps, signal: input.signal });
  return { artifacts, problems, timestampToken, bannerHeight: placement?.height ?? 0, screenshotHeight };
}

/**
 * Stores meta.json (it lists every artifact before it, by hash) and, when a TSA is configured, an RFC 3161
 * timestamp over its exact bytes. A TSA that fails is a problem of the capture, not its end. Returns the
 * timestamp's address in the vault, or null.
 */
export async function sealMeta(vault: EvidenceVault, meta: object, out: { artifacts: Record<string, string>; problems: string[]; timestamps?: TimestampClient | null; signal?: AbortSignal }): Promise<string | null> {
  const metaBytes = Buffer.from(`${JSON.stringify(meta, null, 2)}\n`, 'utf8');
  out.artifacts.meta = (await vault.put(metaBytes, 'application/json')).sha256;
  if (!out.timestamps) return null;
  try {
    const stamped = await out.timestamps.stamp(metaBytes, out.signal);
    const token = (await vault.put(stamped.reply, 'application/timestamp-reply')).sha256;
    out.artifacts.timestamp = token;
    return token;
  } catch (error) {
    out.problems.push(`timestamp: ${describe(error)}`);
    return null;
  }
}
