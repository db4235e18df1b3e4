import path from 'node:path';
import { z } from 'zod';
import { settingDefinitions, type SettingName } from './config.definition.ts';
import { ConfigError } from './config-error.ts';
import { describePgUrl } from '../db/pg-connection.models.ts';

export { ConfigError };
import { validateCronExpression } from '../shared/cron.models.ts';
import { parseEngineFlag } from '../providers/engine-registry.ts';
import { parseAlertsSettings, alertsSettingDefinitions, type AlertSettings } from './alerts.settings.ts';
import { parseTakedownsSettings, takedownsSettingDefinitions, type TakedownSettings } from './takedowns.settings.ts';
import { parseEvidenceSettings, evidenceSettingDefinitions, type EvidenceSettings } from './evidence.settings.ts';
import { parseEgressSettings, egressSettingDefinitions, type EgressSettings } from './egress.settings.ts';
import { parseBackupSettings, backupSettingDefinitions, type BackupSettings } from './backup.settings.ts';
import { parseAccountsSettings, accountsSettingDefinitions, type AccountsSettings } from './accounts.settings.ts';
import { parseBrowserSandboxSettings, browserSandboxSettingDefinitions, type BrowserSandboxSettings } from './browser-sandbox.settings.ts';

/** Every setting of every area, for the documentation (.env.example, README) and the checks on it. */
export const allSettingDefinitions = [...settingDefinitions, ...browserSandboxSettingDefinitions, ...alertsSettingDefinitions, ...takedownsSettingDefinitions, ...evidenceSettingDefinitions, ...egressSettingDefinitions, ...backupSettingDefinitions, ...accountsSettingDefinitions];

export type ProcessMode = 'all' | 'web' | 'worker';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  /** DATABASE_URL: PostgreSQL instead of `databaseFile` when set. A secret: it holds the password. */
  databaseUrl: string | undefined;
  processMode: ProcessMode;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicUrl: string;
  /** `wsEndpoints`: the remote browsers (BROWSER_WS_ENDPOINT), empty when Chromium runs here. */
  browser: { chromiumPath: string | undefined; wsEndpoints: string[]; pagesPerBrowser: number; navigationTimeoutMs: number };
  jobs: { concurrency: number; leaseMs: number; shutdownGraceMs: number };
  scheduler: { tick: string; defaultScanSchedule: string; jitterMinutes: number };
  scan: {
    queryCap: number; engines: string[]; engineMinIntervalMs: number; maxPageBytes: number; photoMatchThreshold: number;
    /** Result pages read per query and engine (SEARCH_RESULT_PAGES). */
    resultPages: number;
    /** SearXNG instances in the operator's order; empty when none is configured. */
    searxngUrls: string[];
    /** `id=URL` for engines that run without being listed in `engines` (consented reverse-image engines, one-off choices). */
    endpoints: string[];
    engineBackoffMaxHours: number;
  };
  photos: {
    cropRegions: 'fine' | 'standard' | 'off'; hashWorkers: number;
    /** Whether visited pages' screenshots are searched for photos, and down to which height (PHOTO_SCREENSHOT_*). */
    screenshotSearch: boolean; screenshotMaxHeight: number;
  };
  /** IMPERSONATION_WATCH: look the person's handles up on the site list during scans. */
  impersonation: { watch: boolean };
  net: { allowPrivateHosts: string[] };
  demo: { web: 'auto' | 'on' | 'off'; port: number };
  health: { alertAfterHours: number };
  alerts: AlertSettings;
  takedowns: TakedownSettings;
  evidence: EvidenceSettings;
  egress: EgressSettings;
  backup: BackupSettings;
  browserSandbox: BrowserSandboxSettings;
  accounts: AccountsSettings;
  /**
   * The settings the environment itself set (trimmed, non-empty), by variable name: they win over values
   * saved on the settings page, and the page says so next to each of them.
   */
  environment: Readonly<Record<string, string>>;
}

