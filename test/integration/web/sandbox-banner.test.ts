import { afterEach, describe, expect, it } from 'vitest';
import { startWeb } from '../accounts/web-session.ts';
import { en } from '../../../src/web/views/i18n/en.ts';
import { de } from '../../../src/web/views/i18n/de.ts';
import { escapeHtml } from '../../../src/shared/html-escape.models.ts';

describe('the dashboard warns the operator when the browser sandbox is off', () => {
  const running: Awaited<ReturnType<typeof startWeb>>[] = [];
  afterEach(async () => {
    for (const w of running.splice(0)) await w.close();
  });

  async function adminBrowser(env: Record<string, string> = {}) {
    const w = await startWeb({ env });
    running.push(w);
    return w.setup();
  }

  it('shows the warning banner on the overview and the settings page, in the reader\'s language', async () => {
    const browser = await adminBrowser({ BROWSER_SANDBOX: 'off' });
    for (const path of ['/overview', '/settings']) {
      const page = await browser.get(path);
      expect(page.statusCode, path).toBe(200);
      expect(page.body, path).toMatch(new RegExp(`class="notice notice-warn"[^>]*>${escapeHtml(en['sandbox.offBanner']).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    expect((await browser.get('/settings')).body).toMatch(/Browser sandbox<\/dt>\s*<dd><span class="badge st-failed">Off<\/span>/);
    expect((await browser.get('/overview?lang=de')).body).toContain(escapeHtml(de['sandbox.offBanner']));
  });

  it('shows no banner while the sandbox is on, and says so on the settings page', async () => {
    const browser = await adminBrowser();
    expect((await browser.get('/overview')).body).not.toContain(escapeHtml(en['sandbox.offBanner']));
    const settings = (await browser.get('/settings')).body;
    expect(settings).not.toContain(escapeHtml(en['sandbox.offBanner']));
    expect(settings).toMatch(/Browser sandbox<\/dt>\s*<dd><span class="badge st-ok">On<\/span>/);
  });
});
