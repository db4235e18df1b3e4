import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playwrightBrowsersDir, playwrightChromium, playwrightExecutablePath } from '../../../src/browser/playwright-chromium.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

describe('where Playwright keeps its browsers', () => {
  it('is ms-playwright in the cache folder on Linux, XDG_CACHE_HOME when it is set', () => {
    expect(playwrightBrowsersDir({}, 'linux', '/home/ana')).toBe('/home/ana/.cache/ms-playwright');
    expect(playwrightBrowsersDir({ XDG_CACHE_HOME: '/var/cache/ana' }, 'linux', '/home/ana')).toBe('/var/cache/ana/ms-playwright');
  });

  it('is left to Playwright when PLAYWRIGHT_BROWSERS_PATH is set or on another platform', () => {
    expect(playwrightBrowsersDir({ PLAYWRIGHT_BROWSERS_PATH: '/opt/browsers' }, 'linux', '/home/ana')).toBeNull();
    expect(playwrightBrowsersDir({ PLAYWRIGHT_BROWSERS_PATH: '0' }, 'linux', '/home/ana')).toBeNull();
    expect(playwrightBrowsersDir({}, 'darwin', '/Users/ana')).toBeNull();
  });

  it('agrees with Playwright: the Chromium it would launch lies in that folder', () => {
    const dir = playwrightBrowsersDir(process.env, process.platform, os.homedir());
    if (dir === null) return;
    expect(playwrightChromium().executablePath().startsWith(`${dir}${path.sep}`)).toBe(true);
  });

  it.runIf(process.platform === 'linux')('answers without a path when the folder does not exist, and with Playwright\'s answer when it does', () => {
    const cache = makeTempDir();
    expect(playwrightExecutablePath({ XDG_CACHE_HOME: cache })).toBeUndefined();
    fs.mkdirSync(path.join(cache, 'ms-playwright'));
    expect(playwrightExecutablePath({ XDG_CACHE_HOME: cache })).toBe(playwrightChromium().executablePath());
  });
});
