import { isQuietAt, quietHoursEnd, type QuietHours } from './quiet-hours.models.ts';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type AlertKind = 'exposure' | 'health';
export type DeliveryMode = 'immediate' | 'digest';
export type DeliveryChannel = 'email' | 'webhook';

export const severities: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const severityRank = (s: Severity): number => severities.indexOf(s);

/**
 * An exposure is announced once when it is first found, and again only when it gets worse (a page that
 * showed a name now shows the home address). A re-scan of the same page at the same severity stays quiet,
 * and calling this twice for one new hit (a retried job) does not announce it twice.
 */
export function shouldRaiseExposureAlert(args: { isNew: boolean; severity: Severity; hitStatus: string; previousSeverities: Severity[] }): boolean {
  if (args.hitStatus === 'false_positive') return false;
  if (args.previousSeverities.length === 0) return args.isNew;
  const highest = Math.max(...args.previousSeverities.map(severityRank));
  return severityRank(args.severity) > highest;
}

export interface QuietPolicy {
  quietHours: QuietHours | null;
  timeZone: string;
  criticalDuringQuietHours: boolean;
}

/** High and critical exposures and every health problem go out on their own; the rest wait for the digest. */
export function chooseMode(alert: { kind: AlertKind; severity: Severity }): DeliveryMode {
  return alert.kind === 'health' || severityRank(alert.severity) >= severityRank('high') ? 'immediate' : 'digest';
}

/** When an immediate alert may be sent: now, or when the quiet hours end (critical may break through, by setting). */
export function earliestSendTime(severity: Severity, now: Date, policy: QuietPolicy): Date {
  if (!isQuietAt(now, policy.quietHours, policy.timeZone)) return now;
  if (severity === 'critical' && policy.criticalDuringQuietHours) return now;
  return quietHoursEnd(now, policy.quietHours, policy.timeZone);
}

export const MAX_DELIVERY_ATTEMPTS = 10;
const RETRY_DELAYS_MS = [1, 5, 15, 60, 180, 360, 720, 1440, 1440].map((m) => m * 60_000);

/**
 * Retry time after `attempts` failed attempts, or null when it is time to give up (about four days of
 * retries: long enough to ride out a mail server outage, short enough that a stale alert is not sent).
 * Up to 10% jitter so deliveries that failed together do not retry in lock-step.
 */
export function nextRetryAt(attempts: number, now: Date, random: () => number): Date | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1]!;
  return new Date(now.getTime() + Math.round(base * (1 + random() * 0.1)));
}

/**
 * Error text stored on a delivery row and logged: one line, bounded, with addresses and URLs removed
 * (a bounced recipient or a webhook token must not end up in a log).
 */
export function describeDeliveryError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return `${code}${message}`
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[url]')
    .replace(/[^\s<>"'()]+@[^\s<>"'()]+/g, '[address]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export interface AlertCounts {
  total: number;
  bySeverity: Record<Severity, number>;
  health: number;
}

export function countAlerts(alerts: { kind: AlertKind; severity: Severity }[]): AlertCounts {
  const bySeverity: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  let health = 0;
  for (const a of alerts) {
    if (a.kind === 'health') health++;
    else bySeverity[a.severity]++;
  }
  return { total: alerts.length - health, bySeverity, health };
}

/** The dashboard page an alert points to; ids are random, so the link itself reveals nothing. */
export function dashboardLink(publicUrl: string, alert: { kind: AlertKind; hitId: string | null } | null): string {
  const base = publicUrl.replace(/\/+$/, '');
  return alert?.kind === 'exposure' && alert.hitId ? `${base}/exposures/${encodeURIComponent(alert.hitId)}` : `${base}/overview`;
}
