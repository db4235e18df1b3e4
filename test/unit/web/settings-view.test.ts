import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.ts';
import { effectiveSettings } from '../../../src/web/read-models/settings.ts';
import { timelineChart } from '../../../src/web/views/chart.ts';
import { createViewContext } from '../../../src/web/views/context.ts';

describe('the effective settings shown to administrators', () => {
  it('say what is configured and where, never a password, token or key', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({
      DATA_DIR: '/tmp/es-settings-test', SMTP_URL: 'smtps://mailer:S3cretPassw0rd@mail.example.org:465', ALERT_EMAIL_TO: 'me@example.org', ALERT_EMAIL_FROM: 'Alerts <a@example.org>',
      WEBHOOK_URL: 'https://ntfy.example.net/topic-with-secret-token-123', WEBHOOK_SECRET: 'another-long-secret-value', EVIDENCE_KEY: key, SEARXNG_URL: 'https://search.example.org/?token=abc',
    });
    const settings = effectiveSettings({ config, demo: undefined });
    expect(settings.email).toEqual({ configured: true, smtpHost: 'mail.example.org:465', recipients: 1 });
    expect(settings.webhook).toEqual({ configured: true, host: 'ntfy.example.net' });
    expect(settings.evidence.key).toBe('environment');
    expect(settings.search.searxngUrl).toBe('https://search.example.org');
    const text = JSON.stringify(settings);
    for (const secret of ['S3cretPassw0rd', 'mailer', 'topic-with-secret-token', 'another-long-secret', key, 'token=abc']) expect(text).not.toContain(secret);
  });
});

describe('the timeline chart', () => {
  const ctx = createViewContext({ lang: 'en', actor: null, csrf: null, quickExitUrl: 'https://example.org', path: '/', query: {}, timeZone: 'UTC', assets: { css: '', js: '' }, now: new Date('2026-11-22T10:00:00Z'), ownPersonId: null });
  const days = Array.from({ length: 30 }, (_, i) => ({ day: new Date(Date.UTC(2026, 9, 24 + i)).toISOString().slice(0, 10), count: i === 29 ? 9 : i === 3 ? 2 : 0 }));

  it('draws one bar per day with exposures, taller for more, with the numbers in a table for screen readers', () => {
    const svg = timelineChart(ctx, days).value;
    const bars = [...svg.matchAll(/<rect class="bar" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)">/g)].map((m) => Number(m[2]));
    expect(bars).toHaveLength(2);
    expect(bars[1]!).toBeGreaterThan(bars[0]! * 4);
    expect(svg).toContain('<caption>Exposures found per day, last 30 days</caption>');
    expect(svg).toContain('11 exposures found between');
    expect(svg).not.toMatch(/style=|<script/);
  });
});