const wholeNumber = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const httpUrl = z.url({ protocol: /^https?$/ });
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
// Engine endpoints are checked here, so a typo stops the service at start instead of failing every scan.
const engineEndpointList = list.refine((items) => items.every((item) => {
  if (!item.includes('=')) return false;
  try {
    parseEngineFlag(item);
    return true;
  } catch {
    return false;
  }
}), { message: 'expected engine id=URL pairs' });
const cron = z.string().refine((s) => validateCronExpression(s) === null, { message: 'invalid cron expression' });

const fieldSchemas: Record<SettingName, z.ZodType> = {
  PORT: wholeNumber(0, 65535),
  HOST: z.string().min(1),
  DATA_DIR: z.string().min(1),
  DATABASE_URL: z.string().refine((s) => describePgUrl(s) !== null).optional(),
  PROCESS_MODE: z.enum(['all', 'web', 'worker']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  PUBLIC_URL: httpUrl.optional(),
  CHROMIUM_PATH: z.string().min(1).optional(),
  BROWSER_WS_ENDPOINT: z.string().optional().transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.url({ protocol: /^wss?$/ }))),
  BROWSER_PAGES_PER_BROWSER: wholeNumber(1, 10_000),
  BROWSER_NAVIGATION_TIMEOUT_MS: wholeNumber(1000, 300_000),
  WORKER_CONCURRENCY: wholeNumber(1, 64),
  JOB_LEASE_MS: wholeNumber(5000, 3_600_000),
  SHUTDOWN_GRACE_MS: wholeNumber(0, 600_000),
  SCHEDULER_TICK: cron,
  DEFAULT_SCAN_SCHEDULE: cron,
  SCAN_JITTER_MINUTES: wholeNumber(0, 720),
  SCAN_QUERY_CAP: wholeNumber(1, 500),
  SCAN_ENGINES: list,
  ENGINE_MIN_INTERVAL_MS: wholeNumber(0, 600_000),
  SEARCH_RESULT_PAGES: wholeNumber(1, 10),
  SEARXNG_URL: z.string().optional().transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(httpUrl)),
  ENGINE_ENDPOINTS: engineEndpointList,
  ENGINE_BACKOFF_MAX_HOURS: wholeNumber(1, 720),
  DEMO_WEB: z.enum(['auto', 'on', 'off']),
  DEMO_WEB_PORT: wholeNumber(0, 65535),
  ALLOW_PRIVATE_HOSTS: list,
  MAX_PAGE_BYTES: wholeNumber(10_000, 1_073_741_824),
  PHOTO_MATCH_THRESHOLD: wholeNumber(0, 128),
  PHOTO_CROP_REGIONS: z.enum(['fine', 'standard', 'off']),
  HASH_WORKERS: wholeNumber(0, 64),
  PHOTO_SCREENSHOT_SEARCH: z.enum(['on', 'off']),
  PHOTO_SCREENSHOT_MAX_HEIGHT: wholeNumber(500, 30_000),
  IMPERSONATION_WATCH: z.enum(['on', 'off']),
  HEALTH_ALERT_AFTER_HOURS: wholeNumber(1, 720),
};

/**
 * Parses the whole environment at once and reports every bad variable together, so an operator fixes
 * their `.env` in one pass instead of one crash at a time. Empty strings count as unset.
 */
