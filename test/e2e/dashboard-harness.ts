import { chromium, type Browser } from 'playwright';
import { loadConfig } from '../../src/config/config.ts';
import { startService, type RunningService } from '../../src/service.ts';
import { chromiumLaunchArgs, locateBrowser } from '../../src/browser/browser-locator.ts';
import { makeTempDir } from '../helpers/test-app.ts';
import { freePort } from '../helpers/service-process.ts';

export const browserLocation = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

/** Chromium for driving the dashboard, found the same way the service finds its own. */
export async function launchChromium(): Promise<Browser> {
  if (browserLocation.kind !== 'local') throw new Error(`No local Chromium: ${browserLocation.kind === 'missing' ? browserLocation.instruction : 'remote browsers are not used here'}`);
  return chromium.launch({ executablePath: browserLocation.executablePath, args: chromiumLaunchArgs(process.getuid?.() === 0) });
}

export interface DashboardService {
  service: RunningService;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Resolves once the demo person has a finished scan (the first one starts by itself at start). */
  waitForDemoScan(timeoutMs?: number): Promise<void>;
}

/**
 * The real service (web, worker, scheduler) on a free port, with the built-in simulated web as the only
 * "internet": the fictional demo person is scanned against it. Nothing leaves 127.0.0.1.
 */
export async function startDashboardService(env: Record<string, string> = {}): Promise<DashboardService> {
  const dataDir = makeTempDir('es-dashboard-');
  // The simulated web's port is chosen here so that the takedown helper may read its contact pages; RDAP
  // points at a closed local port, so finding recipients never leaves the machine.
  const demoPort = await freePort();
  const config = loadConfig({
    DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
    DEMO_WEB: 'on', DEMO_WEB_PORT: String(demoPort), ALLOW_PRIVATE_HOSTS: `127.0.0.1:${demoPort}`, RDAP_BOOTSTRAP_URL: 'http://127.0.0.1:9/rdap/',
    ENGINE_MIN_INTERVAL_MS: '0', SCAN_QUERY_CAP: '8', BROWSER_NAVIGATION_TIMEOUT_MS: '8000',
    WORKER_CONCURRENCY: '4', TAKEDOWN_SENDER_EMAIL: 'helper@example.org', TAKEDOWN_SENDER_NAME: 'Support team',
    ...env,
  });
  const service = await startService(config, 'all');
  const url = service.url!.replace('localhost', '127.0.0.1');
  return {
    service,
    url,
    dataDir,
    stop: () => service.stop(),
    async waitForDemoScan(timeoutMs = 180_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const demo = (await service.app.profiles.listPeople()).find((p) => p.isDemo);
        const runs = demo ? await service.app.scans.listRuns(demo.id) : [];
        if (runs.length > 0 && runs.every((r) => r.finishedAt)) {
          // Cases are opened by a background job after each new hit: let those finish too.
          const pending = service.app.db.$client.prepare("select count(*) n from jobs where kind like 'takedowns.%' and status in ('queued','running')").get() as { n: number } | undefined;
          if (!pending || pending.n === 0) return;
        }
        if (Date.now() > until) throw new Error('the demo scan did not finish in time');
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}
