import { randomUUID } from 'node:crypto';
import type { CDPSession } from 'playwright';

/** The document's serialisation as Playwright's `page.content()` gives it: its doctype and root element. */
const serializeDocument = `(() => {
  let html = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
  if (document.documentElement) html += document.documentElement.outerHTML;
  return html;
})()`;

/**
 * Reads the rendered HTML in an isolated world of the page's main frame, through the page's DevTools
 * session: the page's scripts cannot reach that world's prototypes, so they cannot forge what is kept, as
 * with `page.content()`, which however sends and compiles Playwright's whole injected script (~340 KB) in
 * every page for it. The world is made once per document; a new document (the page navigated itself) gets
 * a new one.
 */
export function isolatedHtmlReader(devtools: () => Promise<CDPSession>): () => Promise<string> {
  let world: Promise<number> | null = null;
  const openWorld = async () => {
    const session = await devtools();
    const { frameTree } = await session.send('Page.getFrameTree');
    const created = await session.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: `read-${randomUUID()}` });
    return created.executionContextId;
  };
  const evaluateIn = async (contextId: number) => {
    const { result, exceptionDetails } = await (await devtools()).send('Runtime.evaluate', { expression: serializeDocument, contextId, returnByValue: true });
    if (exceptionDetails || typeof result.value !== 'string') throw new Error(`Unable to read the page's HTML (${exceptionDetails?.text ?? 'no text'}).`);
    return result.value;
  };
  return async () => {
    const current = (world ??= openWorld());
    try {
      return await evaluateIn(await current);
    } catch {
      // The world went with its document: one more try in a world of the current one.
      if (world === current) world = openWorld();
      return await evaluateIn(await world);
    }
  };
}
