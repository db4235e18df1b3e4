import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright';
import { browserLocation, launchChromium, startDashboardService, type DashboardService } from './dashboard-harness.ts';
import { createId } from '../../src/shared/ids.ts';

const ADMIN = { email: 'helper@example.org', password: 'a long and calm passphrase' };
const PROFILE = { names: ['Sam Example'], aliases: ['samx'], phones: ['+31 6 12345678'], emails: ['sam@example.net'], addresses: [], handles: ['sam_x'], photos: [], ownUrls: [] };
const QUICK_EXIT_HOST = 'www.google.com';

// In CI a missing browser must fail loudly, not skip: .ci/run installs Chromium.
describe.skipIf(browserLocation.kind === 'missing' && !process.env.CI)('the dashboard in a real browser, as a person would use it', { timeout: 240_000 }, () => {
  let dashboard: DashboardService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const outside: Request[] = [];
  let exposureUrl = '';

  beforeAll(async () => {
    dashboard = await startDashboardService();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dashboard.url });
    // Nothing may leave the machine: every request to another host is recorded and aborted.
    await context.route((url) => url.hostname !== '127.0.0.1', async (route) => {
      outside.push(route.request());
      await route.abort();
    });
    page = await context.newPage();
    // Any alert() from hostile page content would show up here and fail the hostile-content test.
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
  });

  it('sends the first visit to setup, which creates the administrator and logs them in', async () => {
    await page.goto(`${dashboard.url}/`);
    expect(new URL(page.url()).pathname).toBe('/setup');
    await page.getByLabel('Name of your organisation').fill('Helpline');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.waitForURL(/\/people\?done=setup/);
    expect(await page.getByRole('status').first().textContent()).toContain('Your account is ready');
  });

  it('logs out and in again', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login\?done=logged_out/);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/overview$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
  });

  it('adds a person from a profile file, read into the form by the page', async () => {
    await page.goto(`${dashboard.url}/people`);
    await page.getByLabel('Or choose a profile file').setInputFiles({ name: 'profile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(PROFILE)) });
    await page.waitForFunction(() => (document.getElementById('new-profile') as HTMLTextAreaElement).value.includes('Sam Example'));
    await page.getByLabel('Label').fill('Sam');
    // A schedule far away: this real person must never be scanned against the internet during the test.
    await page.getByLabel('Scan schedule').fill('0 0 1 1 *');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.waitForURL(/\/people\/person_[a-z0-9]+\?done=person_added/);
    expect(await page.locator('main').textContent()).toContain('+31 6 12345678');
  });

  it('checks, in "scan now", the engines of the person chosen, and follows a change of person', async () => {
    // Nothing is sent here: Sam is a real person, whose scan would go to the internet.
    await page.goto(`${dashboard.url}/scans`);
    const person = page.getByLabel('Person');
    const boxes = () => page.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('input[name="engines"]')]
      .map((box) => ({ key: box.value, checked: box.checked, defaultFor: (box.getAttribute('data-default-for') ?? '').split(' ').filter(Boolean) })));
    const ids = await person.locator('option').evaluateAll((options) => options.map((o) => ({ id: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
    const sam = ids.find((o) => o.label === 'Sam')!.id;
    const demo = ids.find((o) => o.label.startsWith('Demo person'))!.id;
    for (const chosen of [sam, demo, sam]) {
      await person.selectOption(chosen);
      const now = await boxes();
      expect(now.filter((b) => b.checked).map((b) => b.key), chosen).toEqual(now.filter((b) => b.defaultFor.includes(chosen)).map((b) => b.key));
      expect(now.some((b) => b.checked), chosen).toBe(true);
    }
    // The two people's usual engines differ (the demo person's go to the simulated web), so the change is seen.
    const all = await boxes();
    expect(all.filter((b) => b.defaultFor.includes(sam)).map((b) => b.key)).not.toEqual(all.filter((b) => b.defaultFor.includes(demo)).map((b) => b.key));
  });

  it('runs a scan of the demo person and follows its progress until it ends', async () => {
    await page.goto(`${dashboard.url}/people`);
    await page.getByRole('link', { name: 'Demo person (fictional)' }).click();
    await page.getByRole('button', { name: 'Scan now' }).click();
    await page.waitForURL(/\/scans\/scan_[a-z0-9]+/);
    await page.locator('.badge.st-succeeded, .badge.st-partial').first().waitFor({ timeout: 200_000 });
    await dashboard.waitForDemoScan();
    expect(await page.locator('main').textContent()).toMatch(/\d+ new, \d+ known/);
  });

  it('lists the exposures, worst first, with blurred thumbnails or placeholders', async () => {
    await page.getByRole('link', { name: 'See the exposures' }).click();
    await page.waitForURL(/\/exposures\?personId=/);
    const items = page.locator('.exposure');
    expect(await items.count()).toBeGreaterThan(4);
    expect(await items.first().locator('.badge').first().textContent()).toBe('Critical');
    const images = await page.locator('.thumb-frame img').count();
    expect(await page.locator('.thumb-frame img.blurred').count()).toBe(images);
    expect(images).toBeGreaterThan(0);
    expect(images + (await page.locator('.thumb.placeholder').count())).toBe(await items.count());
  });

  it('opens one exposure with what was found and why', async () => {
    await page.locator('.exposure-title a').first().click();
    await page.waitForURL(/\/exposures\/hit_[a-z0-9]+/);
    exposureUrl = page.url();
    expect(await page.getByRole('heading', { name: 'What was found' }).isVisible()).toBe(true);
    expect(await page.locator('#matches-heading ~ .table-wrap tbody tr').count()).toBeGreaterThan(0);
    const audit = dashboard.service.app.db.$client.prepare("select count(*) n from audit_log where action = 'viewed' and subject_id = ?").get(exposureUrl.split('/').pop()) as { n: number };
    expect(audit.n).toBeGreaterThan(0);
  });

  it('reveals a blurred image only when asked, and records that it was revealed', async () => {
    const reveal = page.getByRole('button', { name: 'Reveal images' });
    expect(await reveal.count()).toBe(1);
    expect(await page.locator('img.shot.blurred').count()).toBeGreaterThan(0);
    await reveal.click();
    await page.waitForFunction(() => document.querySelectorAll('img.shot.blurred').length === 0);
    const hitId = exposureUrl.split('/').pop();
    const row = dashboard.service.app.db.$client.prepare("select count(*) n from audit_log where action = 'revealed' and subject_id = ?").get(hitId) as { n: number };
    expect(row.n).toBe(1);
  });

  it('copies the drafted takedown and offers it as a mail', async () => {
    // A page whose site gives an email address (the paste site's abuse contact); pages reported through a
    // platform form have no mail to offer, and which critical page sorts first varies between scans.
    const app = dashboard.service.app;
    const demo = (await app.profiles.listPeople()).find((p) => p.isDemo)!;
    const paste = (await app.hits.listForPerson(demo.id)).find((h) => h.url.includes('/site/dox-paste/'))!;
    await page.goto(`${dashboard.url}/exposures/${paste.id}`);
    if ((await page.locator('#draft-text').count()) === 0) {
      await page.getByRole('button', { name: 'Prepare a takedown' }).click();
      await page.waitForURL(/done=case_opened/);
    }
    const draft = await page.locator('#draft-text').inputValue();
    expect(draft.length).toBeGreaterThan(100);
    await page.getByRole('button', { name: 'Copy the text' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(draft);
    expect(await page.getByRole('link', { name: 'Open in my mail program' }).getAttribute('href')).toMatch(/^mailto:[^?]+@[^?]+\?subject=/);
  });

  it('exports the evidence pack', async () => {
    const exportButton = page.getByRole('button', { name: 'Export evidence pack (ZIP)' });
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');
  });

  it('shows hostile titles, snippets, addresses and file names as inert text', async () => {
    const app = dashboard.service.app;
    const demo = (await app.profiles.listPeople()).find((p) => p.isDemo)!;
    const hostileTitle = 'Free <img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>';
    const url = 'javascript:window.__pwned=3//https://evil.example/';
    const run = (await app.scans.listRuns(demo.id))[0]!;
    const { hit } = await app.hits.upsert({
      personId: demo.id, url, normalizedUrl: 'https://evil.example/planted', finalUrl: 'JaVaScRiPt:alert(4)', host: 'evil.example', title: hostileTitle, pageLanguage: 'en',
      severity: 'critical', categories: ['intimate_media'], linkage: false, reasons: ['<svg onload="window.__pwned=5">'], scanRunId: run.id,
      matches: [{ kind: 'photo', value: '"><img src=x onerror=alert(6)>.jpg', imageUrl: 'javascript:alert(7)', distance: 3, reason: '<b onmouseover=alert(8)>x</b>' }],
    });
    app.db.$client.prepare('insert into photos (id, person_id, label, sha256, pdq, quality, blockhash, width, height, created_at) values (?, ?, ?, ?, ?, 90, ?, 10, 10, ?)')
      .run(createId('photo'), demo.id, '<img src=x onerror="window.__pwned=9">.jpg', 'a'.repeat(64), '0'.repeat(64), '0'.repeat(64), Date.now());
    const hostileFromScan = (await app.hits.listForPerson(demo.id)).find((h) => h.url.includes('/site/hostile/xss'));

    const pages = ['/overview', `/exposures?personId=${demo.id}`, `/exposures/${hit.id}`, `/people/${demo.id}`, ...(hostileFromScan ? [`/exposures/${hostileFromScan.id}`] : [])];
    for (const path of pages) {
      await page.goto(`${dashboard.url}${path}`);
      await page.waitForLoadState('networkidle');
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        badLinks: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).protocol).filter((p) => !['http:', 'https:', 'mailto:'].includes(p)),
        inlineHandlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((attr) => attr.name.startsWith('on'))).length,
        scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      }));
      expect(state.pwned, path).toBeUndefined();
      expect(state.badLinks, path).toEqual([]);
      expect(state.inlineHandlers, path).toBe(0);
      expect(state.scripts.every((src) => src?.startsWith('/static/app.js')), path).toBe(true);
    }
    await page.goto(`${dashboard.url}/exposures/${hit.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(hostileTitle);
    expect(await page.getByText(url, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText('<svg onload="window.__pwned=5">').count()).toBe(1);
    if (hostileFromScan) {
      await page.goto(`${dashboard.url}/exposures/${hostileFromScan.id}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lola Velvet <script>alert(1)</script>');
      expect(await page.locator('.snippet').textContent()).toContain('<img src=x onerror=alert(document.domain)>');
    }
    expect(dialogs).toEqual([]);
  });

  it('can be used with the keyboard: the first Tab reaches the skip link, which moves to the content', async () => {
    await page.goto(`${dashboard.url}/overview`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('leaves at once through the quick exit, by click or by pressing Escape three times, without a referrer', async () => {
    await page.goto(`${dashboard.url}/overview`);
    const link = page.getByRole('link', { name: /Quick exit/ });
    expect(await link.getAttribute('rel')).toBe('noreferrer');
    const before = outside.length;
    await link.click();
    await expect.poll(() => outside.length).toBeGreaterThan(before);
    const request = outside[outside.length - 1]!;
    expect(new URL(request.url()).hostname).toBe(QUICK_EXIT_HOST);
    expect(request.headers().referer).toBeUndefined();
    await expect.poll(() => page.url()).toMatch(/^chrome-error:/);
    await page.goto(`${dashboard.url}/exposures`);
    const count = outside.length;
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
    await expect.poll(() => outside.length).toBeGreaterThan(count);
    expect(new URL(outside[outside.length - 1]!.url()).hostname).toBe(QUICK_EXIT_HOST);
    // The dashboard is gone from the tab (the aborted exit leaves the browser's error page instead).
    await expect.poll(() => page.url()).toMatch(/^chrome-error:/);
  });

  it('logs out', async () => {
    await page.goto(`${dashboard.url}/overview`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${dashboard.url}/overview`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(outside.every((r) => new URL(r.url()).hostname === QUICK_EXIT_HOST)).toBe(true);
  });
});
