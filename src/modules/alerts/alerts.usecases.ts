import { transaction } from '../../db/transaction.ts';
import { createId } from '../../shared/ids.ts';
import { createErrorFactory } from '../../shared/errors.ts';
import type { Hit } from '../hits/hits.repository.ts';
import type { AlertsDeps } from './alerts.deps.ts';
import type { AlertRow, DeliveryRow, NewDelivery } from './alerts.repository.ts';
import { chooseMode, earliestSendTime, shouldRaiseExposureAlert, type AlertKind, type QuietPolicy, type Severity } from './alerts.models.ts';

export const createAlertNotFoundError = createErrorFactory({ code: 'alerts.not_found', message: 'No such alert.', statusCode: 404 });

export const DELIVER_JOB = 'alerts.deliver';
export const DIGEST_JOB = 'alerts.digest';

export const quietPolicy = (deps: Pick<AlertsDeps, 'settings'>): QuietPolicy => ({
  quietHours: deps.settings.quietHours,
  timeZone: deps.settings.timezone,
  criticalDuringQuietHours: deps.settings.criticalDuringQuietHours,
});

/** One delivery row per configured channel and recipient, each retried on its own. */
function planDeliveries(deps: AlertsDeps, alert: { id: string; kind: AlertKind; severity: Severity }, now: Date): NewDelivery[] {
  const mode = chooseMode(alert);
  const nextAttemptAt = mode === 'immediate' ? earliestSendTime(alert.severity, now, quietPolicy(deps)) : null;
  const base = { alertId: alert.id, mode, status: 'pending' as const, attempts: 0, nextAttemptAt, createdAt: now, updatedAt: now };
  const rows: NewDelivery[] = [];
  if (deps.settings.email && deps.mailer) {
    for (const to of deps.settings.email.to) rows.push({ ...base, id: createId('dlv'), channel: 'email', target: to });
  }
  if (deps.webhook) rows.push({ ...base, id: createId('dlv'), channel: 'webhook', target: deps.webhook.host });
  return rows;
}

/** Wakes the deliverer for immediate rows; digest rows wait for the digest schedule. */
async function enqueueDelivery(deps: AlertsDeps, alertId: string, rows: NewDelivery[]): Promise<void> {
  const times = rows.filter((r) => r.mode === 'immediate' && r.nextAttemptAt).map((r) => r.nextAttemptAt!.getTime());
  if (times.length === 0) return;
  await deps.jobs.enqueue({ kind: DELIVER_JOB, payload: { alertId }, idempotencyKey: `${DELIVER_JOB}:${alertId}`, runAfter: new Date(Math.min(...times)) });
}

/**
 * Called after a hit is stored: a new hit, or a known one that got worse, becomes an alert in the
 * dashboard inbox plus a delivery per channel, all in one transaction with the job that sends them.
 * Safe to call for every stored hit: an unchanged or already-announced hit raises nothing.
 */
export async function raiseExposureAlert(deps: AlertsDeps, args: { hit: Pick<Hit, 'id' | 'personId' | 'severity' | 'status'>; isNew: boolean }): Promise<{ alertId: string | null; deliveries: number }> {
  const raised = await transaction(deps.db, async () => await recordExposureAlert(deps, args));
  announceExposureAlert(deps, raised);
  return raised;
}

/**
 * The rows of an exposure alert (the alert, one delivery per channel and the job that sends them), written
 * in the caller's transaction: the scan pipeline calls it inside the transaction that stores the hit, so a
 * crash leaves either the hit with its alert or neither. No I/O besides those rows.
 */
export async function recordExposureAlert(deps: AlertsDeps, { hit, isNew }: { hit: Pick<Hit, 'id' | 'personId' | 'severity' | 'status'>; isNew: boolean }): Promise<{ alertId: string | null; deliveries: number }> {
  const previous = await deps.repository.exposureSeveritiesForHit(hit.id);
  if (!shouldRaiseExposureAlert({ isNew, severity: hit.severity, hitStatus: hit.status, previousSeverities: previous })) return { alertId: null, deliveries: 0 };
  const now = deps.clock.now();
  const alert = { id: createId('alert'), kind: 'exposure' as const, severity: hit.severity };
  const rows = planDeliveries(deps, alert, now);
  await deps.repository.insertAlert({ ...alert, personId: hit.personId, hitId: hit.id, detail: { reason: previous.length === 0 ? 'new' : 'worse' }, createdAt: now });
  await deps.repository.insertDeliveries(rows);
  await enqueueDelivery(deps, alert.id, rows);
  return { alertId: alert.id, deliveries: rows.length };
}

/** After the alert's transaction committed: wake the live inbox and note it in the log (ids only). */
export function announceExposureAlert(deps: AlertsDeps, raised: { alertId: string | null; deliveries: number }): void {
  if (!raised.alertId) return;
  deps.broadcaster.poke();
  deps.logger.info({ alertId: raised.alertId, deliveries: raised.deliveries }, 'exposure alert raised');
}

/**
 * Health alerts are raised by the health check; this gives the recent ones their deliveries. Alerts from
 * more than a day ago are not sent late (a channel configured today does not replay last month's outages).
 */
export async function createDeliveriesForHealthAlerts(deps: AlertsDeps): Promise<{ created: number }> {
  if (!deps.mailer && !deps.webhook) return { created: 0 };
  const now = deps.clock.now();
  let created = 0;
  for (const alert of await deps.repository.healthAlertsWithoutDeliveries(new Date(now.getTime() - 86_400_000))) {
    const rows = planDeliveries(deps, alert, now);
    await transaction(deps.db, async () => {
      await deps.repository.insertDeliveries(rows);
      await enqueueDelivery(deps, alert.id, rows);
    });
    created += rows.length;
  }
  if (created > 0) deps.broadcaster.poke();
  return { created };
}

/** What the dashboard and the stream show of an alert: no personal data, a relative link into the dashboard. */
export function describeAlert(alert: AlertRow, deliveries: DeliveryRow[] = []) {
  const detail = (alert.detail ?? {}) as { problem?: string; reason?: string };
  return {
    id: alert.id,
    personId: alert.personId,
    hitId: alert.hitId,
    kind: alert.kind,
    severity: alert.severity,
    reason: detail.reason ?? null,
    problem: detail.problem ?? null,
    link: alert.kind === 'exposure' && alert.hitId ? `/exposures/${encodeURIComponent(alert.hitId)}` : '/overview',
    createdAt: alert.createdAt,
    readAt: alert.readAt,
    deliveries: deliveries.map((d) => ({
      channel: d.channel, mode: d.mode, status: d.status, attempts: d.attempts, lastError: d.lastError, nextAttemptAt: d.nextAttemptAt, sentAt: d.sentAt,
    })),
  };
}

export async function listAlerts(deps: Pick<AlertsDeps, 'repository'>, args: { personId?: string; unreadOnly?: boolean; limit: number }) {
  const rows = await deps.repository.list(args);
  const deliveries = await deps.repository.deliveriesOf(rows.map((r) => r.id));
  return {
    alerts: rows.map((r) => describeAlert(r, deliveries.filter((d) => d.alertId === r.id))),
    unread: await deps.repository.unreadCount(args.personId),
  };
}

export async function markAlertRead(deps: Pick<AlertsDeps, 'repository' | 'clock'>, id: string) {
  const alert = await deps.repository.markRead(id, deps.clock.now());
  if (!alert) throw createAlertNotFoundError();
  return { alert: describeAlert(alert), unread: await deps.repository.unreadCount(alert.personId) };
}
