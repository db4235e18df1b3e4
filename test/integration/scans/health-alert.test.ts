import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sqlRow } from '../../../src/db/raw-sql.ts';
import { createSimulatedWeb } from '../../../src/simweb/server.ts';
import { raiseHealthAlerts } from '../../../src/modules/alerts/health-alerts.usecases.ts';
import { createDeliveriesForHealthAlerts } from '../../../src/modules/alerts/alerts.usecases.ts';
import { deliverDue } from '../../../src/modules/alerts/delivery.usecases.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { parseMail, startSmtpServer } from '../alerts/alerts-setup.ts';

describe('when every engine is blocked', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const web = await createSimulatedWeb({
      port: 0,
      blocked: { searxng: 'searxng_limiter', duckduckgo: 'ddg_challenge_form', bing: 'bing_captcha', brave: 'http_429', mojeek: 'http_403' },
    });
    harness = await startScanHarness({ web, env: { SMTP_URL: smtp.url(), ALERT_EMAIL_TO: 'inbox@example.org', ALERT_EMAIL_FROM: 'scanner@example.org' } });
    await harness.startWorker();
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    await smtp?.close();
  });

  it('fails the scan and tells the person by the same channels', async () => {
    const run = await harness.waitForRun((await harness.startScan()).id);
    expect(run.status).toBe('failed');
    expect((await raiseHealthAlerts({ db: harness.app.db, clock: harness.app.clock, alertAfterHours: 48 })).raised).toBe(1);
    const alert = (await sqlRow<{ kind: string; severity: string; detail: string }>(harness.app.db, sql`select kind, severity, detail from alerts where kind = 'health'`))!;
    expect(JSON.parse(alert.detail)).toEqual({ problem: 'all_engines_blocked' });
    // A second check the same day does not repeat it.
    expect((await raiseHealthAlerts({ db: harness.app.db, clock: harness.app.clock, alertAfterHours: 48 })).raised).toBe(0);

    await createDeliveriesForHealthAlerts(harness.app.alerts);
    await deliverDue(harness.app.alerts);
    const health = smtp.received.map((m) => parseMail(m.raw)).filter((m) => /attention/i.test(m.headers.get('subject') ?? ''));
    expect(health).toHaveLength(1);
    expect(health[0]!.decoded).not.toMatch(/Marie|Lola|470 12/);
  });
});
