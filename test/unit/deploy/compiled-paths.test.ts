import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutPath, mapToCheckout } from '../../../src/shared/module-paths.ts';

const root = path.resolve(import.meta.dirname, '../../..');

describe('files read at run time from compiled code', () => {
  it('maps a path under dist/ to the same path in the checkout, keeping a trailing slash', () => {
    expect(mapToCheckout('/app/dist/migrations', '/app/dist/', '/app/')).toBe('/app/migrations');
    expect(mapToCheckout('/app/dist/src/web/static/', '/app/dist/', '/app/')).toBe('/app/src/web/static/');
    expect(mapToCheckout('/app/dist/catalog/sources.json', '/app/dist', '/app')).toBe('/app/catalog/sources.json');
  });

  it('leaves paths outside dist/, and every path when running from source, unchanged', () => {
    expect(mapToCheckout('/app/node_modules/x/y.js', '/app/dist/', '/app/')).toBe('/app/node_modules/x/y.js');
    expect(mapToCheckout('/app/distant/file', '/app/dist/', '/app/')).toBe('/app/distant/file');
    expect(mapToCheckout('/app/dist/migrations', null, '/app/')).toBe('/app/dist/migrations');
  });

  it('finds the real files from the sources', () => {
    expect(fs.existsSync(checkoutPath('../../migrations/meta/_journal.json', new URL('../../../src/db/client.ts', import.meta.url).href))).toBe(true);
    expect(checkoutPath('./static/', new URL('../../../src/web/static-assets.ts', import.meta.url).href)).toBe(path.join(root, 'src/web/static/'));
  });

  it('goes through checkoutPath for every module-relative file lookup, so it also works from dist/', () => {
    // A `new URL('./x', import.meta.url)` read as a file would point into dist/, where only JavaScript is emitted.
    const files = execFileSync('git', ['ls-files', 'src', 'workers'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.ts'));
    const allowed = new Set([
      'src/shared/module-paths.ts', // the mapping itself
      'src/simweb/engines/write-fixtures.ts', // a development script that writes test fixtures, run from source
    ]);
    // A worker thread's module (startModuleWorker(new URL('./x', import.meta.url))) is compiled next to its
    // starter, so that one form names code, not a file to read, and is fine.
    const fileLookup = /(?<!startModuleWorker\()new URL\([^)]*import\.meta\.url/;
    const offenders = files.filter((f) => !allowed.has(f) && fileLookup.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
