import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, csrfOf, startWeb } from './web-session.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { runCli } from '../../../src/cli/main.ts';
import { openDatabase, closeDatabase } from '../../../src/db/client.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { captureIo } from '../../helpers/cli-io.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function web() {
  const w = await startWeb();
  cleanups.push(w.close);
  return w;
}

describe('first start', () => {
  it('sends every page to /setup and closes the API until the first administrator exists', async () => {
    const { server } = await web();
    for (const url of ['/', '/overview', '/people', '/exposures', '/settings', '/login']) {
      const res = await server.inject({ url });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toMatch(/^\/(setup|overview)$/);
    }
    expect((await server.inject({ url: '/overview' })).headers.location).toBe('/setup');
    const api = await server.inject({ url: '/api/people' });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('auth.setup_required');
    expect((await server.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('creates the organisation and an administrator whose password is stored as an argon2id hash, then logs them in', async () => {
    const w = await web();
    const browser = await w.setup();
    const row = w.app.db.$client.prepare('select email, role, password_hash, organisation_id from accounts').get() as { email: string; role: string; password_hash: string; organisation_id: string };
    expect(row).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row.password_hash).not.toContain(ADMIN.password);
    expect((w.app.db.$client.prepare('select name from organisations where id = ?').get(row.organisation_id) as { name: string }).name).toBe('Safe Harbour');
    const overview = await browser.get('/overview');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Overview');
  });

  it('keeps people added before setup (the demo person, the CLI) in the new organisation', async () => {
    const w = await web();
    const organisationId = await w.app.profiles.ensureDefaultOrganisation();
    const parsed = parseProfile({ names: ['Early Person'] }, { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('profile');
    const personId = await w.app.profiles.createPerson({ organisationId, label: 'Added before setup', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
    const browser = await w.setup();
    expect((await browser.get('/people')).body).toContain('Added before setup');
    expect((await browser.get(`/people/${personId}`)).statusCode).toBe(200);
  });

  it('refuses a short password, different passwords and a second setup', async () => {
    const w = await web();
    const browser = w.browser();
    const short = await browser.submit('/setup', '/setup', { organisationName: 'X', email: ADMIN.email, password: 'short', password2: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('at least 12 characters');
    const differ = await browser.submit('/setup', '/setup', { organisationName: 'X', email: ADMIN.email, password: ADMIN.password, password2: `${ADMIN.password}!` });
    expect(differ.statusCode).toBe(400);
    expect(w.app.db.$client.prepare('select count(*) n from accounts').get()).toEqual({ n: 0 });
    await w.setup();
    const again = await w.server.inject({ method: 'POST', url: '/api/setup', payload: { organisationName: 'Y', email: 'other@example.org', password: ADMIN.password } });
    expect(again.statusCode).toBe(409);
    expect((await w.server.inject({ url: '/setup' })).headers.location).toBe('/login');
    expect(w.app.db.$client.prepare('select count(*) n from accounts').get()).toEqual({ n: 1 });
  });

  it('refuses a setup form posted without the token of the setup page (cross-site)', async () => {
    const w = await web();
    const browser = w.browser();
    const res = await browser.submit('/setup', '/setup', { organisationName: 'X', email: ADMIN.email, password: ADMIN.password, password2: ADMIN.password }, { csrf: 'forged-token-value-1234567890' });
    expect(res.statusCode).toBe(403);
    expect(w.app.db.$client.prepare('select count(*) n from accounts').get()).toEqual({ n: 0 });
  });

  it('creates the first administrator from the command line, the password read from standard input', async () => {
    const dataDir = makeTempDir();
    const io = captureIo({ DATA_DIR: dataDir });
    const stdin = new PassThrough();
    stdin.end('correct horse battery staple\n');
    const code = await runCli(['create-admin', '--email', 'Cli@Example.org', '--password-stdin', '--json'], Object.assign(io, { stdin }));
    expect(code, io.err()).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ email: 'cli@example.org' });
    expect(io.out()).not.toContain('correct horse');
    const db = openDatabase(`${dataDir}/exposure-scanner.sqlite`);
    const row = db.$client.prepare('select role, password_hash from accounts').get() as { role: string; password_hash: string };
    closeDatabase(db);
    expect(row.role).toBe('admin');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const generated = captureIo({ DATA_DIR: dataDir });
    expect(await runCli(['create-admin', '--email', 'second@example.org', '--json'], generated)).toBe(0);
    expect(JSON.parse(generated.out()).password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('shows the setup and login forms with a token bound to a cookie', async () => {
    const w = await web();
    const res = await w.server.inject({ url: '/setup' });
    expect(csrfOf(res.body).length).toBeGreaterThan(20);
    expect(String(res.headers['set-cookie'])).toMatch(/es_presession=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
  });
});
