import type { SettingDefinition } from './config.definition.ts';
import { validateCronExpression } from '../shared/cron.models.ts';
import { parseQuietHours, type QuietHours } from '../modules/alerts/quiet-hours.models.ts';

export interface EmailAddress {
  name: string | undefined;
  address: string;
}

export interface AlertSettings {
  email: { smtpUrl: string; to: string[]; from: EmailAddress } | null;
  webhook: { url: string; secret: string } | null;
  quietHours: QuietHours | null;
  /** Time zone of the quiet hours and of the digest schedule: the recipient's wall clock, not the server's. */
  timezone: string;
  digestSchedule: string;
  criticalDuringQuietHours: boolean;
}

export interface SettingProblem {
  variable: string;
  problem: string;
}

export const alertsSettingDefinitions = [
  { env: 'SMTP_URL', default: undefined, expects: 'an smtp:// or smtps:// URL with credentials, e.g. smtps://user:password@mail.example.org:465', description: 'Mail server for alert emails. Unset: no alert emails.', secret: true },
  { env: 'ALERT_EMAIL_TO', default: '', expects: 'comma-separated email addresses', description: 'Who receives alert emails. Required with SMTP_URL.' },
  { env: 'ALERT_EMAIL_FROM', default: undefined, expects: 'an email address, optionally with a display name: Notifications <alerts@example.org>', description: 'Sender of alert emails. Required with SMTP_URL. Choose a neutral display name: it shows in the inbox list.' },
  { env: 'WEBHOOK_URL', default: undefined, expects: 'an http(s) URL (an ntfy topic, a chat bridge...)', description: 'Also POST a neutral JSON alert here. Its host is fetched even when private (the operator chose it).', secret: true },
  { env: 'WEBHOOK_SECRET', default: undefined, expects: 'at least 16 characters', description: 'Shared secret for the X-Exposure-Scanner-Signature HMAC of webhook posts. Required with WEBHOOK_URL.', secret: true },
  { env: 'QUIET_HOURS', default: '', expects: 'HH:MM-HH:MM (e.g. 22:00-07:00), or empty for none', description: 'Non-urgent alerts wait until the quiet hours end.' },
  { env: 'QUIET_HOURS_TIMEZONE', default: 'UTC', expects: 'an IANA time zone such as Europe/Brussels', description: 'Time zone of QUIET_HOURS and DIGEST_SCHEDULE.' },
  { env: 'DIGEST_SCHEDULE', default: '0 8 * * *', expects: 'a cron expression', description: 'When the digest of low and medium alerts is sent (in QUIET_HOURS_TIMEZONE).' },
  { env: 'ALERT_CRITICAL_DURING_QUIET_HOURS', default: 'true', expects: 'true or false', description: 'Whether critical alerts are sent during quiet hours instead of waiting.' },
] as const satisfies readonly SettingDefinition[];

type AlertSettingName = (typeof alertsSettingDefinitions)[number]['env'];

const emailPattern = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

export function parseEmailAddress(input: string): EmailAddress | null {
  const trimmed = input.trim();
  if (emailPattern.test(trimmed)) return { name: undefined, address: trimmed };
  const named = /^"?([^"<>]*?)"?\s*<([^<>\s]+)>$/.exec(trimmed);
  if (named && emailPattern.test(named[2]!)) return { name: named[1]!.trim() || undefined, address: named[2]! };
  return null;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseUrl(raw: string, protocols: string[]): URL | null {
  try {
    const url = new URL(raw);
    return protocols.includes(url.protocol) && url.hostname ? url : null;
  } catch {
    return null;
  }
}

