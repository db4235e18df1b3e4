import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module next to the caller, given without its extension (`./thread`). The
 * service runs compiled JavaScript (dist/): the thread is the compiled `.js` file, started directly. Tests,
 * scripts and benches run the TypeScript sources: the thread then starts from a bootstrap that registers tsx
 * through its API and imports the `.ts` file (on Node 20 `execArgv: ['--import', 'tsx']` does not reach a
 * worker's module loader, nodejs/node#47747). The same rule as photos/hash-worker-start.ts, for any module.
 */
export function startModuleWorker(base: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL(`${base.href}.js`), options);
  return new Worker(tsxBootstrap(`${base.href}.ts`), { ...options, eval: true });
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
