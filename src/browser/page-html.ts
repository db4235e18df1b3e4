import type { IsolatedEvaluate } from './isolated-world.ts';

/** The document's serialisation as Playwright's `page.content()` gives it: its doctype and root element. */
const serializeDocument = `(() => {
  let html = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
  if (document.documentElement) html += document.documentElement.outerHTML;
  return html;
})()`;

/**
 * The rendered HTML, read in the page's isolated world (isolated-world.ts), where the page's scripts
 * cannot replace the serialisers: the same text as `page.content()`, without its injected script.
 */
export async function readDocumentHtml(evaluate: IsolatedEvaluate): Promise<string> {
  const html = await evaluate(serializeDocument);
  if (typeof html !== 'string') throw new Error("Unable to read the page's HTML.");
  return html;
}
