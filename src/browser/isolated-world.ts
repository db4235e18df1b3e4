import { randomUUID } from 'node:crypto';
import type { CDPSession } from 'playwright';

/** A read tried in a new world after its world went with its document; the last failure is passed on. */
const READ_ATTEMPTS = 3;

/** Evaluates one expression in the isolated world and gives its value (JSON-like: returned by value). */
export type IsolatedEvaluate = (expression: string) => Promise<unknown>;

/**
 * Reads from the page in an isolated world of its main frame, through the page's DevTools session. The
 * world shares the document with the page's scripts but none of their globals or prototypes: a page that
 * redefines `innerText`, `XMLSerializer`, `Array.from` or `URL` for itself changes nothing read here, so it
 * can neither hide its text from the matcher nor forge the HTML that is kept. It also spares every page
 * Playwright's own injected script, which `page.evaluate` and `page.content()` send and compile first.
 *
 * The world is made once per document; when its document is gone (the page navigated itself) the next
 * read opens a world in the current one. A read whose expression throws is rejected as it is.
 */
export function isolatedWorld(devtools: () => Promise<CDPSession>): IsolatedEvaluate {
  let world: Promise<number> | null = null;
  const openWorld = async () => {
    const session = await devtools();
    const { frameTree } = await session.send('Page.getFrameTree');
    return openIsolatedWorld(session, frameTree.frame.id);
  };
  const evaluateIn = async (contextId: number, expression: string) => evaluateInWorld(await devtools(), contextId, expression);
  return async (expression) => {
    let reply;
    for (let attempt = 1; ; attempt++) {
      const current = (world ??= openWorld());
      try {
        reply = await evaluateIn(await current, expression);
        break;
      } catch (error) {
        // The world went with its document (the page navigated itself): try again in a world of the current
        // one, a little later when the new document may still be on its way.
        if (attempt === READ_ATTEMPTS) throw error;
        if (world === current) world = null;
        if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    if (reply.exceptionDetails) throw new Error(`The page could not be read (${reply.exceptionDetails.exception?.description?.split('\n')[0] ?? reply.exceptionDetails.text}).`);
    return reply.result.value;
  };
}

/** A new isolated world in one frame of the session's page (the document it holds now): its context id. */
export async function openIsolatedWorld(session: CDPSession, frameId: string): Promise<number> {
  const created = await session.send('Page.createIsolatedWorld', { frameId, worldName: `read-${randomUUID()}` });
  return created.executionContextId;
}

/** One expression in a world opened by `openIsolatedWorld`, its value returned by value. */
export async function evaluateInWorld(session: CDPSession, contextId: number, expression: string) {
  return session.send('Runtime.evaluate', { expression, contextId, returnByValue: true });
}
