import type { AlertsDeps } from './alerts.deps.ts';
import type { DueDelivery } from './alerts.repository.ts';
import { countAlerts, dashboardLink, describeDeliveryError, earliestSendTime, nextRetryAt } from './alerts.models.ts';
import { isQuietAt, quietHoursEnd } from './quiet-hours.models.ts';
import { renderAlertEmail, type AlertEmailContent } from './alert-email.models.ts';
import type { WebhookPayload } from './webhook.models.ts';
import type { HealthProblem } from './health-alerts.models.ts';
import { quietPolicy } from './alerts.usecases.ts';

/** A sender holds a delivery this long; after a crash mid-send the delivery is tried again. */
const CLAIM_MS = 5 * 60_000;

export interface DeliveryOutcome {
  sent: number;
  failed: number;
  gaveUp: number;
  postponed: number;
}

const emptyOutcome = (): DeliveryOutcome => ({ sent: 0, failed: 0, gaveUp: 0, postponed: 0 });

/** A channel that was switched off, or a recipient removed from the settings, is not written to any more. */
function unavailableReason(deps: AlertsDeps, d: DueDelivery['delivery']): string | null {
  if (d.channel === 'email') {
    if (!deps.mailer || !deps.settings.email) return 'email is no longer configured';
    if (!deps.settings.email.to.includes(d.target)) return 'this recipient is no longer configured';
  }
  if (d.channel === 'webhook' && !deps.webhook) return 'the webhook is no longer configured';
  if (d.channel === 'web') return 'the web inbox needs no delivery';
  return null;
}

async function send(deps: AlertsDeps, channel: string, target: string, email: { content: AlertEmailContent; language: string }, webhook: WebhookPayload, signal?: AbortSignal): Promise<void> {
  if (channel === 'email') {
    await deps.mailer!.send({ to: target, ...renderAlertEmail(email.content, email.language) });
  } else {
    await deps.webhook!.send(webhook, deps.clock.now(), signal);
  }
}

/** Records a failed attempt for rows sent together; they share one retry time so they stay together. */
async function recordFailure(deps: AlertsDeps, rows: DueDelivery[], error: unknown, outcome: DeliveryOutcome): Promise<void> {
  const now = deps.clock.now();
  const attempts = Math.max(...rows.map((r) => r.delivery.attempts)) + 1;
  const retryAt = nextRetryAt(attempts, now, deps.random);
  const message = describeDeliveryError(error);
  for (const r of rows) await deps.repository.recordFailure(r.delivery.id, { attempts, nextAttemptAt: retryAt, error: message, now });
  const ids = rows.map((r) => r.delivery.id);
  if (retryAt) {
    outcome.failed += rows.length;
    deps.logger.warn({ deliveryIds: ids, channel: rows[0]!.delivery.channel, attempts, retryAt, error: message }, 'alert delivery failed; will retry');
  } else {
    outcome.gaveUp += rows.length;
    deps.logger.error({ deliveryIds: ids, channel: rows[0]!.delivery.channel, attempts, error: message }, 'alert delivery gave up after repeated failures');
  }
}

async function giveUp(deps: AlertsDeps, row: DueDelivery, reason: string, outcome: DeliveryOutcome): Promise<void> {
  await deps.repository.recordFailure(row.delivery.id, { attempts: row.delivery.attempts, nextAttemptAt: null, error: reason, now: deps.clock.now() });
  outcome.gaveUp++;
  deps.logger.warn({ deliveryId: row.delivery.id, channel: row.delivery.channel, error: reason }, 'alert delivery dropped');
}

async function deliverOne(deps: AlertsDeps, row: DueDelivery, outcome: DeliveryOutcome, signal?: AbortSignal): Promise<void> {
  const now = deps.clock.now();
  const { delivery, alert } = row;
  if (!await deps.repository.claim(delivery, new Date(now.getTime() + CLAIM_MS), now)) return;
  const unavailable = unavailableReason(deps, delivery);
  if (unavailable) return giveUp(deps, row, unavailable, outcome);
  // Quiet hours may have started since the delivery was planned (a retry, or a long outage).
  const sendAt = earliestSendTime(alert.severity, now, quietPolicy(deps));
  if (sendAt > now) {
    await deps.repository.postpone([delivery.id], sendAt, now);
    outcome.postponed++;
    return;
  }
  const unread = await deps.repository.unreadCount(alert.personId);
  const link = dashboardLink(deps.publicUrl, alert);
  const detail = (alert.detail ?? {}) as { reason?: string; problem?: HealthProblem };
  const content: AlertEmailContent = alert.kind === 'health'
    ? { type: 'health', problems: detail.problem ? [detail.problem] : [], link }
    : { type: 'exposure', reason: detail.reason === 'worse' ? 'worse' : 'new', severity: alert.severity, unread, link };
  const payload: WebhookPayload = {
    type: 'alert', alertId: alert.id, kind: alert.kind, severity: alert.severity,
    ...(alert.kind === 'health' && detail.problem ? { problems: [detail.problem] } : {}),
    counts: { unread }, link, createdAt: alert.createdAt.toISOString(),
  };
  try {
    await send(deps, delivery.channel, delivery.target, { content, language: row.language }, payload, signal);
  } catch (error) {
    return recordFailure(deps, [row], error, outcome);
  }
  await deps.repository.recordSent([delivery.id], deps.clock.now());
  outcome.sent++;
  deps.logger.info({ deliveryId: delivery.id, alertId: alert.id, channel: delivery.channel }, 'alert delivered');
}

