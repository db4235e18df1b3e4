import fs from 'node:fs';
import path from 'node:path';
import type { AppDeps } from '../../deps.types.ts';
import { accountsSettingsOf } from '../../config/accounts.settings.ts';
import { describeUpstream } from '../../egress/upstream.models.ts';
import { hostOf } from '../../shared/url.models.ts';

// The operator's own services (SMTP, webhook, time-stamping, remote browsers): any scheme, port kept.
const serviceHost = (url: string | undefined | null): string | null => hostOf(url, { port: true, anyScheme: true }) || null;

/** A URL without credentials, query or fragment: enough to recognise it, never a secret. */
const publicPartOf = (url: string | undefined | null): string | null => {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return null;
  }
};

const minutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export type EffectiveSettings = ReturnType<typeof effectiveSettings>;

/**
 * What the service runs with, for the settings page: whether each channel is configured and where it
 * points (host only). Passwords, webhook URLs with tokens and the evidence key are never shown.
 */
export function effectiveSettings(deps: Pick<AppDeps, 'config' | 'demo'>) {
  const { config } = deps;
  const accounts = accountsSettingsOf(config);
  const keyFile = config.evidence.key ? null : path.resolve(config.dataDir, config.evidence.keyFile ?? 'evidence.key');
  const quiet = config.alerts.quietHours;
  return {
    email: { configured: config.alerts.email !== null, smtpHost: serviceHost(config.alerts.email?.smtpUrl), recipients: config.alerts.email?.to.length ?? 0 },
    webhook: { configured: config.alerts.webhook !== null, host: serviceHost(config.alerts.webhook?.url) },
    search: {
      searxngUrl: publicPartOf(config.scan.searxngUrls[0]),
      searxngInstances: config.scan.searxngUrls.map((url) => publicPartOf(url) ?? ''),
      backoffMaxHours: config.scan.engineBackoffMaxHours,
      engines: config.scan.engines.map((flag) => {
        const [id, endpoint] = flag.split(/=(.*)/s);
        return { id: id!, endpointHost: serviceHost(endpoint) };
      }),
      queryCap: config.scan.queryCap,
      defaultSchedule: config.scheduler.defaultScanSchedule,
    },
    alerts: {
      quietHours: quiet ? `${minutes(quiet.startMinute)}–${minutes(quiet.endMinute)}` : null,
      timezone: config.alerts.timezone,
      digestSchedule: config.alerts.digestSchedule,
      criticalDuringQuietHours: config.alerts.criticalDuringQuietHours,
    },
    takedowns: { senderConfigured: config.takedowns.sender.email !== null, responseDays: config.takedowns.defaultResponseDays },
    language: { default: accounts.defaultLanguage },
    evidence: {
      key: config.evidence.key ? ('environment' as const) : keyFile && fs.existsSync(keyFile) ? ('file' as const) : ('missing' as const),
      keyFile,
      timestampAuthority: serviceHost(config.evidence.tsaUrl),
    },
    // Which connection the sites being checked see: the person's own, unless a proxy is set.
    egress: {
      pages: describeUpstream(config.egress.upstreams.pages),
      direct: config.egress.upstreams.pages.kind === 'direct',
      engines: Object.entries(config.egress.upstreams.engines).map(([id, u]) => ({ id, via: describeUpstream(u) })),
    },
    service: { publicUrl: publicPartOf(config.publicUrl), demoWeb: Boolean(deps.demo), quickExitHost: serviceHost(accounts.quickExitUrl) },
  };
}
