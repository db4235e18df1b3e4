import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumLaunchArgs, memoryDisabledFeatures, playwrightDisabledFeatures } from '../../../src/browser/browser-locator.ts';

/** The `disabledFeatures = [...]` list in the installed playwright-core, read from its source. */
function installedPlaywrightDisabledFeatures(): string[] {
  const require = createRequire(import.meta.url);
  const libDir = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'lib');
  const files = fs.readdirSync(libDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const source = fs.readFileSync(path.join(libDir, file), 'utf8');
    const list = /disabledFeatures = \[([\s\S]*?)\]/.exec(source);
    if (list) return [...list[1]!.replace(/\/\/.*$/gm, '').matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1]!);
  }
  throw new Error('playwright-core no longer has a disabledFeatures list; check how it passes --disable-features');
}

describe('the features Chromium is started without', () => {
  it('repeats every feature the installed Playwright switches off, since only the last --disable-features counts', () => {
    const installed = installedPlaywrightDisabledFeatures();
    expect(installed.length).toBeGreaterThan(5);
    expect(playwrightDisabledFeatures).toEqual(expect.arrayContaining(installed));
  });

  it('passes one --disable-features switch holding Playwright\'s features and the omnibox popup renderers', () => {
    for (const withoutSandbox of [true, false]) {
      const switches = chromiumLaunchArgs(withoutSandbox).filter((a) => a.startsWith('--disable-features='));
      expect(switches).toHaveLength(1);
      const features = switches[0]!.slice('--disable-features='.length).split(',');
      expect(features).toEqual(expect.arrayContaining([...playwrightDisabledFeatures, ...memoryDisabledFeatures]));
    }
  });

  it('never trades isolation for memory', () => {
    const args = chromiumLaunchArgs(false);
    for (const weakening of ['--no-sandbox', '--single-process', '--disable-site-isolation-trials', '--process-per-site', '--no-zygote']) expect(args).not.toContain(weakening);
    expect(args.join(' ')).not.toMatch(/IsolateOrigins|site-per-process|SitePerProcess/);
  });
});
