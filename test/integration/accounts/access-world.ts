import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createTestApp } from '../../helpers/test-app.ts';
import { buildServer } from '../../../src/web/server.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { createId } from '../../../src/shared/ids.ts';
import type { Role } from '../../../src/modules/accounts/accounts.models.ts';
import { NO_PASSWORD } from '../../../src/modules/accounts/passwords.ts';
import type { ResourceKind } from '../../../src/modules/accounts/ownership.repository.ts';
import { createOrganisationWithAdmin } from '../../../src/modules/accounts/organisations.usecases.ts';

export interface WorldPerson {
  org: 'A' | 'B';
  key: string;
  label: string;
  ids: Record<Exclude<ResourceKind, 'account' | 'token'>, string>;
}

export interface WorldActor {
  org: 'A' | 'B';
  name: string;
  role: Role;
  accountId: string;
  tokenId: string;
  /** Persons (by key) this actor may see. */
  sees: string[];
  bearer: { authorization: string };
  session: { cookie: string; csrf: string };
}

/**
 * Two organisations made as an operator makes them (each with its first administrator, A first so its
 * administrator is the operator), each with two people (a hit, scan, case, alert, photo and evidence file
 * each), two caseworkers assigned one person each, and one account per person.
 */
export async function buildAccessWorld() {
  const app = await createTestApp();
  const db = app.db;
  const now = app.clock.now();
  const server: FastifyInstance = await buildServer(app);
  const { accounts, sessions, tokens } = server.accountsDeps;
  const firstAdmins: Record<'A' | 'B', string> = { A: '', B: '' };
  for (const org of ['A', 'B'] as const) {
    const made = await createOrganisationWithAdmin(server.accountsDeps, { name: `Organisation ${org}`, adminEmail: `admin${org.toLowerCase()}@org-${org.toLowerCase()}.example`, password: `a long password for ${org}`, by: null });
    firstAdmins[org] = made.account.id;
  }
  const orgs = { A: (await server.accountsDeps.accounts.get(firstAdmins.A))!.organisationId, B: (await server.accountsDeps.accounts.get(firstAdmins.B))!.organisationId };

  const people: WorldPerson[] = [];
  for (const org of ['A', 'B'] as const) {
    for (const n of [1, 2]) {
      const key = `${org}${n}`;
      const label = `Person ${key} label`;
      const parsed = parseProfile({ names: [`Name ${key}`], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, { defaultCountry: 'BE' });
      if (!parsed.ok) throw new Error('bad profile');
      const personId = await app.profiles.createPerson({ organisationId: orgs[org], label, language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
      const scan = (await app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
      const url = `https://leak-${key.toLowerCase()}.example/page`;
      const { hit } = await app.hits.upsert({
        personId, url, normalizedUrl: url, finalUrl: null, host: `leak-${key.toLowerCase()}.example`, title: `Title of ${key}`, pageLanguage: 'en',
        severity: 'high', categories: ['phone'], linkage: false, reasons: [`reason ${key}`], scanRunId: scan.id, matches: [{ kind: 'name', value: `Name ${key}`, found: `Name ${key}`, reason: 'name' }],
      });
      const kase = (await app.takedowns.cases.insert(
        { hitId: hit.id, status: 'new', recipient: { kind: 'email', address: `abuse@leak-${key.toLowerCase()}.example`, confidence: 'high' }, bases: ['gdpr_art17'], language: 'en', draftSubject: `Subject ${key}`, draftBody: `Body ${key}` },
        [{ kind: 'opened', actor: 'system', detail: {} }],
      )).row;
      const alertId = createId('alert');
      await app.alerts.repository.insertAlert({ id: alertId, personId, hitId: hit.id, kind: 'exposure', severity: 'high', detail: { reason: 'new' }, createdAt: now });
      const photoId = createId('photo');
      db.$client.prepare('insert into photos (id, person_id, label, sha256, pdq, quality, blockhash, width, height, created_at) values (?, ?, ?, ?, ?, 100, ?, 10, 10, ?)')
        .run(photoId, personId, `photo-${key}.jpg`, createHash('sha256').update(`photo ${key}`).digest('hex'), '0'.repeat(64), '0'.repeat(64), now.getTime());
      const fileSha = (await app.evidence.put(Buffer.from(JSON.stringify({ screenshotOf: key })), 'application/json')).sha256;
      db.$client.prepare("insert into captures (id, hit_id, purpose, outcome, requested_url, artifacts, captured_at) values (?, ?, 'initial', 'captured', ?, ?, ?)")
        .run(createId('cap'), hit.id, url, JSON.stringify({ screenshot: fileSha }), now.getTime());
      people.push({ org, key, label, ids: { person: personId, hit: hit.id, scan: scan.id, case: kase.id, alert: alertId, photo: photoId, 'hit-or-case': hit.id, 'evidence-file': fileSha } });
    }
  }

  const actors: WorldActor[] = [];
  const addActor = async (org: 'A' | 'B', name: string, role: Role, sees: string[], personId: string | null) => {
    const account = name === `Admin${org}` ? (await accounts.get(firstAdmins[org]))! : await accounts.createAccount({ organisationId: orgs[org], email: `${name.toLowerCase()}@org-${org.toLowerCase()}.example`, displayName: name, passwordHash: NO_PASSWORD, role, personId });
    if (role === 'caseworker') for (const key of sees) await accounts.assign(account.id, people.find((p) => p.key === key)!.ids.person);
    const token = await tokens.create(account.id, 'matrix');
    const session = await sessions.create(account.id, 3_600_000);
    actors.push({
      org, name, role, accountId: account.id, tokenId: token.id, sees,
      bearer: { authorization: `Bearer ${token.token}` },
      session: { cookie: `es_session=${session.token}`, csrf: session.csrfToken },
    });
  };
  for (const org of ['A', 'B'] as const) {
    const [p1, p2] = [`${org}1`, `${org}2`];
    await addActor(org, `Admin${org}`, 'admin', [p1, p2], null);
    await addActor(org, `Caseworker${org}1`, 'caseworker', [p1], null);
    await addActor(org, `Caseworker${org}2`, 'caseworker', [p2], null);
    await addActor(org, `Person${org}1`, 'person', [p1], people.find((p) => p.key === p1)!.ids.person);
    await addActor(org, `Person${org}2`, 'person', [p2], people.find((p) => p.key === p2)!.ids.person);
  }
  return { app, server, people, actors, orgs, close: async () => { await server.close(); await app.close(); } };
}

export type AccessWorld = Awaited<ReturnType<typeof buildAccessWorld>>;
