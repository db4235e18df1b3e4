import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts one hashing worker thread. The service runs compiled JavaScript (dist/): the worker is the compiled
 * hash.worker.js next to this file, started directly. Tests, scripts and benches run the TypeScript sources,
 * where no compiled file exists: the worker then starts from a two-line bootstrap that registers tsx through
 * its API and imports hash.worker.ts. On Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's
 * module loader (nodejs/node#47747, fixed in 22.x), and `import 'tsx'` skips registration inside workers, so
 * tsx's ESM API is located explicitly. tsx is only a development dependency: it is looked up only here.
 */
export function startHashWorker(): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('./hash.worker.js', import.meta.url));
  return new Worker(tsxBootstrap(new URL('./hash.worker.ts', import.meta.url).href), { eval: true });
}

function tsxBootstrap(workerUrl: string): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('tsx/package.json');
  const pkg = require('tsx/package.json') as { exports: Record<string, { import?: { default?: string } } | string> };
  const entry = pkg.exports['./esm/api'];
  const file = typeof entry === 'object' && entry.import?.default ? entry.import.default : './dist/esm/api/index.mjs';
  const apiUrl = new URL(file, pathToFileURL(packageJson)).href;
  return `import(${JSON.stringify(apiUrl)})
  .then((api) => { api.register(); return import(${JSON.stringify(workerUrl)}); });`;
}
