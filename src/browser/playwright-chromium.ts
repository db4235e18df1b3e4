import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type * as Playwright from 'playwright';

/**
 * Playwright's Chromium driver, loaded on first use. Loading Playwright costs about 0.4 s of CPU, a quarter of
 * a start, and the web process and most CLI commands never drive a browser; so it is required when a browser
 * is located or launched, not imported with the module graph.
 */
export function playwrightChromium(): typeof Playwright.chromium {
  const require = createRequire(import.meta.url);
  return (require('playwright') as typeof Playwright).chromium;
}

/**
 * The folder Playwright installs its browsers into (`npx playwright install`), as Playwright computes it, or
 * null when that cannot be told without asking Playwright (PLAYWRIGHT_BROWSERS_PATH set, another platform).
 */
export function playwrightBrowsersDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, homeDir: string): string | null {
  if (env.PLAYWRIGHT_BROWSERS_PATH !== undefined || platform !== 'linux') return null;
  return path.join(env.XDG_CACHE_HOME || path.join(homeDir, '.cache'), 'ms-playwright');
}

/**
 * Where Playwright's own Chromium would be. When its browsers folder does not exist (Chromium came from the
 * system's packages, as the README suggests), no browser of Playwright's can be there, and Playwright is not
 * loaded just to say so.
 */
export function playwrightExecutablePath(env: Record<string, string | undefined> = process.env): string | undefined {
  const dir = playwrightBrowsersDir(env, process.platform, os.homedir());
  if (dir !== null && !fs.existsSync(dir)) return undefined;
  return playwrightChromium().executablePath();
}
