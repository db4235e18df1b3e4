import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import type { JobsRepository } from '../jobs/jobs.repository.ts';
import type { AlertSettings } from '../../config/alerts.settings.ts';
import { createAlertsRepository, type AlertsRepository } from './alerts.repository.ts';
import type { EgressGateway } from '../../egress/egress-gateway.ts';
import { createSmtpMailer, createWebhookSender, type Mailer, type WebhookSender } from './alert-channels.ts';
import { createAlertBroadcaster, type AlertBroadcaster } from './alert-broadcaster.ts';

/** Everything the alert use cases, routes and jobs need; built once by the composition root. */
export interface AlertsDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  random: () => number;
  jobs: Pick<JobsRepository, 'enqueue'>;
  settings: AlertSettings;
  /** Base of the dashboard links in emails and webhook posts. */
  publicUrl: string;
  repository: AlertsRepository;
  /** Null when the channel is not configured. */
  mailer: Mailer | null;
  webhook: WebhookSender | null;
  broadcaster: AlertBroadcaster;
}

export function createAlertsDeps(args: Pick<AlertsDeps, 'db' | 'clock' | 'logger' | 'random' | 'jobs' | 'settings' | 'publicUrl'> & {
  egress: EgressGateway;
  overrides?: Partial<Pick<AlertsDeps, 'mailer' | 'webhook' | 'broadcaster'>>;
  streamPollMs?: number;
}): AlertsDeps & { close(): void } {
  const logger = args.logger.child({ component: 'alerts' });
  const repository = createAlertsRepository({ db: args.db });
  const { email, webhook } = args.settings;
  const mailer = args.overrides?.mailer !== undefined ? args.overrides.mailer : email ? createSmtpMailer({ smtpUrl: email.smtpUrl, from: email.from }) : null;
  const webhookSender = args.overrides?.webhook !== undefined ? args.overrides.webhook : webhook ? createWebhookSender({ ...webhook, egress: args.egress }) : null;
  const broadcaster = args.overrides?.broadcaster ?? createAlertBroadcaster({ repository, logger, pollMs: args.streamPollMs ?? 2000 });
  return {
    db: args.db, clock: args.clock, logger, random: args.random, jobs: args.jobs, settings: args.settings, publicUrl: args.publicUrl,
    repository, mailer, webhook: webhookSender, broadcaster,
    close() {
      broadcaster.close();
      mailer?.close();
    },
  };
}
