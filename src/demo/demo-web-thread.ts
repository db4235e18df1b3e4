import dns from 'node:dns/promises';
import type { Config } from '../config/config.ts';
import type { DemoWeb } from '../deps.types.ts';
import { startModuleWorker } from '../shared/module-worker.ts';
import type { DemoThreadMessage } from '../simweb/thread.ts';

/** Engines the demo person is scanned with, all pointed at the simulated web. */
export const demoEngineIds = ['searxng', 'duckduckgo', 'bing', 'brave', 'mojeek', 'tineye', 'google-lens'] as const;

/** True when a search engine's name resolves: without DNS there is no internet to scan. */
export async function internetReachable(host = 'html.duckduckgo.com', timeoutMs = 2000): Promise<boolean> {
  try {
    await Promise.race([dns.lookup(host), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())]);
    return true;
  } catch {
    return false;
  }
}

export async function shouldRunDemoWeb(config: Pick<Config, 'demo'>, probe: () => Promise<boolean> = internetReachable): Promise<boolean> {
  if (config.demo.web === 'on') return true;
  if (config.demo.web === 'off') return false;
  return !(await probe());
}

export interface RunningDemoWeb extends DemoWeb {
  /** The configured port was taken and a free one was used instead (the caller logs it). */
  portTaken: boolean;
  close(): Promise<void>;
}

/**
 * Starts the simulated web in its own thread (simweb/thread.ts). This module loads nothing else, so the
 * entry point can start it before it loads the service: the simulated web is then built on the second
 * core while the first loads the service's modules.
 */
export function startDemoWebThread(config: Pick<Config, 'demo'>): Promise<RunningDemoWeb> {
  const worker = startModuleWorker(new URL('../simweb/thread', import.meta.url), { workerData: { port: config.demo.port } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the simulated web stopped while starting (exit ${code})`)));
    worker.once('message', (message: DemoThreadMessage) => {
      if ('failed' in message) {
        void worker.terminate();
        return reject(new Error(`the simulated web did not start: ${message.message}`));
      }
      worker.removeAllListeners('exit');
      worker.removeAllListeners('error');
      // A thread that dies later leaves the demo scans without their web; the scans say so (pages unreachable).
      worker.on('error', () => undefined);
      const host = new URL(message.url).host;
      let closing: Promise<void> | null = null;
      resolve({
        url: message.url,
        engines: demoEngineIds.map((id) => `${id}=${message.engineEndpoints[id]}`),
        allowHosts: [host],
        impersonationSites: message.impersonationSites,
        portTaken: message.portTaken,
        close: () => (closing ??= new Promise<void>((done) => {
          const timer = setTimeout(() => void worker.terminate().then(() => done()), 5000);
          worker.once('message', () => {
            clearTimeout(timer);
            void worker.terminate().then(() => done());
          });
          worker.postMessage('close');
        })),
      });
    });
  });
}
