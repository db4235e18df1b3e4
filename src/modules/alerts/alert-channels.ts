import { AppError } from '../../shared/errors.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import { createSmtpTransport } from '../../shared/smtp-transport.ts';
import { createUrlGuard } from '../../shared/ssrf-guard.ts';
import type { EgressGateway } from '../../egress/egress-gateway.ts';
import type { EmailAddress } from '../../config/alerts.settings.ts';
import { webhookHeaders, type WebhookPayload } from './webhook.models.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export interface WebhookSender {
  /** The host only, stored as the delivery target: the full URL may carry a token (an ntfy topic). */
  host: string;
  send(payload: WebhookPayload, now: Date, signal?: AbortSignal): Promise<void>;
}

/**
 * Alert emails over the shared SMTP transport (bounded waits). The header set is nodemailer's minimum (From,
 * To, Subject, Date, Message-ID, MIME): no X-Mailer, no List-* headers, nothing that tells a mailbox reader
 * what software sent it.
 */
export function createSmtpMailer(args: { smtpUrl: string; from: EmailAddress; timeoutMs?: number }): Mailer {
  const transport = createSmtpTransport({ smtpUrl: args.smtpUrl, ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}) });
  return {
    async send(email) {
      await transport.sendMail({
        from: args.from.name ? { name: args.from.name, address: args.from.address } : args.from.address,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        xMailer: false,
        textEncoding: 'quoted-printable',
      });
    },
    close() {
      transport.close();
    },
  };
}

export const createWebhookRejectedError = (status: number) =>
  new AppError({ code: 'alerts.webhook_rejected', message: `The webhook answered HTTP ${status}.`, statusCode: 502 });

/**
 * A signed JSON POST through safeFetch. The operator chose the URL, so its own host is allowed even when
 * private (ntfy on the home network); redirects are refused so the signed body never lands elsewhere.
 */
export function createWebhookSender(args: { url: string; secret: string; timeoutMs?: number; egress: EgressGateway }): WebhookSender {
  const url = new URL(args.url);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const guard = createUrlGuard({ allowHosts: [hostname], egress: args.egress, route: { kind: 'operator' } });
  return {
    host: url.host,
    async send(payload, now, signal) {
      const body = JSON.stringify(payload);
      const response = await safeFetch(guard, {
        url: args.url,
        method: 'POST',
        headers: { ...webhookHeaders(args.secret, now, body), 'user-agent': 'webhook-sender' },
        body,
        maxBytes: 64 * 1024,
        timeoutMs: args.timeoutMs ?? 10_000,
        maxRedirects: 0,
        signal,
      });
      if (response.status < 200 || response.status >= 300) throw createWebhookRejectedError(response.status);
    },
  };
}
