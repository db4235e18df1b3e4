import { afterEach, describe, expect, it } from 'vitest';
import { startWeb } from './web-session.ts';
import { createTestAdmin } from '../../helpers/test-auth.ts';
import { buildServer } from '../../../src/web/server.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { createDashboardRouteModules } from '../../../src/web/dashboard/index.ts';
import { registerProfileRoutes } from '../../../src/modules/profiles/profiles.routes.ts';
import { registerHitRoutes } from '../../../src/modules/hits/hits.routes.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const profile = { names: ['Wiped Person Name'], aliases: ['wipealias'], phones: ['+32 470 99 88 77'], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };

async function seedHit(app: Awaited<ReturnType<typeof createTestApp>>, personId: string) {
  const run = (await app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
  const url = 'https://paste.example/p/1';
  return (await app.hits.upsert({ personId, url, normalizedUrl: url, finalUrl: null, host: 'paste.example', title: 'A paste', pageLanguage: 'en', severity: 'high', categories: ['phone'], linkage: false, reasons: ['x'], scanRunId: run.id, matches: [{ kind: 'phone', value: '+32470998877', found: '0470 99 88 77', reason: 'phone' }] })).hit;
}

describe('the audit log', () => {
  it('records viewing, revealing, exporting, login and logout with account and subject ids only', async () => {
    const w = await startWeb();
    cleanups.push(w.close);
    const browser = await w.setup();
    const created = await browser.submit('/people', '/people', { label: 'Lola', profile: JSON.stringify(profile) });
    const personId = created.headers.location!.split('/')[2]!.split('?')[0]!;
    const hit = await seedHit(w.app, personId);
    expect((await browser.get(`/exposures/${hit.id}`)).statusCode).toBe(200);
    expect((await browser.submit('/overview', `/exposures/${hit.id}/reveal`, {})).statusCode).toBe(303);
    expect((await browser.get(`/api/people/${personId}/profile.json`)).statusCode).toBe(200);
    await browser.submit('/overview', '/logout', {});
    const rows = w.app.db.$client.prepare('select action, subject_type, subject_id, account_id, detail from audit_log order by id').all() as { action: string; subject_type: string; subject_id: string; account_id: string | null; detail: string | null }[];
    expect(rows.map((r) => r.action)).toEqual(['setup', 'login', 'person_created', 'viewed', 'revealed', 'exported', 'logout']);
    expect(rows.find((r) => r.action === 'viewed')).toMatchObject({ subject_type: 'hit', subject_id: hit.id });
    expect(rows.find((r) => r.action === 'exported')).toMatchObject({ subject_type: 'person', subject_id: personId });
    expect(rows.every((r) => r.account_id !== null)).toBe(true);
    const text = JSON.stringify(rows);
    for (const secret of ['Lola', 'Wiped Person Name', '470', 'paste.example']) expect(text).not.toContain(secret);
  });

  it('shows the audit log to administrators through the API', async () => {
    const app = await createTestApp();
    const server = await buildServer(app);
    cleanups.push(async () => { await server.close(); await app.close(); });
    const admin = await createTestAdmin(app);
    await server.inject({ method: 'POST', url: '/api/people', headers: admin.headers, payload: { label: 'X', profile } });
    const entries = (await server.inject({ url: '/api/audit', headers: admin.headers })).json().entries as { action: string }[];
    expect(entries.map((e) => e.action)).toContain('person_created');
  });
});

describe('wiping everything about one person', () => {
  it('asks for the label, removes the evidence files through the vault hook and every row, and logs only ids', async () => {
    const wiped: string[] = [];
    const app = await createTestApp();
    app.routeModules = [registerProfileRoutes, registerHitRoutes, ...createDashboardRouteModules({ wipePersonEvidence: () => async (personId) => { wiped.push(personId); return { filesRemoved: 3 }; } })];
    const server = await buildServer(app);
    cleanups.push(async () => { await server.close(); await app.close(); });
    const admin = await createTestAdmin(app);
    const personId = (await server.inject({ method: 'POST', url: '/api/people', headers: admin.headers, payload: { label: 'Lola', profile } })).json().id as string;
    const hit = await seedHit(app, personId);
    await app.alerts.repository.insertAlert({ id: 'alert_w', personId, hitId: hit.id, kind: 'exposure', severity: 'high', detail: null, createdAt: app.clock.now() });
    await app.takedowns.cases.insert({ hitId: hit.id, status: 'new', recipient: null, bases: [], language: 'en', draftSubject: 's', draftBody: 'b' }, []);

    const refused = await server.inject({ method: 'POST', url: `/api/people/${personId}/wipe`, headers: admin.headers, payload: { confirmLabel: 'lola' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('people.wipe_not_confirmed');
    expect(wiped).toEqual([]);

    const done = await server.inject({ method: 'POST', url: `/api/people/${personId}/wipe`, headers: admin.headers, payload: { confirmLabel: 'Lola' } });
    expect(done.json()).toEqual({ wiped: true, filesRemoved: 3 });
    expect(wiped).toEqual([personId]);
    const sqlite = app.db.$client;
    for (const table of ['people', 'identifiers', 'hits', 'matches', 'alerts', 'takedown_cases', 'scan_runs']) {
      expect((sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n, table).toBe(0);
    }
    const entry = sqlite.prepare("select subject_type, subject_id, detail from audit_log where action = 'wiped'").get() as { subject_type: string; subject_id: string; detail: string };
    expect(entry).toMatchObject({ subject_type: 'person', subject_id: personId });
    expect(JSON.stringify(sqlite.prepare('select * from audit_log').all())).not.toMatch(/Lola|Wiped Person|470/);
    expect((await server.inject({ url: `/api/people/${personId}`, headers: admin.headers })).statusCode).toBe(404);
  });
});
