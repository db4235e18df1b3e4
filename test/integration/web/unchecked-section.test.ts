import { transaction } from '../../../src/db/transaction.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../accounts/web-session.ts';

const profile = { names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'], phones: ['+32 470 12 34 56'], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };

describe('the exposures page lists pages that could not be checked', () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  let personId: string;

  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
    const created = await browser.submit('/people', '/people', { label: 'Lola', language: 'fr', schedule: '0 4 * * *', profile: JSON.stringify(profile) });
    personId = /\/people\/(person_[a-z0-9]+)/.exec(created.headers.location!)![1]!;
    const record = async (url: string, reason: 'http_403' | 'login_wall', nextRetryAt: Date | null) => await w.app.pipeline.uncheckedPages.record({
      personId, url, normalizedUrl: url, host: new URL(url).host, reason, httpStatus: reason === 'http_403' ? 403 : 200, path: 'browser', scanRunId: null, nextRetryAt,
    });
    await record('https://members-board.example/profile/lv-2291?ref=<script>alert(1)</script>', 'http_403', new Date(Date.now() + 3_600_000));
    const walled = await record('https://fans.example/vip/lolavelvet_vip', 'login_wall', new Date());
    // Out of automatic tries: still listed, never dropped.
    for (let i = 0; i < 4; i++) await w.app.pipeline.uncheckedPages.recordRetry(walled.id, { reason: 'login_wall', httpStatus: 200, path: 'plain', nextRetryAt: i < 3 ? new Date() : null });
    const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    await transaction(w.app.db, async () => await w.app.hits.upsert({
      personId, url: 'https://members-board.example/profile/lv-2291', normalizedUrl: 'https://members-board.example/profile/lv-2291', finalUrl: null, host: 'members-board.example',
      title: 'Lola Velvet - Members Board', pageLanguage: null, severity: 'high', categories: ['phone'], linkage: true, reasons: ['Seen in search results'], scanRunId: run.id, source: 'snippet',
      matches: [{ kind: 'alias', value: 'Lola Velvet' }],
    }));
  });
  afterAll(() => w?.close());

  it('names each site and the reason in the reader\'s language, without the page address', async () => {
    const en = await browser.get('/exposures?lang=en');
    expect(en.body).toContain('Could not check');
    expect(en.body).toContain('members-board.example');
    expect(en.body).toContain('The site refused access (HTTP 403)');
    expect(en.body).toContain('Behind a login');
    expect(en.body).toContain('No more automatic tries');
    expect(en.body).not.toContain('lv-2291?ref');
    expect(en.body).not.toContain('<script>alert(1)');
    const fr = await browser.get('/exposures?lang=fr');
    expect(fr.body).toContain('Vérification impossible');
    expect(fr.body).toContain('Le site a refusé l&#39;accès (HTTP 403)');
    const de = await browser.get('/exposures?lang=de');
    expect(de.body).toContain('Nur nach Anmeldung');
    const nl = await browser.get('/exposures?lang=nl');
    expect(nl.body).toContain('Alleen na inloggen');
  });

  it('marks a hit seen only in search results', async () => {
    const page = await browser.get('/exposures?lang=en');
    expect(page.body).toContain('Seen in search results');
  });
});
