import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { tablesOf } from '../../../src/db/tables.ts';
import { transaction } from '../../../src/db/transaction.ts';
import { createAccountsRepository, type AccountsRepository } from '../../../src/modules/accounts/accounts.repository.ts';
import { API_TOKEN_PREFIX, createApiTokensRepository } from '../../../src/modules/accounts/api-tokens.repository.ts';
import { audit, listAudit } from '../../../src/modules/accounts/audit.repository.ts';
import { createOwnershipRepository } from '../../../src/modules/accounts/ownership.repository.ts';
import { createSessionsRepository } from '../../../src/modules/accounts/sessions.repository.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { createAccountsWorld } from './accounts-world.ts';

const MINUTE = 60_000;

let testDb: TestDatabase;
let db: Db;
const clock = createFixedClock('2026-11-22T10:00:00Z');
let accounts: AccountsRepository;
let world: ReturnType<typeof createAccountsWorld>;

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = testDb.db;
  accounts = createAccountsRepository({ db, clock });
  world = createAccountsWorld(db, clock);
});
afterAll(() => testDb?.dispose());

const newAccount = (organisationId: string, email: string, role: 'admin' | 'caseworker' = 'admin') =>
  accounts.createAccount({ organisationId, email, displayName: email.split('@')[0]!, passwordHash: 'x', role });

describe('organisations', () => {
  it('keeps the first organisation first even when several are made at the same instant, and renames it instead of making another', async () => {
    const first = await accounts.ensureFirstOrganisation('Kitchen Table');
    const second = await accounts.createOrganisation('Night Line');
    const third = await accounts.createOrganisation('Safe Harbour');
    expect(await accounts.ensureFirstOrganisation('Kitchen Table Collective')).toBe(first);
    expect(await accounts.firstOrganisationId()).toBe(first);
    const listed = await accounts.listOrganisations();
    expect(listed.map((o) => [o.id, o.name])).toEqual([[first, 'Kitchen Table Collective'], [second, 'Night Line'], [third, 'Safe Harbour']]);
    expect(listed[0]!.createdAt.getTime()).toBeLessThan(listed[1]!.createdAt.getTime());
    expect((await accounts.getOrganisation(second))?.name).toBe('Night Line');
    expect(await accounts.getOrganisation('org_none')).toBeNull();
  });

  it('counts accounts, administrators and people per organisation, nothing more', async () => {
    const org = await accounts.createOrganisation('Counting House');
    await newAccount(org, 'boss@counting.example');
    await newAccount(org, 'helper@counting.example', 'caseworker');
    await world.person(org);
    const row = (await accounts.listOrganisations()).find((o) => o.id === org)!;
    expect(row).toMatchObject({ accounts: 2, administrators: 1, people: 1 });
    expect(Object.keys(row).sort()).toEqual(['accounts', 'administrators', 'createdAt', 'id', 'name', 'people']);
  });
});

