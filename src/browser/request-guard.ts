import type { BrowserContext } from 'playwright';
import type { UrlGuard } from '../shared/ssrf-guard.ts';

/**
 * Every request a browser context makes (the document, its redirects, scripts, images, frames) passes the
 * URL guard, so a hostile page or engine cannot make the scanner reach private addresses. `data:` and
 * `blob:` URLs are not network requests and pass. Returns how many requests were refused so far.
 */
export async function guardBrowserRequests(context: BrowserContext, guard: UrlGuard): Promise<{ refused: () => number }> {
  let refused = 0;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    try {
      await guard.check(url);
      await route.continue();
    } catch {
      refused++;
      await route.abort('blockedbyclient').catch(() => undefined);
    }
  });
  return { refused: () => refused };
}
