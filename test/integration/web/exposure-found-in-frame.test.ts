import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../../src/db/transaction.ts';
import { normalizeUrl } from '../../../src/shared/url.models.ts';
import { startWeb } from '../accounts/web-session.ts';
import { launchChromium } from '../../e2e/dashboard-harness.ts';

// Set to a folder to keep the rendered page for a look.
const SHOTS = process.env.EVIDENCE_SHOTS_DIR;
const profile = { names: ['Marie-Claire Dubois'], aliases: [], phones: ['+32 470 12 34 56'], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };

/** A page found inside another page (a frame of another site), not by an engine: its exposure page says so. */
describe('the exposure page of a page found in a frame of another site', () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  let framedHitId = '';
  let threadHitId = '';

  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
    const created = await browser.submit('/people', '/people', { label: 'Lola', language: 'en', schedule: '0 4 * * *', profile: JSON.stringify(profile) });
    const personId = /\/people\/(person_[a-z0-9]+)/.exec(created.headers.location!)![1]!;
    const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    const thread = 'https://forum.example/t/1';
    const paste = 'https://paste.example/p/8fk2a';
    await w.app.scans.recordSearch({ runId: run.id, personId, engine: 'duckduckgo', query: 'q', queryKind: 'name', outcome: 'ok', signal: null, durationMs: 0, results: [{ url: thread, title: 'A thread', snippet: 'a thread about her', normalizedUrl: normalizeUrl(thread) }] });
    await transaction(w.app.db, async () => await w.app.scans.addEmbeddedCandidates({ runId: run.id, personId, pages: [{ url: paste, normalizedUrl: normalizeUrl(paste) }], maxCandidates: 300 }));
    const upsert = async (url: string, reasons: string[]) => (await transaction(w.app.db, async () => await w.app.hits.upsert({
      personId, url, normalizedUrl: normalizeUrl(url), finalUrl: null, host: new URL(url).host, title: 'Paste', pageLanguage: 'en', severity: 'high',
      categories: ['phone'], linkage: true, reasons, scanRunId: run.id, matches: [{ kind: 'name', value: 'Marie-Claire Dubois' }, { kind: 'phone', value: '+32 470 12 34 56' }],
    }))).hit.id;
    threadHitId = await upsert(thread, ['Your phone number appears together with your name.', 'Shown in a frame from paste.example that this page embeds: name, phone number. That site holds it and can remove it at the source; it is checked as a page of its own.']);
    framedHitId = await upsert(paste, ['Your phone number appears together with your name.']);
  });
  afterAll(() => w?.close());

  it('says the page was found inside another page, in each language, and shows no empty search result', async () => {
    const expected = { en: 'Found inside another page', nl: 'Gevonden in een andere pagina', fr: 'Trouvée dans une autre page', de: 'In einer anderen Seite gefunden' };
    for (const [lang, heading] of Object.entries(expected)) {
      const body = (await browser.get(`/exposures/${framedHitId}?lang=${lang}`)).body;
      expect(body).toContain(heading);
    }
    const en = (await browser.get(`/exposures/${framedHitId}?lang=en`)).body;
    expect(en).not.toContain('What the search engine showed');
    expect(en).not.toContain('embedded');
    const thread = (await browser.get(`/exposures/${threadHitId}?lang=en`)).body;
    expect(thread).toContain('What the search engine showed');
    expect(thread).not.toContain('Found inside another page');
    expect(thread).toContain('Shown in a frame from paste.example that this page embeds');
  });

  it('shows both pages readably in Chromium', async () => {
    const address = await w.server.listen({ host: '127.0.0.1', port: 0 });
    const chromium = await launchChromium();
    try {
      const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([...browser.jar].map(([name, value]) => ({ name, value, url: address })));
      const tab = await context.newPage();
      for (const [name, id] of [['framed', framedHitId], ['thread', threadHitId]] as const) {
        await tab.goto(`${address}/exposures/${id}?lang=en`);
        const heading = tab.getByRole('heading', { name: name === 'framed' ? 'Found inside another page' : 'What the search engine showed' });
        expect(await heading.isVisible()).toBe(true);
        if (SHOTS) await tab.screenshot({ path: `${SHOTS}/exposure-${name}.png`, fullPage: true });
      }
    } finally {
      await chromium.close();
    }
  }, 60_000);
});