describe('accounts', () => {
  let org: string;
  beforeAll(async () => {
    org = await accounts.createOrganisation('Accounts Org');
  });

  it('stores an account and finds it by id and by email, oldest first in its organisation', async () => {
    const before = await accounts.countAccounts();
    const a = await newAccount(org, 'first@accounts.example');
    clock.advance(1000);
    const b = await newAccount(org, 'second@accounts.example', 'caseworker');
    expect(await accounts.countAccounts()).toBe(before + 2);
    expect(await accounts.get(a.id)).toMatchObject({ email: 'first@accounts.example', role: 'admin', language: 'en', disabled: false, failedLogins: 0, lockedUntil: null });
    expect((await accounts.findByEmail('second@accounts.example'))?.id).toBe(b.id);
    expect(await accounts.findByEmail('nobody@accounts.example')).toBeNull();
    expect((await accounts.listInOrganisation(org)).map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it('refuses an email already in use with accounts.email_taken and stores nothing', async () => {
    await newAccount(org, 'taken@accounts.example');
    const before = await accounts.countAccounts();
    await expect(newAccount(org, 'taken@accounts.example')).rejects.toMatchObject({ code: 'accounts.email_taken', statusCode: 409 });
    expect(await accounts.countAccounts()).toBe(before);
  });

  it('lets a transaction that caught a taken email go on and commit its other work', async () => {
    await newAccount(org, 'kept@accounts.example');
    const made = await transaction(db, async () => {
      await newAccount(org, 'kept@accounts.example').catch((error: { code: string }) => expect(error.code).toBe('accounts.email_taken'));
      return newAccount(org, 'after@accounts.example');
    });
    expect((await accounts.findByEmail('after@accounts.example'))?.id).toBe(made.id);
  });

  it('keeps lock state and changes made later', async () => {
    const a = await newAccount(org, 'locked@accounts.example');
    const until = new Date(clock.now().getTime() + 15 * MINUTE);
    await accounts.setLockState(a.id, { failedLogins: 5, lockedUntil: until });
    clock.advance(1000);
    await accounts.update(a.id, { language: 'fr', disabled: true });
    const row = (await accounts.get(a.id))!;
    expect(row).toMatchObject({ failedLogins: 5, language: 'fr', disabled: true });
    expect(row.lockedUntil?.getTime()).toBe(until.getTime());
    expect(row.updatedAt.getTime()).toBe(clock.now().getTime());
  });
});

describe('caseworker assignments and the people of an organisation', () => {
  it('assigns once however often asked, never across organisations, and unassigns', async () => {
    const org = await accounts.createOrganisation('Assigning Org');
    const other = await accounts.createOrganisation('Other Org');
    const caseworker = await newAccount(org, 'cw@assign.example', 'caseworker');
    const mine = await world.person(org);
    const theirs = await world.person(other);
    await accounts.assign(caseworker.id, mine);
    await accounts.assign(caseworker.id, mine);
    await accounts.assign(caseworker.id, theirs);
    expect(await accounts.assignedPersonIds(caseworker.id, org)).toEqual([mine]);
    expect(await accounts.assignmentsInOrganisation(org)).toHaveLength(2);
    await accounts.unassign(caseworker.id, mine);
    expect(await accounts.assignedPersonIds(caseworker.id, org)).toEqual([]);
  });

  it('lists the organisation\'s people oldest first, handing back the same list until someone is added', async () => {
    const org = await accounts.createOrganisation('People Org');
    const p1 = await world.person(org);
    clock.advance(1000);
    const p2 = await world.person(org);
    const first = await accounts.personIdsInOrganisation(org);
    expect(first).toEqual([p1, p2]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(await accounts.personIdsInOrganisation(org)).toBe(first);
    clock.advance(1000);
    const p3 = await world.person(org);
    expect(await accounts.personIdsInOrganisation(org)).toEqual([p1, p2, p3]);
  });
});

describe('sessions', () => {
  it('resolves a live session by its cookie value, storing only the token\'s hash', async () => {
    const org = await accounts.createOrganisation('Session Org');
    const account = await newAccount(org, 'session@example.org');
    const sessions = createSessionsRepository({ db, clock });
    const { token, csrfToken } = await sessions.create(account.id, 30 * MINUTE);
    const row = (await sessions.resolve(token, 30 * MINUTE))!;
    expect(row).toMatchObject({ accountId: account.id, csrfToken });
    expect(row.tokenHash).not.toBe(token);
    expect(await sessions.resolve('not-a-session', 30 * MINUTE)).toBeNull();
  });

  it('extends the idle deadline at most once a minute and forgets a session idle too long', async () => {
    const org = await accounts.createOrganisation('Idle Org');
    const account = await newAccount(org, 'idle@example.org');
    const sessions = createSessionsRepository({ db, clock });
    const { token } = await sessions.create(account.id, 10 * MINUTE);
    const created = (await sessions.resolve(token, 10 * MINUTE))!.expiresAt.getTime();
    clock.advance(30_000);
    expect((await sessions.resolve(token, 10 * MINUTE))!.expiresAt.getTime()).toBe(created);
    clock.advance(40_000);
    await sessions.resolve(token, 10 * MINUTE);
    expect((await sessions.resolve(token, 10 * MINUTE))!.expiresAt.getTime()).toBe(created + 70_000);
    clock.advance(11 * MINUTE);
    expect(await sessions.resolve(token, 10 * MINUTE)).toBeNull();
    const { sessions: table } = tablesOf(db);
    expect((await db.select().from(table)).filter((s) => s.accountId === account.id)).toEqual([]);
  });

  it('logs out one session, all of an account\'s, and clears expired ones, saying how many', async () => {
    const org = await accounts.createOrganisation('Logout Org');
    const account = await newAccount(org, 'logout@example.org');
    const sessions = createSessionsRepository({ db, clock });
    const one = await sessions.create(account.id, MINUTE);
    const two = await sessions.create(account.id, MINUTE);
    await sessions.delete(one.token);
    expect(await sessions.resolve(one.token, MINUTE)).toBeNull();
    expect(await sessions.resolve(two.token, MINUTE)).not.toBeNull();
    await sessions.deleteForAccount(account.id);
    expect(await sessions.resolve(two.token, MINUTE)).toBeNull();
    await sessions.create(account.id, MINUTE);
    await sessions.create(account.id, MINUTE);
    await sessions.create(account.id, 60 * MINUTE);
    clock.advance(2 * MINUTE);
    expect(await sessions.deleteExpired()).toBe(2);
    expect(await sessions.deleteExpired()).toBe(0);
  });
});

describe('API tokens', () => {
  it('resolves a token until it is revoked, noting its last use, and lists the newest first', async () => {
    const org = await accounts.createOrganisation('Token Org');
    const account = await newAccount(org, 'tokens@example.org');
    const tokens = createApiTokensRepository({ db, clock });
    const older = await tokens.create(account.id, 'backup script');
    clock.advance(1000);
    const newer = await tokens.create(account.id, 'monitor');
    expect(newer.token.startsWith(API_TOKEN_PREFIX)).toBe(true);
    expect((await tokens.resolve(older.token))?.id).toBe(older.id);
    expect((await tokens.get(older.id))?.lastUsedAt?.getTime()).toBe(clock.now().getTime());
    expect((await tokens.listForAccount(account.id)).map((t) => t.label)).toEqual(['monitor', 'backup script']);
    await tokens.revoke(older.id);
    expect(await tokens.resolve(older.token)).toBeNull();
    expect((await tokens.get(older.id))?.revokedAt).not.toBeNull();
    expect(await tokens.resolve(newer.token.slice(API_TOKEN_PREFIX.length))).toBeNull();
  });
});

describe('ownership', () => {
  it('traces people, scans, hits, evidence files, accounts and tokens to their organisation, and a wipe removes what hung on the person', async () => {
    const org = await accounts.createOrganisation('Owning Org');
    const personId = await world.person(org, 'sealed label');
    const scanId = await world.scanRun(personId);
    const hitId = await world.hit(personId, 'https://paste.example/leak');
    const screenshot = 'a'.repeat(64);
    await world.capture(hitId, { screenshot, html: 'b'.repeat(64) });
    const account = await newAccount(org, 'owner@example.org');
    const { id: tokenId } = await createApiTokensRepository({ db, clock }).create(account.id, 'script');
    const ownership = createOwnershipRepository({ db });
    const owner = { organisationId: org, personId };
    expect(await ownership.ownersOf('person', personId)).toEqual([owner]);
    expect(await ownership.ownersOf('scan', scanId)).toEqual([owner]);
    expect(await ownership.ownersOf('hit-or-case', hitId)).toEqual([owner]);
    expect(await ownership.ownersOf('evidence-file', screenshot)).toEqual([owner]);
    expect(await ownership.ownersOf('evidence-file', 'c'.repeat(64))).toEqual([]);
    expect(await ownership.ownersOf('evidence-file', 'not-a-hash')).toEqual([]);
    expect(await ownership.ownersOf('account', account.id)).toEqual([{ organisationId: org, personId: null }]);
    expect(await ownership.ownersOf('token', tokenId)).toEqual([{ organisationId: org, personId: null, accountId: account.id }]);
    expect(await ownership.ownersOf('hit', 'hit_none')).toEqual([]);
    expect(await ownership.personRecord(personId)).toEqual({ id: personId, organisationId: org, label: 'sealed label' });

    await ownership.deletePerson(personId);
    expect(await ownership.personRecord(personId)).toBeNull();
    expect(await ownership.ownersOf('hit', hitId)).toEqual([]);
    expect(await ownership.ownersOf('evidence-file', screenshot)).toEqual([]);
  });
});

describe('the audit log', () => {
  it('lists an organisation\'s entries newest first, by action when asked, never another organisation\'s', async () => {
    const org = await accounts.createOrganisation('Audited Org');
    const other = await accounts.createOrganisation('Elsewhere');
    const actor = { accountId: 'acct_x', organisationId: org };
    await audit({ db, clock }, { actor, action: 'viewed', subject: { type: 'hit', id: 'hit_1' } });
    await audit({ db, clock }, { actor, action: 'revealed', subject: { type: 'hit', id: 'hit_1' }, detail: { blurred: false } });
    await audit({ db, clock }, { actor, action: 'viewed', subject: { type: 'hit', id: 'hit_2' } });
    await audit({ db, clock }, { actor: { accountId: null, organisationId: other }, action: 'viewed', subject: { type: 'hit', id: 'hit_3' } });
    expect((await listAudit(db, { organisationId: org, limit: 10 })).map((r) => [r.action, r.subjectId])).toEqual([['viewed', 'hit_2'], ['revealed', 'hit_1'], ['viewed', 'hit_1']]);
    expect((await listAudit(db, { organisationId: org, limit: 10, action: 'revealed' }))[0]).toMatchObject({ detail: { blurred: false }, accountId: 'acct_x' });
    expect((await listAudit(db, { organisationId: org, limit: 1 })).map((r) => r.subjectId)).toEqual(['hit_2']);
    // Written through one prepared insert on SQLite: each row keeps its own values, the time as a time.
    expect((await listAudit(db, { organisationId: org, limit: 10 })).map((r) => [r.at, r.detail])).toEqual([[clock.now(), null], [clock.now(), { blurred: false }], [clock.now(), null]]);
  });
});
