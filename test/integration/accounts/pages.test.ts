import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from './web-session.ts';
import { createTestAccount } from '../../helpers/test-auth.ts';

const profile = { names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'], phones: ['+32 470 12 34 56'], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };
const HOSTILE_TITLE = 'Lola <script>window.__pwned=1</script><img src=x onerror=alert(1)>';

describe('the dashboard pages', () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  let personId: string;
  let hitId: string;

  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
    const created = await browser.submit('/people', '/people', { label: 'Lola', language: 'fr', schedule: '0 4 * * *', profile: JSON.stringify(profile) });
    expect(created.statusCode).toBe(303);
    personId = /\/people\/(person_[a-z0-9]+)/.exec(created.headers.location!)![1]!;
    const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    const url = 'javascript:alert(document.cookie)//https://evil.example/';
    hitId = (await w.app.hits.upsert({
      personId, url, normalizedUrl: 'https://evil.example/', finalUrl: null, host: 'evil.example', title: HOSTILE_TITLE, pageLanguage: 'en',
      severity: 'critical', categories: ['phone', 'home_address'], linkage: true, reasons: ['<b>bold</b> reason'], scanRunId: run.id,
      matches: [{ kind: 'photo', value: 'photo"><svg onload=alert(2)>.jpg', imageUrl: 'javascript:alert(3)', distance: 4, reason: 'photo' }],
    })).hit.id;
    await w.app.takedowns.cases.insert({ hitId, status: 'new', recipient: { kind: 'email', address: 'abuse@evil.example', confidence: 'high' }, bases: ['gdpr_art17'], language: 'en', draftSubject: 'Removal request', draftBody: 'Please remove the page.' }, [{ kind: 'opened', actor: 'system', detail: {} }]);
  });
  afterAll(() => w?.close());

  it('hides the title of a page about intimate images in lists, and shows it only on its own page', async () => {
    const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    const intimate = (await w.app.hits.upsert({
      personId, url: 'https://tube.example/v/1', normalizedUrl: 'https://tube.example/v/1', finalUrl: null, host: 'tube.example', title: 'Lola leaked nude tape',
      pageLanguage: 'en', severity: 'critical', categories: ['intimate_media'], linkage: false, reasons: [], scanRunId: run.id, matches: [{ kind: 'alias', value: 'Lola Velvet' }],
    })).hit;
    for (const path of ['/overview', '/exposures']) {
      const page = await browser.get(path);
      expect(page.body, path).not.toContain('leaked nude tape');
      expect(page.body, path).toContain('Intimate images on tube.example');
    }
    expect((await browser.get(`/exposures/${intimate.id}`)).body).toContain('Lola leaked nude tape');
    w.app.db.$client.prepare('delete from hits where id = ?').run(intimate.id);
  });

  it('adds a person from a pasted profile and shows what is watched for', async () => {
    const page = await browser.get(`/people/${personId}?done=person_added`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The person was added.');
    expect(page.body).toContain('Marie-Claire Dubois');
    expect(page.body).toContain('+32 470 12 34 56');
    expect(page.body).toContain('value="0 4 * * *"');
  });

  it('explains a bad profile without losing what was pasted', async () => {
    const res = await browser.submit('/people', '/people', { label: 'Bad', profile: '{"names": ["A B"], "phones": ["12"]}' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('phones[0]');
    expect(res.body).toContain('&quot;phones&quot;: [&quot;12&quot;]');
    expect((await w.app.profiles.listPeople()).map((p) => p.label)).toEqual(['Lola']);
  });

  it('validates a new schedule and saves a good one', async () => {
    const bad = await browser.submit(`/people/${personId}`, `/people/${personId}/schedule`, { schedule: '99 * * * *', enabled: 'true' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('This is not a valid schedule');
    const good = await browser.submit(`/people/${personId}`, `/people/${personId}/schedule`, { schedule: '30 5 * * 1' });
    expect(good.statusCode).toBe(303);
    expect(await w.app.profiles.getPerson(personId)).toMatchObject({ scheduleCron: '30 5 * * 1', scheduleEnabled: false, nextScanAt: null });
  });

  it('shows page content from scanned pages as text, and links only plain web addresses', async () => {
    for (const url of ['/overview', '/exposures', `/exposures/${hitId}`]) {
      const html = (await browser.get(url)).body;
      expect(html, url).not.toContain('<script>window.__pwned');
      expect(html, url).not.toContain('<img src=x');
      expect(html, url).not.toContain('<svg onload');
      expect(html, url).not.toMatch(/href="\s*javascript:/i);
    }
    const detail = (await browser.get(`/exposures/${hitId}`)).body;
    expect(detail).toContain('Lola &lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(detail).toContain('<span class="url">javascript:alert(document.cookie)//https://evil.example/</span>');
    expect(detail).toContain('&lt;b&gt;bold&lt;/b&gt; reason');
  });

  it('shows the drafted takedown with a copy button, a mailto link and a send form only when mail can be sent', async () => {
    const html = (await browser.get(`/exposures/${hitId}`)).body;
    expect(html).toMatch(/<textarea id="draft-text" rows="14" readonly[^>]*>Removal request\n\nPlease remove the page\.<\/textarea>/);
    expect(html).toContain('data-copy-target="draft-text"');
    // The legal basis is named as a person reads it, not by its internal id.
    expect(html).toContain('GDPR Article 17 erasure request');
    expect(html).not.toContain('gdpr_art17');
    expect(html).toMatch(/href="mailto:abuse@evil\.example\?subject=Removal%20request&amp;body=/);
    expect(html).toContain('Sending from here needs a mail server');
    expect(html).not.toContain(`action="/exposures/${hitId}/send"`);
  });

  it('marks an exposure as a false positive through the page', async () => {
    const res = await browser.submit(`/exposures/${hitId}`, `/exposures/${hitId}/status`, { status: 'false_positive' });
    expect(res.statusCode).toBe(303);
    expect((await w.app.hits.get(hitId))!.status).toBe('false_positive');
    expect((await w.app.takedowns.cases.getByHit(hitId))!.status).toBe('false_positive');
    const filtered = (await browser.get('/exposures?status=false_positive')).body;
    expect(filtered).toContain(`/exposures/${hitId}`);
    expect((await browser.get('/exposures?status=new')).body).not.toContain(`/exposures/${hitId}"`);
  });

  it('starts a scan from the person page and shows its live progress with a script and a no-script refresh', async () => {
    const res = await browser.submit(`/people/${personId}`, `/people/${personId}/scan`, {});
    expect(res.statusCode).toBe(303);
    const scanPage = await browser.get(res.headers.location!);
    expect(scanPage.body).toContain('<noscript><meta http-equiv="refresh" content="5"></noscript>');
    expect(scanPage.body).toMatch(/data-scan-poll="\/api\/scans\/scan_[a-z0-9]+"/);
    expect(scanPage.body).toContain('aria-live="polite"');
    expect((await browser.get('/scans')).body).toContain('Running now');
  });

  it('speaks the language chosen with ?lang=, remembered in a cookie, and otherwise the account\'s own', async () => {
    const nl = await browser.get('/overview?lang=nl');
    expect(nl.body).toContain('<html lang="nl">');
    expect(nl.body).toContain('Nieuwe blootstellingen');
    expect(String(nl.headers['set-cookie'])).toContain('es_lang=nl');
    expect((await browser.get('/exposures')).body).toContain('Blootstellingen');
    const german = await createTestAccount(w.app, { role: 'admin', organisationId: await w.app.profiles.ensureDefaultOrganisation() });
    w.app.db.$client.prepare('update accounts set language = ? where id = ?').run('de', german.accountId);
    const sessions = await w.server.accountsDeps.sessions.create(german.accountId, 3_600_000);
    const de = await w.server.inject({ url: '/overview', headers: { cookie: `es_session=${sessions.token}` } });
    expect(de.body).toContain('<html lang="de">');
    expect(de.body).toContain('Neue Funde');
    await browser.get('/overview?lang=en');
  });

  it('records reverse-image consent per photo and engine, and only for photos whose original is kept', async () => {
    const insert = w.app.db.$client.prepare('insert into photos (id, person_id, label, sha256, pdq, quality, blockhash, width, height, original_ref, created_at) values (?, ?, ?, ?, ?, 90, ?, 10, 10, ?, ?)');
    insert.run('photo_kept', personId, 'kept.jpg', 'a'.repeat(64), '0'.repeat(64), '0'.repeat(64), 'b'.repeat(64), Date.now());
    insert.run('photo_hashonly', personId, 'hashes-only.jpg', 'c'.repeat(64), '0'.repeat(64), '0'.repeat(64), null, Date.now());
    const page = (await browser.get(`/people/${personId}`)).body;
    expect(page).toContain('kept.jpg');
    expect(page).toMatch(/id="c-photo_hashonly-tineye" name="engines" value="tineye" disabled/);
    const saved = await browser.submit(`/people/${personId}`, `/people/${personId}/photos/photo_kept/consent`, { engines: 'tineye' });
    expect(saved.statusCode).toBe(303);
    const consents = () => (w.app.db.$client.prepare("select engine from reverse_image_consents where photo_id = 'photo_kept' and revoked_at is null order by engine").all() as { engine: string }[]).map((r) => r.engine);
    expect(consents()).toEqual(['tineye']);
    await browser.submit(`/people/${personId}`, `/people/${personId}/photos/photo_kept/consent`, {});
    expect(consents()).toEqual([]);
    const refused = await browser.submit(`/people/${personId}`, `/people/${personId}/photos/photo_hashonly/consent`, { engines: 'tineye' });
    expect(refused.statusCode).toBe(400);
    expect(w.app.db.$client.prepare("select count(*) n from reverse_image_consents where photo_id = 'photo_hashonly'").get()).toEqual({ n: 0 });
  });

  it('gives a person account a navigation without people lists or settings', async () => {
    const person = await createTestAccount(w.app, { role: 'person', personId });
    const session = await w.server.accountsDeps.sessions.create(person.accountId, 3_600_000);
    const html = (await w.server.inject({ url: '/overview', headers: { cookie: `es_session=${session.token}` } })).body;
    expect(html).toContain(`href="/people/${personId}"`);
    expect(html).not.toContain('href="/settings"');
    expect(html).not.toContain('href="/people"');
  });

  it('draws the exposures timeline as an SVG without script or inline style', async () => {
    const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    await w.app.hits.upsert({ personId, url: 'https://forum.example/t/1', normalizedUrl: 'https://forum.example/t/1', finalUrl: null, host: 'forum.example', title: 'A thread', pageLanguage: 'en', severity: 'medium', categories: [], linkage: false, reasons: [], scanRunId: run.id, matches: [] });
    const html = (await browser.get('/overview')).body;
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/<rect class="bar"/);
    expect(svg).not.toMatch(/style=|<script/);
  });
});
