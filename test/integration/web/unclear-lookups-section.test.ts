import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../accounts/web-session.ts';
import { createImpersonationRepository } from '../../../src/modules/impersonation/impersonation.repository.ts';
import { launchChromium } from '../../e2e/dashboard-harness.ts';

// Set to a folder to keep the rendered section for a look.
const SHOTS = process.env.EVIDENCE_SHOTS_DIR;

const profile = { names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'], phones: [], emails: [], addresses: [], handles: ['@lola_v'], photos: [], ownUrls: [] };

describe('the exposures page lists profile lookups that could not tell', () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  let personId: string;
  let checks: ReturnType<typeof createImpersonationRepository>;

  /** A finished scan run whose lookups ended as given. */
  type Probe = { handle: string; identifier: string; source: 'handle' | 'alias' };
  async function finishedRun(ends: { siteId: string; url: string; status: 'unknown' | 'absent' | 'lookalike'; reason: string; probe?: Probe }[], at: number) {
    const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    w.app.db.$client.prepare("update scan_runs set status = 'succeeded', created_at = ?, finished_at = ? where id = ?").run(at, at + 60_000, run.id);
    const ids = await checks.plan({ scanRunId: run.id, personId, listVersion: '2026-11-01', probes: ends.map((e) => ({ siteId: e.siteId, url: e.url, ...(e.probe ?? { handle: 'lola_v', identifier: '@lola_v', source: 'handle' as const }) })) });
    for (const [i, e] of ends.entries()) await checks.settle({ id: ids[i]!, status: e.status, reason: e.reason, httpStatus: null });
    return run;
  }

  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
    const created = await browser.submit('/people', '/people', { label: 'Lola', language: 'en', schedule: '0 4 * * *', profile: JSON.stringify(profile) });
    personId = /\/people\/(person_[a-z0-9]+)/.exec(created.headers.location!)![1]!;
    checks = createImpersonationRepository({ db: w.app.db, clock: w.app.clock, cipher: w.app.cipher, scans: w.app.scans });
    // An older scan's unclear lookup: the newest finished scan is what the person is told about.
    await finishedRun([{ siteId: 'oldsite', url: 'https://old-site.example/lola_v', status: 'unknown', reason: 'http_429' }], Date.parse('2026-11-20T10:00:00Z'));
    await finishedRun([
      { siteId: 'fotogram', url: 'https://fotogram.example/u/lola_v?ref=<script>alert(1)</script>', status: 'unknown', reason: 'http_429' },
      { siteId: 'datr', url: 'https://datr.example/profile/lola_v', status: 'unknown', reason: 'http_503' },
      { siteId: 'chirp', url: 'https://chirp.example/lola_v', status: 'absent', reason: 'absent_signal' },
      { siteId: 'velvet', url: 'https://velvet.example/lola_v', status: 'lookalike', reason: 'other_account' },
      { siteId: 'matchme', url: 'https://matchme.example/lola_velvet', status: 'unknown', reason: 'timeout', probe: { handle: 'lola_velvet', identifier: 'Lola Velvet', source: 'alias' } },
    ], Date.parse('2026-11-21T10:00:00Z'));
  });
  afterAll(() => w?.close());

  it('names each site and why it could not tell, without the profile address', async () => {
    const en = (await browser.get('/exposures?lang=en')).body;
    expect(en).toContain('Profile lookups that could not tell');
    expect(en).toContain('fotogram.example');
    expect(en).toContain('The site refused too many requests (rate limit)');
    expect(en).toContain('datr.example');
    expect(en).toContain('The site had a server error');
    expect(en).toContain('@lola_v');
    expect(en).not.toContain('/u/lola_v');
    expect(en).not.toContain('<script>alert(1)');
  });

  it('names the handle form asked for an alias, with the alias beside it', async () => {
    const en = (await browser.get('/exposures?lang=en')).body;
    expect(en).toContain('lola_velvet (Lola Velvet)');
  });

  it('lists only the lookups of the newest finished scan that could not tell', async () => {
    const en = (await browser.get('/exposures?lang=en')).body;
    expect(en).not.toContain('old-site.example');
    expect(en).not.toContain('chirp.example');
    expect(en).not.toContain('velvet.example');
  });

  it('says it in the reader\'s language', async () => {
    expect((await browser.get('/exposures?lang=fr')).body).toContain('Recherches de profils sans réponse claire');
    expect((await browser.get('/exposures?lang=de')).body).toContain('Die Seite hatte einen Serverfehler');
    expect((await browser.get('/exposures?lang=nl')).body).toContain('De site weigerde te veel verzoeken (limiet)');
  });

  it('shows the section readable on a phone, in Chromium', async () => {
    const address = await w.server.listen({ host: '127.0.0.1', port: 0 });
    const chromium = await launchChromium();
    try {
      const context = await chromium.newContext({ viewport: { width: 390, height: 844 } });
      await context.addCookies([...browser.jar].map(([name, value]) => ({ name, value, url: address })));
      const tab = await context.newPage();
      await tab.goto(`${address}/exposures?lang=en`);
      const section = tab.locator('section[aria-labelledby="lookups-heading"]');
      await section.scrollIntoViewIfNeeded();
      expect(await section.isVisible()).toBe(true);
      // Cells stack on a phone (responsive table): each reason is shown in full, not cut off.
      const reason = tab.getByText('The site refused too many requests (rate limit)');
      const box = (await reason.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      if (SHOTS) await section.screenshot({ path: `${SHOTS}/unclear-lookups-phone.png` });
    } finally {
      await chromium.close();
    }
  }, 60_000);

  it('no longer lists them once a newer scan could tell', async () => {
    await finishedRun([{ siteId: 'fotogram', url: 'https://fotogram.example/u/lola_v', status: 'absent', reason: 'absent_signal' }], Date.parse('2026-11-22T09:00:00Z'));
    expect((await browser.get('/exposures?lang=en')).body).not.toContain('Profile lookups that could not tell');
  });
});