/** Pure: every problem is listed at once, and no problem quotes a secret value. Empty strings count as unset. */
export function parseAlertsSettings(env: Record<string, string | undefined>): { settings: AlertSettings } | { problems: SettingProblem[] } {
  const value = (name: AlertSettingName): string | undefined => {
    const raw = env[name]?.trim();
    if (raw) return raw;
    const def = alertsSettingDefinitions.find((d) => d.env === name)!.default;
    return def === undefined || def === '' ? undefined : def;
  };
  const problems: SettingProblem[] = [];
  const bad = (variable: AlertSettingName, problem: string) => problems.push({ variable, problem });
  const got = (name: AlertSettingName) => `got ${JSON.stringify(env[name])}, expected ${alertsSettingDefinitions.find((d) => d.env === name)!.expects}`;

  const smtpUrl = value('SMTP_URL');
  if (smtpUrl && !parseUrl(smtpUrl, ['smtp:', 'smtps:'])) bad('SMTP_URL', 'expected an smtp:// or smtps:// URL with a host (value not shown: it may hold a password)');
  const toRaw = value('ALERT_EMAIL_TO');
  const to = (toRaw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const badTo = to.filter((a) => !emailPattern.test(a));
  if (badTo.length > 0) bad('ALERT_EMAIL_TO', `${badTo.length} entr${badTo.length === 1 ? 'y is' : 'ies are'} not a plain email address`);
  const fromRaw = value('ALERT_EMAIL_FROM');
  const from = fromRaw ? parseEmailAddress(fromRaw) : null;
  if (fromRaw && !from) bad('ALERT_EMAIL_FROM', got('ALERT_EMAIL_FROM'));
  if (smtpUrl && to.length === 0) bad('ALERT_EMAIL_TO', 'required when SMTP_URL is set');
  if (smtpUrl && !fromRaw) bad('ALERT_EMAIL_FROM', 'required when SMTP_URL is set');
  if (!smtpUrl && to.length > 0) bad('SMTP_URL', 'required when ALERT_EMAIL_TO is set (no mail server to send with)');

  const webhookUrl = value('WEBHOOK_URL');
  const parsedWebhook = webhookUrl ? parseUrl(webhookUrl, ['http:', 'https:']) : null;
  if (webhookUrl && !parsedWebhook) bad('WEBHOOK_URL', 'expected an http(s) URL (value not shown: it may hold a token)');
  // The URL guard refuses user:password@ URLs (they leak into logs and redirects); a token in the path works.
  if (parsedWebhook && (parsedWebhook.username || parsedWebhook.password)) bad('WEBHOOK_URL', 'credentials in the URL are not supported; put a token in the path instead');
  const secret = value('WEBHOOK_SECRET');
  if (secret && secret.length < 16) bad('WEBHOOK_SECRET', 'expected at least 16 characters');
  if (webhookUrl && !secret) bad('WEBHOOK_SECRET', 'required when WEBHOOK_URL is set (receivers verify the signature)');
  if (!webhookUrl && secret) bad('WEBHOOK_URL', 'WEBHOOK_SECRET is set but WEBHOOK_URL is not');

  const quietRaw = value('QUIET_HOURS');
  const quiet = quietRaw ? parseQuietHours(quietRaw) : null;
  if (quietRaw && !quiet) bad('QUIET_HOURS', got('QUIET_HOURS'));
  const timezone = value('QUIET_HOURS_TIMEZONE') ?? 'UTC';
  if (!isValidTimeZone(timezone)) bad('QUIET_HOURS_TIMEZONE', got('QUIET_HOURS_TIMEZONE'));
  const digestSchedule = value('DIGEST_SCHEDULE') ?? '0 8 * * *';
  const cronProblem = validateCronExpression(digestSchedule);
  if (cronProblem) bad('DIGEST_SCHEDULE', `${got('DIGEST_SCHEDULE')} (${cronProblem})`);
  const criticalRaw = (value('ALERT_CRITICAL_DURING_QUIET_HOURS') ?? 'true').toLowerCase();
  if (criticalRaw !== 'true' && criticalRaw !== 'false') bad('ALERT_CRITICAL_DURING_QUIET_HOURS', got('ALERT_CRITICAL_DURING_QUIET_HOURS'));

  if (problems.length > 0) return { problems };
  return {
    settings: {
      email: smtpUrl && from ? { smtpUrl, to, from } : null,
      webhook: webhookUrl && secret ? { url: webhookUrl, secret } : null,
      quietHours: quiet,
      timezone,
      digestSchedule,
      criticalDuringQuietHours: criticalRaw === 'true',
    },
  };
}
