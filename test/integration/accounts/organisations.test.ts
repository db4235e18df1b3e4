import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { openDatabase, closeDatabase } from '../../../src/db/client.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { buildAccessWorld, type AccessWorld } from './access-world.ts';

async function cli(dataDir: string, args: string[], password?: string) {
  const io = captureIo({ DATA_DIR: dataDir });
  if (password !== undefined) {
    const stdin = new PassThrough();
    stdin.end(`${password}\n`);
    Object.assign(io, { stdin });
  }
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('several organisations from the command line', () => {
  it('creates organisations with their first administrators, and create-admin joins the one named by handle or id', async () => {
    const dataDir = makeTempDir();
    const first = await cli(dataDir, ['create-organisation', '--name', 'Safe Harbour', '--admin-email', 'Boss@Harbour.example', '--password-stdin', '--json'], 'harbour password long');
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ name: 'Safe Harbour', slug: 'safe-harbour', email: 'boss@harbour.example' });
    expect(first.out).not.toContain('harbour password long');
    const second = await cli(dataDir, ['create-organisation', '--name', 'Night Line', '--admin-email', 'lead@night.example', '--json']);
    expect(second.code, second.err).toBe(0);
    const night = JSON.parse(second.out) as { organisationId: string; password: string };
    expect(night.password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    // With two organisations, an administrator without --organisation would land in a guessed one.
    const unnamed = await cli(dataDir, ['create-admin', '--email', 'who@example.org', '--json']);
    expect(unnamed.code).toBe(65);
    expect(unnamed.err).toContain('organisations.choose');
    expect(unnamed.err).toContain('safe-harbour, night-line');
    const unknown = await cli(dataDir, ['create-admin', '--email', 'who@example.org', '--organisation', 'nowhere']);
    expect(unknown.code).toBe(65);
    expect(unknown.err).toContain('organisations.not_found');

    const byHandle = await cli(dataDir, ['create-admin', '--email', 'second@night.example', '--organisation', 'night-line', '--json']);
    expect(byHandle.code, byHandle.err).toBe(0);
    expect(JSON.parse(byHandle.out).organisationId).toBe(night.organisationId);
    const byId = await cli(dataDir, ['create-admin', '--email', 'third@night.example', '--organisation', night.organisationId, '--json']);
    expect(JSON.parse(byId.out).organisationId).toBe(night.organisationId);

    const db = openDatabase(`${dataDir}/exposure-scanner.sqlite`);
    const rows = db.$client.prepare('select o.name, count(a.id) n from organisations o join accounts a on a.organisation_id = o.id where a.role = ? group by o.id order by o.name').all('admin');
    closeDatabase(db);
    expect(rows).toEqual([{ name: 'Night Line', n: 3 }, { name: 'Safe Harbour', n: 1 }]);
  });

  it('refuses a second organisation whose name reads the same, and an administrator email already in use, changing nothing', async () => {
    const dataDir = makeTempDir();
    expect((await cli(dataDir, ['create-organisation', '--name', 'Safe Harbour', '--admin-email', 'a@harbour.example'])).code).toBe(0);
    const sameName = await cli(dataDir, ['create-organisation', '--name', 'safe  harbour!', '--admin-email', 'b@harbour.example']);
    expect(sameName.code).toBe(65);
    expect(sameName.err).toContain('organisations.name_taken');
    const sameEmail = await cli(dataDir, ['create-organisation', '--name', 'Other', '--admin-email', 'A@harbour.example']);
    expect(sameEmail.code).toBe(65);
    expect(sameEmail.err).toContain('accounts.email_taken');
    const db = openDatabase(`${dataDir}/exposure-scanner.sqlite`);
    expect(db.$client.prepare('select count(*) n from organisations').get()).toEqual({ n: 1 });
    closeDatabase(db);
  });

  it('keeps create-admin as it was on an installation with one organisation: --organisation names it the first time, later admins join it', async () => {
    const dataDir = makeTempDir();
    expect((await cli(dataDir, ['create-admin', '--email', 'first@example.org', '--organisation', 'Kitchen Table Collective'])).code).toBe(0);
    const later = await cli(dataDir, ['create-admin', '--email', 'later@example.org', '--json']);
    expect(later.code, later.err).toBe(0);
    const db = openDatabase(`${dataDir}/exposure-scanner.sqlite`);
    expect(db.$client.prepare('select name from organisations').all()).toEqual([{ name: 'Kitchen Table Collective' }]);
    closeDatabase(db);
  });
});

