import type { CDPSession, Frame, Page } from 'playwright';
import { hostOf } from '../shared/url.models.ts';
import { withTimeout } from '../shared/timeout.ts';
import { evaluateInWorld, openIsolatedWorld } from './isolated-world.ts';

interface FrameNode {
  /** `unreachableUrl`: set when the frame shows Chromium's error page for an address that could not be loaded. */
  frame: { id: string; url: string; unreachableUrl?: string };
  childFrames?: FrameNode[];
}

const isErrorPage = (frame: FrameNode['frame']) => frame.url.startsWith('chrome-error:') || Boolean(frame.unreachableUrl);

/**
 * How long one frame of another site may take to be read. It runs in a process of its own, so a frame whose
 * scripts never yield (a hostile embed) would hold its reading forever while the page itself answers: past this
 * it is left out, and the page is read without it.
 */
const OTHER_SITE_FRAME_READ_MS = 3000;

/**
 * Reads the page's child frames that run in the page's own renderer (frames of the same site, `srcdoc`
 * frames and frames a script fills), each in an isolated world of its own, as the document itself is read
 * (isolated-world.ts): their text is shown on the page but is not in its document's, and a page can put
 * what it publishes in one to keep it from readers of the document. Frames of other sites run in other
 * processes: `readOtherSiteFrames` reads those. Error pages (a frame the egress gateway refused) are left out.
 * At most `maxFrames`, in document order; one that cannot be read is left out.
 */
export async function readChildFrames(devtools: () => Promise<CDPSession>, expression: string, maxFrames: number): Promise<unknown[]> {
  try {
    return await readFramesOf(await devtools(), expression, maxFrames, { withRoot: false });
  } catch {
    return [];
  }
}

/**
 * Reads the frames of other sites a page shows: with site isolation each runs in a renderer process of its own,
 * out of reach of the page's DevTools session, so an exposure a page embeds from elsewhere (a paste, a post, a
 * profile in a frame) would otherwise be found only at its own address, and only if an engine returns it. Each
 * is reached through a DevTools session of its own and read like the page's own frames, the frames it holds in
 * its process included; one nested in it from yet another site is read through its own session in turn.
 * Frames of the page's own host are left to `readChildFrames`; a frame of another host that turns out to share
 * the page's process (the same site) is too. At most `maxFrames` sessions; each frame's readings (its own and
 * its in-process frames') come with its address, since what is matched may come from it rather than the page.
 * The frames that take the most room on the page are read first; frames that take none are not read.
 */
export async function readOtherSiteFrames(page: Page, expression: string, maxFrames: number): Promise<{ url: string; reads: unknown[] }[]> {
  const main = page.mainFrame();
  const host = hostOf(main.url());
  const others = page.frames().filter((frame) => {
    const frameHost = hostOf(frame.url());
    return frame !== main && frameHost !== '' && frameHost !== host;
  }).slice(0, MAX_OTHER_SITE_FRAMES_MEASURED);
  const candidates = await largestShown(others, maxFrames);
  const reads = await Promise.all(candidates.map(async (frame) => {
    let session: CDPSession | null = null;
    const read = async () => {
      session = await page.context().newCDPSession(frame);
      return await readFramesOf(session, expression, maxFrames, { withRoot: true });
    };
    try {
      return { url: frame.url(), reads: await withTimeout(read(), OTHER_SITE_FRAME_READ_MS, 'Reading a frame of another site') };
    } catch {
      // Not a process of its own (the same site after all), gone meanwhile, or not answering.
      return { url: frame.url(), reads: [] };
    } finally {
      // Not awaited: a session of a process that does not answer would not detach either. One opened after the
      // bound went by goes with the page's context, which is closed after the visit.
      const opened = session as CDPSession | null;
      void opened?.detach().catch(() => undefined);
    }
  }));
  return reads.filter((r) => r.reads.length > 0);
}

/** Frames of other sites whose shown size is asked for before the largest are read: an ad-laden page has dozens. */
const MAX_OTHER_SITE_FRAMES_MEASURED = 60;

/**
 * The `maxFrames` frames that take the most room on the page, largest first (document order among equals),
 * leaving out those that take none (hidden, or sized to nothing): trackers and ads fill pages with such frames,
 * and a page could put ten of them before the one that shows an exposure to push it past the reading's bound.
 * The size comes from the browser's layout through DevTools, not from the page's scripts, which could lie.
 */
async function largestShown(frames: Frame[], maxFrames: number): Promise<Frame[]> {
  const sized = await Promise.all(frames.map(async (frame, order) => {
    try {
      const owner = await withTimeout(frame.frameElement(), OTHER_SITE_FRAME_READ_MS, 'Finding a frame on the page');
      const box = await withTimeout(owner.boundingBox(), OTHER_SITE_FRAME_READ_MS, 'Measuring a frame on the page').finally(() => void owner.dispose().catch(() => undefined));
      return { frame, order, area: box ? box.width * box.height : 0 };
    } catch {
      return { frame, order, area: 0 };
    }
  }));
  return sized.filter((f) => f.area >= 1).sort((a, b) => b.area - a.area || a.order - b.order).slice(0, maxFrames).map((f) => f.frame);
}

/** The frames of one session's frame tree, each in an isolated world of its own; its root too when `withRoot`. */
async function readFramesOf(session: CDPSession, expression: string, maxFrames: number, { withRoot }: { withRoot: boolean }): Promise<unknown[]> {
  const { frameTree } = await session.send('Page.getFrameTree');
  const root = frameTree as FrameNode;
  const frames: FrameNode['frame'][] = withRoot && !isErrorPage(root.frame) ? [root.frame] : [];
  const collect = (node: FrameNode) => {
    for (const child of node.childFrames ?? []) {
      if (frames.length >= maxFrames) return;
      if (!isErrorPage(child.frame)) frames.push(child.frame);
      collect(child);
    }
  };
  collect(root);
  const reads = await Promise.all(frames.map(async (frame) => {
    try {
      const reply = await evaluateInWorld(session, await openIsolatedWorld(session, frame.id), expression);
      return reply.exceptionDetails ? undefined : reply.result.value;
    } catch {
      // A frame of another process, or one that went away meanwhile.
      return undefined;
    }
  }));
  return reads.filter((value) => value !== undefined && value !== null);
}
