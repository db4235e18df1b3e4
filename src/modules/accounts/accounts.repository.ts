import type { Statement } from 'better-sqlite3';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import { accounts, caseworkerAssignments, organisations, people } from '../../db/schema/index.ts';
import type { Role } from './accounts.models.ts';
import type { AccountLockState } from './lockout.models.ts';
import { gated } from '../../db/transaction.ts';
import { createDataVersion, createStatements } from '../../db/prepared-statements.ts';

export type AccountRow = typeof accounts.$inferSelect;

export function createAccountsRepository({ db, clock }: { db: Db; clock: Clock }) {
  let idsInOrganisation: Statement | undefined;
  let dataVersion: (() => string) | undefined;
  const keptIds = new Map<string, { version: string; ids: string[] }>();
  // The account and the first organisation are read on every dashboard request (who is asking, whether
  // they run the installation): prepared once, on first use after migrations, like the ids below.
  const prepareById = () => db.select().from(accounts).where(eq(accounts.id, sql.placeholder('id'))).prepare();
  const prepareFirstOrganisation = () => db.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.createdAt), sql`rowid`).limit(1).prepare();
  let byId: ReturnType<typeof prepareById> | undefined;
  let firstOrganisation: ReturnType<typeof prepareFirstOrganisation> | undefined;
  const prepareAssigned = () => db
    .select({ id: caseworkerAssignments.personId })
    .from(caseworkerAssignments)
    .innerJoin(people, eq(people.id, caseworkerAssignments.personId))
    .where(and(eq(caseworkerAssignments.accountId, sql.placeholder('accountId')), eq(people.organisationId, sql.placeholder('organisationId'))))
    .prepare();
  let assigned: ReturnType<typeof prepareAssigned> | undefined;
  return gated(db, {
    countAccounts(): number {
      return db.select({ n: count() }).from(accounts).get()?.n ?? 0;
    },

    /** The first organisation (the one the CLI and the demo person use), created when there is none. */
    ensureFirstOrganisation(name: string): string {
      const existing = db.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.createdAt)).limit(1).get();
      if (existing) {
        db.update(organisations).set({ name }).where(eq(organisations.id, existing.id)).run();
        return existing.id;
      }
      return this.createOrganisation(name);
    },

    createOrganisation(name: string): string {
      const id = createId('org');
      db.insert(organisations).values({ id, name, createdAt: clock.now() }).run();
      return id;
    },

    /**
     * Every organisation, oldest first, with how many accounts, administrators and people it has: counts
     * only, so the operator's list shows nothing about anyone watched.
     */
    listOrganisations(): { id: string; name: string; createdAt: Date; accounts: number; administrators: number; people: number }[] {
      const rows = db.select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt }).from(organisations).orderBy(asc(organisations.createdAt), sql`rowid`).all();
      const accountCounts = db.select({ organisationId: accounts.organisationId, role: accounts.role, n: count() }).from(accounts).groupBy(accounts.organisationId, accounts.role).all();
      const peopleCounts = new Map(db.select({ organisationId: people.organisationId, n: count() }).from(people).groupBy(people.organisationId).all().map((r) => [r.organisationId, r.n]));
      return rows.map((o) => {
        const own = accountCounts.filter((c) => c.organisationId === o.id);
        return {
          ...o,
          accounts: own.reduce((sum, c) => sum + c.n, 0),
          administrators: own.filter((c) => c.role === 'admin').reduce((sum, c) => sum + c.n, 0),
          people: peopleCounts.get(o.id) ?? 0,
        };
      });
    },

    /** The organisation that set the installation up: its administrators are the operator. */
    firstOrganisationId(): string | null {
      firstOrganisation ??= prepareFirstOrganisation();
      return firstOrganisation.get()?.id ?? null;
    },

    getOrganisation(id: string) {
      return db.select().from(organisations).where(eq(organisations.id, id)).get() ?? null;
    },

    createAccount(args: { organisationId: string; email: string; displayName: string; passwordHash: string; role: Role; personId?: string | null; language?: string }): AccountRow {
      const id = createId('acct');
      const now = clock.now();
      db.insert(accounts).values({
        id, organisationId: args.organisationId, email: args.email, displayName: args.displayName, passwordHash: args.passwordHash,
        role: args.role, personId: args.personId ?? null, language: args.language ?? 'en', createdAt: now, updatedAt: now,
      }).run();
      return this.get(id)!;
    },

    get(id: string): AccountRow | null {
      byId ??= prepareById();
      return byId.get({ id }) ?? null;
    },

    findByEmail(email: string): AccountRow | null {
      return db.select().from(accounts).where(eq(accounts.email, email)).get() ?? null;
    },

    listInOrganisation(organisationId: string): AccountRow[] {
      return db.select().from(accounts).where(eq(accounts.organisationId, organisationId)).orderBy(asc(accounts.createdAt)).all();
    },

    setLockState(id: string, state: AccountLockState): void {
      db.update(accounts).set({ failedLogins: state.failedLogins, lockedUntil: state.lockedUntil }).where(eq(accounts.id, id)).run();
    },

    update(id: string, patch: Partial<Pick<AccountRow, 'language' | 'passwordHash' | 'disabled' | 'displayName' | 'personId'>>): void {
      db.update(accounts).set({ ...patch, updatedAt: clock.now() }).where(eq(accounts.id, id)).run();
    },

    assign(accountId: string, personId: string): void {
      db.insert(caseworkerAssignments).values({ accountId, personId, createdAt: clock.now() }).onConflictDoNothing().run();
    },

    unassign(accountId: string, personId: string): void {
      db.delete(caseworkerAssignments).where(and(eq(caseworkerAssignments.accountId, accountId), eq(caseworkerAssignments.personId, personId))).run();
    },

    /** Assigned people of one caseworker, limited to their own organisation (an assignment can never reach across). */
    assignedPersonIds(accountId: string, organisationId: string): string[] {
      // Read on every request of a caseworker (who they may see): prepared once, like the account.
      assigned ??= prepareAssigned();
      return assigned.all({ accountId, organisationId }).map((r) => r.id);
    },

    assignmentsInOrganisation(organisationId: string): { accountId: string; personId: string }[] {
      return db
        .select({ accountId: caseworkerAssignments.accountId, personId: caseworkerAssignments.personId })
        .from(caseworkerAssignments)
        .innerJoin(accounts, eq(accounts.id, caseworkerAssignments.accountId))
        .where(eq(accounts.organisationId, organisationId))
        .all();
    },

    /**
     * Asked on every dashboard request of an administrator (sometimes twice): for a thousand people, building
     * the query each time cost more than running it, and reading a thousand rows still cost a millisecond, so
     * it is prepared once (on first use, after migrations) and the list is kept until the database changes
     * (`data_version`: another connection committed; `total_changes()`: this one wrote). The kept list is
     * frozen and the same array until then, so read models can key their own caches by it.
     */
    personIdsInOrganisation(organisationId: string): string[] {
      idsInOrganisation ??= db.$client.prepare('select id from people where organisation_id = ? order by created_at').pluck();
      // The read models' data version: this connection's own audit rows (one per page view) do not move it.
      dataVersion ??= createDataVersion(createStatements(db));
      const version = dataVersion();
      const kept = keptIds.get(organisationId);
      if (kept && kept.version === version) return kept.ids;
      const ids = Object.freeze(idsInOrganisation.all(organisationId) as string[]) as string[];
      if (keptIds.size >= 100) keptIds.clear();
      keptIds.set(organisationId, { version, ids });
      return ids;
    },
  });
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