/** One message per channel and recipient for all their waiting low/medium alerts. */
async function deliverDigestGroups(deps: AlertsDeps, rows: DueDelivery[], outcome: DeliveryOutcome, signal?: AbortSignal): Promise<void> {
  const groups = new Map<string, DueDelivery[]>();
  for (const row of rows) {
    const key = `${row.delivery.channel}\u0000${row.delivery.target}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const group of groups.values()) {
    if (signal?.aborted) break;
    const now = deps.clock.now();
    const claimed: DueDelivery[] = [];
    for (const r of group) if (await deps.repository.claim(r.delivery, new Date(now.getTime() + CLAIM_MS), now)) claimed.push(r);
    const first = claimed[0];
    if (!first) continue;
    const unavailable = unavailableReason(deps, first.delivery);
    if (unavailable) {
      for (const r of claimed) await giveUp(deps, r, unavailable, outcome);
      continue;
    }
    const languages = new Set(claimed.map((r) => r.language));
    const language = languages.size === 1 ? first.language : 'en';
    const counts = countAlerts(claimed.map((r) => r.alert));
    const link = dashboardLink(deps.publicUrl, null);
    const payload: WebhookPayload = { type: 'digest', alertIds: claimed.map((r) => r.alert.id), counts, link };
    try {
      await send(deps, first.delivery.channel, first.delivery.target, { content: { type: 'digest', counts, link }, language }, payload, signal);
    } catch (error) {
      await recordFailure(deps, claimed, error, outcome);
      continue;
    }
    await deps.repository.recordSent(claimed.map((r) => r.delivery.id), deps.clock.now());
    outcome.sent += claimed.length;
    deps.logger.info({ deliveries: claimed.length, channel: first.delivery.channel }, 'alert digest delivered');
  }
}

/**
 * Sends what is due: immediate alerts, and digests whose last attempt failed (a retry does not wait a
 * day for the next digest). Every outcome is written to the delivery row; nothing is thrown for a
 * failed send, so one dead channel does not hold up the others.
 */
export async function deliverDue(deps: AlertsDeps, options: { signal?: AbortSignal; limit?: number } = {}): Promise<DeliveryOutcome> {
  const outcome = emptyOutcome();
  const now = deps.clock.now();
  const due = await deps.repository.dueForSweep(now, options.limit ?? 50);
  for (const row of due.filter((r) => r.delivery.mode === 'immediate')) {
    if (options.signal?.aborted) break;
    await deliverOne(deps, row, outcome, options.signal);
  }
  const digestRetries = due.filter((r) => r.delivery.mode === 'digest');
  if (digestRetries.length > 0) {
    if (isQuietAt(now, deps.settings.quietHours, deps.settings.timezone)) {
      await deps.repository.postpone(digestRetries.map((r) => r.delivery.id), quietHoursEnd(now, deps.settings.quietHours, deps.settings.timezone), now);
      outcome.postponed += digestRetries.length;
    } else {
      await deliverDigestGroups(deps, digestRetries, outcome, options.signal);
    }
  }
  return outcome;
}

/** The scheduled digest. During quiet hours nothing is sent and the caller learns when to try again. */
export async function sendDigest(deps: AlertsDeps, options: { signal?: AbortSignal } = {}): Promise<DeliveryOutcome & { postponedUntil: Date | null }> {
  const now = deps.clock.now();
  if (isQuietAt(now, deps.settings.quietHours, deps.settings.timezone)) {
    return { ...emptyOutcome(), postponedUntil: quietHoursEnd(now, deps.settings.quietHours, deps.settings.timezone) };
  }
  const outcome = emptyOutcome();
  await deliverDigestGroups(deps, await deps.repository.dueDigest(now), outcome, options.signal);
  return { ...outcome, postponedUntil: null };
}
