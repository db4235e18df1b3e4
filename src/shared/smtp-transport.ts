import { createTransport, type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

/** Long enough for a slow mail host's greeting, short enough that a dead one does not hold a job's lease. */
export const SMTP_TIMEOUT_MS = 15_000;

/**
 * The one way the service opens SMTP, for alert emails and takedown notices alike (an `smtp://` or `smtps://`
 * URL, as SMTP_URL). nodemailer's defaults wait minutes for a server that accepted the connection and then
 * went silent; here the connection, the greeting and every socket read are bounded. Messages may never read
 * local files or fetch URLs (attachments given by path or href): a transport-level setting, which nodemailer
 * forces onto every message.
 */
export function createSmtpTransport(args: { smtpUrl: string; timeoutMs?: number }): Transporter {
  const timeout = args.timeoutMs ?? SMTP_TIMEOUT_MS;
  return createTransport({
    ...parseConnectionUrl(args.smtpUrl),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