export function loadConfig(env: Record<string, string | undefined>, options: { cwd?: string } = {}): Config {
  const values: Record<string, unknown> = {};
  const problems: { variable: string; problem: string }[] = [];
  for (const def of settingDefinitions) {
    const raw = env[def.env];
    const input = raw === undefined || raw.trim() === '' ? def.default : raw.trim();
    const parsed = fieldSchemas[def.env].safeParse(input);
    if (parsed.success) values[def.env] = parsed.data;
    // A secret (a URL with credentials) is never echoed, not even when it is wrong.
    else problems.push({ variable: def.env, problem: 'secret' in def && def.secret ? `expected ${def.expects}` : `got ${JSON.stringify(raw)}, expected ${def.expects}` });
  }
  // Each area parses its own settings; their problems join the core ones so the operator sees all at once.
  const alerts = parseAlertsSettings(env);
  const takedowns = parseTakedownsSettings(env);
  const evidence = parseEvidenceSettings(env);
  const egress = parseEgressSettings(env);
  const backup = parseBackupSettings(env);
  const browserSandbox = parseBrowserSandboxSettings(env);
  const accounts = parseAccountsSettings(env);
  for (const area of [alerts, takedowns, evidence, egress, backup, browserSandbox, accounts]) if ('problems' in area) problems.push(...area.problems);
  if (problems.length > 0 || 'problems' in alerts || 'problems' in takedowns || 'problems' in evidence || 'problems' in egress || 'problems' in backup || 'problems' in browserSandbox || 'problems' in accounts) throw new ConfigError(problems);

  const v = values as Record<SettingName, never>;
  const dataDir = path.resolve(options.cwd ?? process.cwd(), v.DATA_DIR as string);
  const host = v.HOST as string;
  const port = v.PORT as number;
  return {
    port,
    host,
    dataDir,
    databaseFile: path.join(dataDir, 'exposure-scanner.sqlite'),
    databaseUrl: v.DATABASE_URL,
    processMode: v.PROCESS_MODE,
    logLevel: v.LOG_LEVEL,
    publicUrl: (v.PUBLIC_URL as string | undefined) ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    browser: {
      chromiumPath: v.CHROMIUM_PATH,
      wsEndpoints: v.BROWSER_WS_ENDPOINT,
      pagesPerBrowser: v.BROWSER_PAGES_PER_BROWSER,
      navigationTimeoutMs: v.BROWSER_NAVIGATION_TIMEOUT_MS,
    },
    jobs: { concurrency: v.WORKER_CONCURRENCY, leaseMs: v.JOB_LEASE_MS, shutdownGraceMs: v.SHUTDOWN_GRACE_MS },
    scheduler: { tick: v.SCHEDULER_TICK, defaultScanSchedule: v.DEFAULT_SCAN_SCHEDULE, jitterMinutes: v.SCAN_JITTER_MINUTES },
    scan: {
      queryCap: v.SCAN_QUERY_CAP,
      engines: v.SCAN_ENGINES,
      engineMinIntervalMs: v.ENGINE_MIN_INTERVAL_MS,
      resultPages: v.SEARCH_RESULT_PAGES,
      searxngUrls: v.SEARXNG_URL,
      endpoints: v.ENGINE_ENDPOINTS,
      engineBackoffMaxHours: v.ENGINE_BACKOFF_MAX_HOURS,
      maxPageBytes: v.MAX_PAGE_BYTES,
      photoMatchThreshold: v.PHOTO_MATCH_THRESHOLD,
    },
    photos: { cropRegions: v.PHOTO_CROP_REGIONS, hashWorkers: v.HASH_WORKERS, screenshotSearch: v.PHOTO_SCREENSHOT_SEARCH === 'on', screenshotMaxHeight: v.PHOTO_SCREENSHOT_MAX_HEIGHT },
    impersonation: { watch: v.IMPERSONATION_WATCH === 'on' },
    net: { allowPrivateHosts: v.ALLOW_PRIVATE_HOSTS },
    demo: { web: v.DEMO_WEB, port: v.DEMO_WEB_PORT },
    health: { alertAfterHours: v.HEALTH_ALERT_AFTER_HOURS },
    alerts: alerts.settings,
    takedowns: takedowns.settings,
    evidence: evidence.settings,
    egress: egress.settings,
    backup: backup.settings,
    browserSandbox: browserSandbox.settings,
    accounts: accounts.settings,
    environment: Object.fromEntries(allSettingDefinitions.flatMap((d) => (env[d.env]?.trim() ? [[d.env, env[d.env]!.trim()]] : []))),
  };
}
