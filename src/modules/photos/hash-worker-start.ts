import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../shared/module-worker.ts';

/**
 * Starts one hashing worker thread: the compiled hash.worker.js next to this file when the service runs from
 * dist/, the TypeScript source through tsx in tests, scripts and benches (module-worker.ts says how and why).
 */
export function startHashWorker(): Worker {
  return startModuleWorker(new URL('./hash.worker', import.meta.url));
}
