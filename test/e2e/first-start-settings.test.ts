import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { browserLocation, launchChromium, startDashboardService, type DashboardService } from './dashboard-harness.ts';
import { startSmtpServer } from '../integration/alerts/alerts-setup.ts';
import type { CaseRecipient } from '../../src/modules/takedowns/cases.models.ts';

const ADMIN = { email: 'admin@support.example', password: 'a long and calm passphrase' };
const PROFILE = { names: ['Sam Example'], aliases: ['samx'], phones: ['+31 6 12345678'], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };
const SHOTS = process.env.SCREENSHOT_DIR;

// In CI a missing browser must fail loudly, not skip: .ci/run installs Chromium.
describe.skipIf(browserLocation.kind === 'missing' && !process.env.CI)('from first start to a sent takedown, with no environment variable and no restart', { timeout: 300_000 }, () => {
  let dashboard: DashboardService;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let browser: Browser;
  let page: Page;
  let exposurePath = '';
  let recipient = '';

  const shoot = async (name: string) => {
    if (!SHOTS) return;
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // No sender and no mail server: the service as a person starts it on a laptop.
    dashboard = await startDashboardService({ TAKEDOWN_SENDER_EMAIL: '', TAKEDOWN_SENDER_NAME: '' });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
    await smtp?.close();
  });

  it('sets up the administrator and adds a person', async () => {
    await page.goto(`${dashboard.url}/`);
    await page.getByLabel('Name of your organisation').fill('Helpline');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.waitForURL(/\/people\?done=setup/);
    await page.locator('#new-profile').fill(JSON.stringify(PROFILE));
    await page.getByLabel('Label').fill('Sam');
    // Far away: this person must never be scanned during the test.
    await page.getByLabel('Scan schedule').fill('0 0 1 1 *');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.waitForURL(/done=person_added/);
  });

  it('shows an exposure with its draft at once, the reply address highlighted as a placeholder and no contradicting state', async () => {
    await dashboard.waitForDemoScan();
    const app = dashboard.service.app;
    const demo = (await app.profiles.listPeople()).find((p) => p.isDemo)!;
    const withEmail = (await Promise.all((await app.hits.listForPerson(demo.id)).map(async (h) => ({ hit: h, row: await app.takedowns.cases.getByHit(h.id) })))).find(({ row }) => (row?.recipient as CaseRecipient | null)?.kind === 'email');
    expect(withEmail, 'a demo exposure whose takedown goes to an email address').toBeDefined();
    recipient = (withEmail!.row!.recipient as unknown as CaseRecipient).address!;
    exposurePath = `/exposures/${withEmail!.hit.id}`;
    await page.goto(`${dashboard.url}${exposurePath}`);
    const marks = page.locator('#takedown mark.placeholder');
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await marks.first().isVisible()).toBe(true);
    const takedown = (await page.locator('#takedown').textContent()) ?? '';
    expect(takedown).toContain('Draft ready');
    expect(takedown).not.toMatch(/No draft yet|No text drafted yet/);
    expect(takedown).toContain('needs a mail server');
    await shoot('exposure-before-settings');
  });

  it('saves the sender and the mail server on the settings page, never showing the password back', async () => {
    await page.goto(`${dashboard.url}/settings`);
    await page.locator('#s-TAKEDOWN_SENDER_NAME').fill('Support team');
    await page.locator('#s-TAKEDOWN_SENDER_EMAIL').fill('replies@support.example');
    await page.locator('#sender .settings-form button[type=submit]').click();
    await page.waitForURL(/done=settings_saved/);
    await page.locator('#s-SMTP_URL').fill(smtp.url());
    await page.locator('#s-ALERT_EMAIL_TO').fill('inbox@support.example');
    await page.locator('#s-ALERT_EMAIL_FROM').fill('Notifications <notify@support.example>');
    await page.locator('#mail .settings-form button[type=submit]').click();
    await page.waitForURL(/done=settings_saved/);
    expect(await page.locator('#mail .secret-state').textContent()).toContain('Set');
    expect(await page.locator('#s-SMTP_URL').inputValue()).toBe('');
    expect(await page.content()).not.toContain('pa55word');
    const stored = dashboard.service.app.db.$client.prepare("select value from service_settings where key = 'SMTP_URL'").get() as { value: string };
    expect(stored.value).not.toContain('pa55word');
    const audit = dashboard.service.app.db.$client.prepare("select subject_id, detail from audit_log where action = 'settings_changed' order by subject_id").all() as { subject_id: string; detail: string | null }[];
    expect(audit.map((a) => a.subject_id)).toEqual(['ALERT_EMAIL_FROM', 'ALERT_EMAIL_TO', 'SMTP_URL', 'TAKEDOWN_SENDER_EMAIL', 'TAKEDOWN_SENDER_NAME']);
    expect(JSON.stringify(audit)).not.toMatch(/support\.example|pa55word/);
  });

  it('refuses an invalid value with the same check as the environment, keeping what was in effect', async () => {
    await page.locator('#s-QUIET_HOURS').fill('late evening');
    await page.locator('#schedules .settings-form button[type=submit]').click();
    expect(await page.locator('#schedules .error-text').textContent()).toContain('HH:MM-HH:MM');
    expect(dashboard.service.app.config.alerts.quietHours).toBeNull();
  });

  it('sends a neutral test email to the alert recipients and shows that it went out', async () => {
    await page.goto(`${dashboard.url}/settings`);
    await page.getByRole('button', { name: 'Send me a test' }).click();
    await page.getByText('The test message was accepted by the mail server').waitFor();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['inbox@support.example']);
    expect(smtp.received[0]!.raw).toContain('Subject: Test message');
    await shoot('settings');
  });

  it('sends the takedown from the exposure page, with the reply address filled in, to the local mail server', async () => {
    await page.goto(`${dashboard.url}${exposurePath}`);
    // The configured address now fills the draft: nothing is marked as missing any more.
    expect(await page.locator('#takedown mark.placeholder').count()).toBe(0);
    expect(await page.locator('#f-replyAddress').inputValue()).toBe('replies@support.example');
    await page.locator('#f-confirm').check();
    await page.getByRole('button', { name: 'Send the takedown' }).click();
    await page.waitForURL(/done=sent/);
    expect(smtp.received).toHaveLength(2);
    const mail = smtp.received[1]!;
    expect(mail.to).toEqual([recipient]);
    expect(mail.raw).toMatch(/Reply-To: replies@support\.example/i);
    expect(mail.raw).toContain('replies@support.example');
    expect(mail.raw).not.toMatch(/\[your reply address\]|\[je antwoordadres\]|\[votre adresse de r|\[Ihre Antwortadresse\]/);
    expect(await page.locator('#takedown').textContent()).toContain('Takedown sent');
    await shoot('exposure-sent');
  });
});