describe('the operator\'s organisations page', () => {
  let world: AccessWorld;
  beforeAll(async () => {
    world = await buildAccessWorld();
  });
  afterAll(() => world?.close());
  const actor = (name: string) => world.actors.find((a) => a.name === name)!;
  const personSecrets = () => world.people.flatMap((p) => [p.label, p.ids.person, p.ids.hit, `Title of ${p.key}`]);

  it('lists every organisation with counts only, to the operator and nobody else', async () => {
    const operator = actor('AdminA');
    const res = await world.server.inject({ url: '/operator/organisations', headers: { cookie: operator.session.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Organisation A');
    expect(res.body).toContain('organisation-b');
    expect(personSecrets().filter((s) => res.body.includes(s))).toEqual([]);
    expect((await world.server.inject({ url: '/overview', headers: { cookie: operator.session.cookie } })).body).toContain('href="/operator/organisations"');
    for (const other of world.actors.filter((a) => a !== operator)) {
      expect((await world.server.inject({ url: '/operator/organisations', headers: { cookie: other.session.cookie } })).statusCode, other.name).toBe(403);
      expect((await world.server.inject({ url: '/overview', headers: { cookie: other.session.cookie } })).body, other.name).not.toContain('/operator/organisations');
    }
  });

  it('creates an organisation whose administrator can log in and sees none of the other organisations\' people', async () => {
    const operator = actor('AdminA');
    const form = new URLSearchParams({ _csrf: operator.session.csrf, name: 'Organisation C', adminEmail: 'admin@org-c.example' }).toString();
    const res = await world.server.inject({ method: 'POST', url: '/operator/organisations', headers: { cookie: operator.session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
    expect(res.statusCode).toBe(200);
    const password = /id="new-password"[^>]*value="([^"]+)"/.exec(res.body)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const login = await world.server.inject({ method: 'POST', url: '/api/session', payload: { email: 'admin@org-c.example', password } });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = String(login.headers['set-cookie']).match(/es_session=[^;]+/)![0];
    for (const url of ['/api/people', '/api/hits', '/api/scans', '/api/alerts', '/api/accounts', '/api/audit', '/people', '/exposures', '/settings']) {
      const page = await world.server.inject({ url, headers: { cookie } });
      expect(page.statusCode, url).toBe(200);
      expect(personSecrets().filter((s) => page.body.includes(s)), url).toEqual([]);
    }
    expect((await world.server.inject({ url: '/operator/organisations', headers: { cookie } })).statusCode).toBe(403);
    const audit = world.app.db.$client.prepare("select organisation_id from audit_log where action = 'organisation_created'").all();
    expect(audit).toEqual([{ organisation_id: world.orgs.A }]);
  });

  it('refuses a form from another administrator and a name already taken, creating nothing', async () => {
    const adminB = actor('AdminB');
    const form = (a: typeof adminB, name: string) => ({ method: 'POST' as const, url: '/operator/organisations', headers: { cookie: a.session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: a.session.csrf, name, adminEmail: `x${name.length}@example.org` }).toString() });
    expect((await world.server.inject(form(adminB, 'Organisation D'))).statusCode).toBe(403);
    const taken = await world.server.inject(form(actor('AdminA'), 'organisation b'));
    expect(taken.statusCode).toBe(400);
    expect(world.app.db.$client.prepare("select count(*) n from organisations where name in ('Organisation D', 'organisation b')").get()).toEqual({ n: 0 });
  });
});
