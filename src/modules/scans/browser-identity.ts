import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BrowserPool } from '../../browser/browser-pool.ts';
import { browserIdentity, parseBrowserMajor, type BrowserIdentity } from '../../providers/shared/user-agent.models.ts';

/** The Chromium version Playwright was built for: the best guess when no browser can be asked. */
export function playwrightChromiumMajor(): number | null {
  try {
    const require = createRequire(import.meta.url);
    const file = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'browsers.json');
    const browsers = (JSON.parse(fs.readFileSync(file, 'utf8')) as { browsers: { name: string; browserVersion?: string }[] }).browsers;
    return parseBrowserMajor(browsers.find((b) => b.name === 'chromium')?.browserVersion ?? '');
  } catch {
    return null;
  }
}

function executableMajor(executablePath: string): Promise<number | null> {
  return new Promise((resolve) => {
    execFile(executablePath, ['--version'], { timeout: 5000 }, (error, stdout) => resolve(error ? null : parseBrowserMajor(String(stdout))));
  });
}

/**
 * Finds the version of the browser that engines will see, once per process: a local Chromium is asked with
 * `--version` (without starting it, so plain-HTTP searches stay cheap), a remote one through an offline
 * context. Plain-HTTP and browser requests then present the same browser.
 */
export function createBrowserIdentityResolver({ pool, fallbackMajor = playwrightChromiumMajor() ?? 130 }: { pool: Pick<BrowserPool, 'location' | 'withPage'>; fallbackMajor?: number }) {
  let pending: Promise<BrowserIdentity> | null = null;
  async function resolve(): Promise<BrowserIdentity> {
    const location = pool.location;
    let major: number | null = null;
    if (location.kind === 'local') major = await executableMajor(location.executablePath);
    else if (location.kind === 'remote') {
      major = await pool.withPage(async (_page, context) => parseBrowserMajor(context.browser()?.version() ?? '')).catch(() => null);
    }
    return browserIdentity(major ?? fallbackMajor);
  }
  return {
    get(): Promise<BrowserIdentity> {
      pending ??= resolve();
      return pending;
    },
  };
}

export type BrowserIdentityResolver = ReturnType<typeof createBrowserIdentityResolver>;
