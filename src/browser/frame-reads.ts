import type { CDPSession } from 'playwright';
import { evaluateInWorld, openIsolatedWorld } from './isolated-world.ts';

interface FrameNode {
  frame: { id: string; url: string };
  childFrames?: FrameNode[];
}

/**
 * Reads the page's child frames that run in the page's own renderer (frames of the same site, `srcdoc`
 * frames and frames a script fills), each in an isolated world of its own, as the document itself is read
 * (isolated-world.ts): their text is shown on the page but is not in its document's, and a page can put
 * what it publishes in one to keep it from readers of the document. Frames of other sites run in other
 * processes and are left out (an exposure there is found at its own address); so are error pages (a frame
 * the egress gateway refused). At most `maxFrames`, in document order; one that cannot be read is left out.
 */
export async function readChildFrames(devtools: () => Promise<CDPSession>, expression: string, maxFrames: number): Promise<unknown[]> {
  try {
    const session = await devtools();
    const { frameTree } = await session.send('Page.getFrameTree');
    const frames: FrameNode['frame'][] = [];
    const collect = (node: FrameNode) => {
      for (const child of node.childFrames ?? []) {
        if (frames.length >= maxFrames) return;
        if (!child.frame.url.startsWith('chrome-error:')) frames.push(child.frame);
        collect(child);
      }
    };
    collect(frameTree as FrameNode);
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
  } catch {
    return [];
  }
}
