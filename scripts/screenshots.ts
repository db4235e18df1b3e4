/**
 * `npm run screenshots`: starts the service with the simulated web and its demo data, logs in, and saves a
 * full-page screenshot of every dashboard page at phone (390×844) and laptop (1366×900) width into
 * screenshots/ (git-ignored). Look at every one of them after a change to the pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright';
import { launchChromium, startDashboardService } from '../test/e2e/dashboard-harness.ts';
import { actorFor, createAccount, createAccountsDeps } from '../src/modules/accounts/accounts.usecases.ts';
import { defaultAccountsSettings } from '../src/config/accounts.settings.ts';

const outDir = path.resolve(import.meta.dirname, '../screenshots');
const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 900 },
] as const;
const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };
const SECOND_PERSON = { names: ['Sam Example'], aliases: ['samx'], phones: ['+31 6 12345678'], emails: ['sam@example.net'], addresses: [], handles: ['sam_x'], photos: [], ownUrls: ['https://sam.example.net/'] };

async function shoot(page: Page, name: string, url: string | null): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    if (url) await page.goto(url, { waitUntil: 'networkidle' });
    const file = path.join(outDir, `${name}-${size.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const dashboard = await startDashboardService();
  const browser = await launchChromium();
  try {
    const base = dashboard.url;
    // The quick exit and any outside link must never leave this machine while taking pictures.
    const context = await browser.newContext();
    await context.route((url) => !url.host.startsWith('127.0.0.1'), (route) => route.abort());
    const page = await context.newPage();

    await shoot(page, '01-setup', `${base}/setup`);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${base}/setup`);
    await page.getByLabel('Name of your organisation').fill('Safe Harbour Support');
    await page.getByLabel('Display name').fill('Alex (admin)');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.waitForURL(/\/people/);

    console.log('waiting for the demo scan to finish...');
    await dashboard.waitForDemoScan();

    // A second person and a few accounts, so that lists and the settings page look like real use.
    await page.goto(`${base}/people`);
    await page.getByLabel('Label').fill('Sam');
    await page.getByLabel('Scan schedule').fill('0 0 1 1 *');
    await page.getByLabel('Profile (JSON)').fill(JSON.stringify(SECOND_PERSON, null, 2));
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.waitForURL(/\/people\/person_/);
    const app = dashboard.service.app;
    const accounts = createAccountsDeps({ db: app.db, clock: app.clock, logger: app.logger, settings: defaultAccountsSettings });
    const admin = accounts.accounts.findByEmail(ADMIN.email)!;
    const actor = actorFor(accounts, admin, 'session');
    const people = app.profiles.listPeople(admin.organisationId);
    await createAccount(accounts, actor, { email: 'casey@example.org', role: 'caseworker', displayName: 'Casey', personIds: people.map((p) => p.id) });
    await createAccount(accounts, actor, { email: 'sam@example.net', role: 'person', displayName: 'Sam', personId: people.find((p) => !p.isDemo)!.id });

    const demo = people.find((p) => p.isDemo)!;
    const hits = app.hits.listForPerson(demo.id);
    const critical = hits.find((h) => h.severity === 'critical') ?? hits[0]!;
    const hostile = hits.find((h) => h.url.includes('/site/hostile/xss'));
    const run = app.scans.listRuns(demo.id)[0]!;

    await shoot(page, '02-overview', `${base}/overview`);
    await shoot(page, '03-people', `${base}/people`);
    await shoot(page, '04-person', `${base}/people/${demo.id}`);
    await shoot(page, '05-exposures', `${base}/exposures`);
    await shoot(page, '06-exposures-filtered', `${base}/exposures?severity=high&status=new`);
    await shoot(page, '07-exposure', `${base}/exposures/${critical.id}`);
    if (hostile) await shoot(page, '08-exposure-hostile', `${base}/exposures/${hostile.id}`);
    await shoot(page, '09-scans', `${base}/scans`);
    await shoot(page, '10-scan', `${base}/scans/${run.id}`);
    await shoot(page, '11-settings', `${base}/settings`);
    await page.goto(`${base}/account`);
    await page.getByLabel('Label', { exact: true }).fill('backup script');
    await page.getByRole('button', { name: 'Create a token' }).click();
    await page.waitForLoadState('networkidle');
    await shoot(page, '12-account-new-token', null);
    await shoot(page, '13-api-docs', `${base}/api/docs`);
    await shoot(page, '14-not-found', `${base}/exposures/hit_doesnotexist`);
    await shoot(page, '15-overview-nl', `${base}/overview?lang=nl`);
    await shoot(page, '16-person-de', `${base}/people/${demo.id}?lang=de`);
    await shoot(page, '19-guidance', `${base}/guidance?lang=en`);
    await shoot(page, '20-guidance-doxxing-exposure', `${base}/guidance/doxxing?exposure=${critical.id}&lang=en`);
    await shoot(page, '21-guidance-sextortion-fr', `${base}/guidance/sextortion?lang=fr`);
    await shoot(page, '22-guidance-intimate-images-de', `${base}/guidance/intimate-images?lang=de`);
    await shoot(page, '23-guidance-nl', `${base}/guidance?lang=nl`);
    await page.goto(`${base}/overview?lang=en`);

    const loggedOut = await browser.newContext();
    await loggedOut.route((url) => !url.host.startsWith('127.0.0.1'), (route) => route.abort());
    const anonymous = await loggedOut.newPage();
    await shoot(anonymous, '17-login', `${base}/login`);
    await anonymous.getByLabel('Email').fill(ADMIN.email);
    await anonymous.getByLabel('Password').fill('wrong password here');
    await anonymous.getByRole('button', { name: 'Log in' }).click();
    await anonymous.waitForLoadState('networkidle');
    await shoot(anonymous, '18-login-error', null);
    await loggedOut.close();
    await context.close();
  } finally {
    await browser.close();
    await dashboard.stop();
  }
}

await main();
