import type { Config } from '../../config/config.ts';
import type { AlertsDeps } from '../alerts/alerts.deps.ts';
import { createSmtpMailer, createWebhookSender } from '../alerts/alert-channels.ts';
import type { EgressGateway } from '../../egress/egress-gateway.ts';
import type { TakedownDeps } from '../takedowns/cases.usecases.ts';
import { createSmtpSendMail } from '../takedowns/takedown-deps.ts';

/**
 * Copies the editable sections of a newly resolved configuration into the live Config object. Readers
 * that look at `deps.config` (scans, schedules, the default language) and components holding one of these
 * section objects (the egress gateway's upstream table, the takedown and alert settings) see the change
 * on their next call; nothing outside these sections is touched (ports, paths, keys need a restart).
 */
export function applyEditableSections(live: Config, next: Config): void {
  Object.assign(live.alerts, next.alerts);
  Object.assign(live.takedowns, next.takedowns);
  Object.assign(live.egress.upstreams, next.egress.upstreams);
  Object.assign(live.scan, { engines: next.scan.engines, endpoints: next.scan.endpoints, searxngUrls: next.scan.searxngUrls });
  Object.assign(live.scheduler, { defaultScanSchedule: next.scheduler.defaultScanSchedule });
  Object.assign(live.accounts, { defaultLanguage: next.accounts.defaultLanguage });
}

type SendMailWithClose = NonNullable<TakedownDeps['sendMail']> & { close?: () => void };

/**
 * The channels that hold a connection or a signing secret are rebuilt from the new settings: the alert
 * mailer and webhook sender, and the takedown mailer. The old transports are closed after the swap.
 */
export function rebuildChannels(parts: { config: Config; alerts: AlertsDeps; takedowns: TakedownDeps; egress: EgressGateway }): void {
  const { email, webhook } = parts.config.alerts;
  const oldMailer = parts.alerts.mailer;
  parts.alerts.mailer = email ? createSmtpMailer({ smtpUrl: email.smtpUrl, from: email.from }) : null;
  oldMailer?.close();
  parts.alerts.webhook = webhook ? createWebhookSender({ ...webhook, egress: parts.egress }) : null;
  const oldSend = parts.takedowns.sendMail as SendMailWithClose | undefined;
  if (email) parts.takedowns.sendMail = createSmtpSendMail(email.smtpUrl);
  else delete parts.takedowns.sendMail;
  oldSend?.close?.();
}
