import { parentPort, workerData } from 'node:worker_threads';
import { createSimulatedWeb, type SimulatedWeb } from './server.ts';

/**
 * The simulated web in a thread of its own, as the service runs it for the demo: preparing its pages and
 * images takes a few hundred milliseconds of CPU that then run beside the service's own start, on another
 * core, and its answers to the demo scans never wait for the service's event loop.
 * Messages out: {ready, url, engineEndpoints, impersonationSites, portTaken} | {failed, message}; in: 'close' (answered 'closed').
 */
export type DemoThreadMessage =
  | { ready: true; url: string; engineEndpoints: SimulatedWeb['engineEndpoints']; impersonationSites: SimulatedWeb['impersonationSites']; portTaken: boolean }
  | { failed: true; message: string };

const port = (workerData as { port: number }).port;

async function start(): Promise<{ web: SimulatedWeb; portTaken: boolean }> {
  try {
    return { web: await createSimulatedWeb({ port }), portTaken: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return { web: await createSimulatedWeb({ port: 0 }), portTaken: true };
  }
}

start().then(
  ({ web, portTaken }) => {
    // The imitation platforms' site list is plain data (patterns as strings), so it crosses to the service as is.
    parentPort!.postMessage({ ready: true, url: web.url, engineEndpoints: web.engineEndpoints, impersonationSites: web.impersonationSites, portTaken } satisfies DemoThreadMessage);
    parentPort!.on('message', (message) => {
      if (message === 'close') void web.close().finally(() => parentPort!.postMessage('closed'));
    });
  },
  (error: unknown) => parentPort!.postMessage({ failed: true, message: (error as Error).message } satisfies DemoThreadMessage),
);
