import type { Db } from '../../db/client.ts';
import { countPendingMigrationsOf, pingAnyDatabase } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import type { BrowserLocation } from '../../browser/browser-locator.ts';
import { sandboxWarning, type SandboxPlan, type SandboxState } from '../../browser/sandbox.models.ts';
import type { HeartbeatsRepository } from '../jobs/heartbeats.repository.ts';
import type { EgressGateway } from '../../egress/egress-gateway.ts';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'failing';
  database: { ok: boolean; error?: string };
  migrations: { applied: boolean; pending: number };
  worker: { heartbeatAgeSeconds: number | null; workerId: string | null; scheduler: boolean };
  /**
   * `sandbox` is Chromium's own sandbox; `warning` says what a state other than `on` means for the person.
   * `endpoints`: with remote browsers, each one's position in BROWSER_WS_ENDPOINT and whether it is usable
   * (never its URL, which may hold credentials).
   */
  browser: { found: boolean; source: string | null; instruction?: string; sandbox: SandboxState; warning?: string; endpoints?: { index: number; healthy: boolean }[] };
  /** The built-in simulated web is running: only the fictional demo person is scanned against it. */
  demo: { running: boolean; url: string | null };
  /** Which connection the sites being checked see (`direct` is this machine's own), and connections refused so far. */
  egress?: { pages: string; direct: boolean; refused: number; warning?: string };
}

/**
 * `failing` (HTTP 503) only when the service cannot work at all (no database, schema behind);
 * a missing browser or a silent worker is `degraded`: the dashboard still works and says what is wrong.
 */
export async function getHealth({ db, clock, heartbeats, browserLocation, browserSandbox, browserEndpoints, demo, egress }: { db: Db; clock: Clock; heartbeats: HeartbeatsRepository; browserLocation: BrowserLocation; browserSandbox: SandboxPlan; browserEndpoints?: { index: number; healthy: boolean }[]; demo?: { url: string }; egress?: Pick<EgressGateway, 'describe' | 'stats'> }): Promise<HealthReport> {
  let database: HealthReport['database'] = { ok: true };
  let pending = -1;
  try {
    await pingAnyDatabase(db);
    pending = await countPendingMigrationsOf(db);
  } catch (error) {
    database = { ok: false, error: (error as Error).message };
  }
  const beat = database.ok ? await heartbeats.latest() : null;
  const ageSeconds = beat ? Math.max(0, Math.round((clock.now().getTime() - beat.beatAt.getTime()) / 1000)) : null;
  const warning = sandboxWarning(browserSandbox);
  const sandbox = { sandbox: browserSandbox.state, ...(warning ? { warning } : {}) };
  const browser: HealthReport['browser'] =
    browserLocation.kind === 'missing'
      ? { found: false, source: null, instruction: browserLocation.instruction, ...sandbox }
      : { found: true, source: browserLocation.source, ...sandbox, ...(browserLocation.kind === 'remote' && browserEndpoints ? { endpoints: browserEndpoints } : {}) };
  const failing = !database.ok || pending !== 0;
  // A browser that cannot start its sandbox scans nothing, so it counts like a missing browser; so do remote
  // browsers that are all down.
  const noRemoteBrowser = browser.endpoints !== undefined && browser.endpoints.length > 0 && browser.endpoints.every((e) => !e.healthy);
  const degraded = !browser.found || noRemoteBrowser || browserSandbox.state === 'unavailable' || ageSeconds === null || ageSeconds > 120;
  return {
    status: failing ? 'failing' : degraded ? 'degraded' : 'ok',
    database,
    migrations: { applied: pending === 0, pending: Math.max(0, pending) },
    worker: { heartbeatAgeSeconds: ageSeconds, workerId: beat?.workerId ?? null, scheduler: beat?.isScheduler ?? false },
    browser,
    demo: { running: Boolean(demo), url: demo?.url ?? null },
    ...(egress ? { egress: egressHealth(egress) } : {}),
  };
}

function egressHealth(egress: Pick<EgressGateway, 'describe' | 'stats'>): NonNullable<HealthReport['egress']> {
  const pages = egress.describe().pages;
  const direct = pages === 'direct';
  return {
    pages,
    direct,
    refused: egress.stats().refusedTotal,
    ...(direct ? { warning: 'Pages are visited from this machine\'s own connection: the sites being checked can see its IP address. Set EGRESS_PROXY to send visits through a proxy or Tor.' } : {}),
  };
}
