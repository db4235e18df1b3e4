import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeTempDir } from '../../helpers/test-app.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { buildServer } from '../../../src/web/server.ts';
import { ADMIN, createBrowser } from '../accounts/web-session.ts';
import { createTestAccount } from '../../helpers/test-auth.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';

/**
 * The dashboard keeps what it read (people, list pages, the person choice, exposure pages) until the
 * database changes. A worker is another process: these tests write through a second connection to the same
 * file, as it would, and expect the very next request to show the change.
 */
describe('dashboard pages kept until the database changes', async () => {
  const file = path.join(makeTempDir('es-kept-'), 'db.sqlite');
  const app = await createTestApp({ db: openDatabase(file) });
  let server: Awaited<ReturnType<typeof buildServer>>;
  let browser: ReturnType<typeof createBrowser>;
  let worker: Database.Database;
  const people: string[] = [];
  const hits: string[] = [];
  let organisationId = '';
  const listedIds = (html: string): string[] => [...html.matchAll(/<h2 class="exposure-title"><a href="\/exposures\/(hit_[a-z0-9]+)">/g)].map((m) => m[1]!);
  const personOptions = (html: string): string[] => [...(/<select id="f-personId"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '').matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!);

  beforeAll(async () => {
    server = await buildServer(app);
    browser = createBrowser(server);
    const res = await browser.submit('/setup', '/setup', { organisationName: 'Safe Harbour', email: ADMIN.email, password: ADMIN.password, password2: ADMIN.password, language: 'en' });
    expect(res.statusCode).toBe(303);
    organisationId = app.db.$client.prepare('select id from organisations limit 1').pluck().get() as string;
    const parsed = parseProfile({ names: ['Robin Peeters'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('profile');
    for (const label of ['Ada', 'Bo', 'Cas']) {
      const personId = await app.profiles.createPerson({ organisationId, label, language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
      people.push(personId);
      const run = (await app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
      const url = `https://forum.example/t/${label}`;
      hits.push((await app.hits.upsert({ personId, url, normalizedUrl: url, finalUrl: null, host: 'forum.example', title: `Thread ${label}`, pageLanguage: 'en', severity: 'high', categories: ['phone'], linkage: false, reasons: [], scanRunId: run.id, matches: [{ kind: 'name', value: 'Robin Peeters' }] })).hit.id);
    }
    worker = new Database(file);
  });
  afterAll(async () => {
    worker?.close();
    await server?.close();
    await app.close();
  });

  it('shows on the next request a status another process changed, on the list and on the exposure page', async () => {
    const before = await browser.get(`/exposures/${hits[0]}`);
    expect(before.body).toContain('badge st-new');
    expect((await browser.get('/exposures')).body).not.toContain('badge st-resolved');
    worker.prepare("update hits set status = 'resolved' where id = ?").run(hits[0]);
    expect((await browser.get(`/exposures/${hits[0]}`)).body).toContain('badge st-resolved');
    expect((await browser.get('/exposures')).body).toContain('badge st-resolved');
  });

  it('drops from the list and from the person choice someone another process moved out of the organisation', async () => {
    const first = await browser.get('/exposures');
    expect(listedIds(first.body).sort()).toEqual([...hits].sort());
    expect(personOptions(first.body)).toEqual(['', ...people]);
    expect((await browser.get('/overview')).body).toContain(`/people/${people[2]}`);
    worker.prepare("insert into organisations (id, name, created_at) values ('org_elsewhere', 'Elsewhere', 0)").run();
    worker.prepare("update people set organisation_id = 'org_elsewhere' where id = ?").run(people[2]);
    const after = await browser.get('/exposures');
    expect(listedIds(after.body).sort()).toEqual(hits.slice(0, 2).sort());
    expect(personOptions(after.body)).toEqual(['', ...people.slice(0, 2)]);
    expect((await browser.get('/overview')).body).not.toContain(`/people/${people[2]}`);
  });

  it('marks the chosen person in the kept choice of people, and only that one', async () => {
    const chosen = (await browser.get(`/exposures?personId=${people[1]}`)).body;
    expect(chosen).toContain(`<option value="${people[1]}" selected>`);
    expect(chosen).not.toContain(`<option value="${people[0]}" selected>`);
    expect(listedIds(chosen)).toEqual([hits[1]]);
    const all = (await browser.get('/exposures')).body;
    expect(all).not.toMatch(/<option value="person_[a-z0-9]+" selected>/);
  });

  it('gives a caseworker only their assigned person\'s exposures, after an administrator\'s list of everyone was kept', async () => {
    expect(listedIds((await browser.get('/exposures')).body).length).toBeGreaterThan(1);
    const caseworker = await createTestAccount(app, { role: 'caseworker', organisationId, assign: [people[1]!] });
    const own = await server.inject({ url: '/exposures', headers: caseworker.headers });
    expect(own.statusCode).toBe(200);
    expect(listedIds(own.body)).toEqual([hits[1]]);
    expect(personOptions(own.body)).toEqual([]);
    expect((await server.inject({ url: `/exposures/${hits[0]}`, headers: caseworker.headers })).statusCode).toBe(404);
    expect((await server.inject({ url: `/exposures/${hits[1]}`, headers: caseworker.headers })).statusCode).toBe(200);
  });
});
