import { describe, expect, it } from 'vitest';
import { alertsSettingDefinitions, parseAlertsSettings, parseEmailAddress } from '../../../src/config/alerts.settings.ts';

const problemsOf = (env: Record<string, string>) => {
  const result = parseAlertsSettings(env);
  return 'problems' in result ? result.problems : [];
};

describe('alert settings', () => {
  it('needs nothing: no channels, no quiet hours, a daily digest at 08:00', () => {
    const result = parseAlertsSettings({});
    expect(result).toEqual({ settings: { email: null, webhook: null, quietHours: null, timezone: 'UTC', digestSchedule: '0 8 * * *', criticalDuringQuietHours: true } });
  });

  it('reads a full configuration', () => {
    const result = parseAlertsSettings({
      SMTP_URL: 'smtps://user:pw@mail.example.org:465',
      ALERT_EMAIL_TO: 'a@example.org, b@example.org',
      ALERT_EMAIL_FROM: 'Notifications <alerts@example.org>',
      WEBHOOK_URL: 'https://ntfy.example.org/topic-x',
      WEBHOOK_SECRET: 'a-long-enough-secret',
      QUIET_HOURS: '22:30-06:45',
      QUIET_HOURS_TIMEZONE: 'Europe/Brussels',
      DIGEST_SCHEDULE: '0 18 * * 5',
      ALERT_CRITICAL_DURING_QUIET_HOURS: 'false',
    });
    expect(result).toEqual({
      settings: {
        email: { smtpUrl: 'smtps://user:pw@mail.example.org:465', to: ['a@example.org', 'b@example.org'], from: { name: 'Notifications', address: 'alerts@example.org' } },
        webhook: { url: 'https://ntfy.example.org/topic-x', secret: 'a-long-enough-secret' },
        quietHours: { startMinute: 1350, endMinute: 405 },
        timezone: 'Europe/Brussels',
        digestSchedule: '0 18 * * 5',
        criticalDuringQuietHours: false,
      },
    });
  });

  it('lists every problem at once, including settings that need each other', () => {
    const problems = problemsOf({
      SMTP_URL: 'http://mail.example.org', WEBHOOK_URL: 'https://hook.example.org', WEBHOOK_SECRET: 'short',
      QUIET_HOURS: '22-7', QUIET_HOURS_TIMEZONE: 'Mars/Olympus', DIGEST_SCHEDULE: '61 8 * * *', ALERT_CRITICAL_DURING_QUIET_HOURS: 'maybe',
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'ALERT_CRITICAL_DURING_QUIET_HOURS', 'ALERT_EMAIL_FROM', 'ALERT_EMAIL_TO', 'DIGEST_SCHEDULE', 'QUIET_HOURS', 'QUIET_HOURS_TIMEZONE', 'SMTP_URL', 'WEBHOOK_SECRET',
    ]);
  });

  it('asks for the mail server when only recipients are set, and for the secret with a webhook', () => {
    expect(problemsOf({ ALERT_EMAIL_TO: 'a@example.org' }).map((p) => p.variable)).toEqual(['SMTP_URL']);
    expect(problemsOf({ WEBHOOK_URL: 'https://hook.example.org' }).map((p) => p.variable)).toEqual(['WEBHOOK_SECRET']);
    expect(problemsOf({ WEBHOOK_SECRET: 'a-long-enough-secret' }).map((p) => p.variable)).toEqual(['WEBHOOK_URL']);
    expect(problemsOf({ WEBHOOK_URL: 'https://u:p@hook.example.org', WEBHOOK_SECRET: 'a-long-enough-secret' })).toEqual([
      { variable: 'WEBHOOK_URL', problem: 'credentials in the URL are not supported; put a token in the path instead' },
    ]);
  });

  it('never repeats a secret or a recipient in a problem', () => {
    const problems = problemsOf({ SMTP_URL: 'ftp://user:hunter2@mail', ALERT_EMAIL_TO: 'person@, other', ALERT_EMAIL_FROM: 'x', WEBHOOK_URL: 'ftp://hook/tok3n', WEBHOOK_SECRET: 's3cr' });
    const text = JSON.stringify(problems);
    expect(problems.length).toBeGreaterThanOrEqual(4);
    expect(text).not.toMatch(/hunter2|tok3n|s3cr|person@/);
  });

  it('accepts a sender with or without a display name', () => {
    expect(parseEmailAddress('alerts@example.org')).toEqual({ name: undefined, address: 'alerts@example.org' });
    expect(parseEmailAddress('"Notes" <n@example.org>')).toEqual({ name: 'Notes', address: 'n@example.org' });
    expect(parseEmailAddress('Notes')).toBeNull();
  });

  it('documents every setting and marks the ones holding secrets', () => {
    for (const def of alertsSettingDefinitions) expect(def.description.length).toBeGreaterThan(10);
    const secrets = alertsSettingDefinitions.filter((d) => 'secret' in d && d.secret).map((d) => d.env).sort();
    expect(secrets).toEqual(['SMTP_URL', 'WEBHOOK_SECRET', 'WEBHOOK_URL']);
  });
});
