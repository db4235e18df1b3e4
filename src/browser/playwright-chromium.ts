import { createRequire } from 'node:module';
import type * as Playwright from 'playwright';

/**
 * Playwright's Chromium driver, loaded on first use. Loading Playwright costs about a second of CPU, more than
 * the rest of start-up together, and the web process and most CLI commands never drive a browser; so it is
 * required when a browser is located or launched, not imported with the module graph.
 */
export function playwrightChromium(): typeof Playwright.chromium {
  const require = createRequire(import.meta.url);
  return (require('playwright') as typeof Playwright).chromium;
}
