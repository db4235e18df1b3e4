import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { forDialect, isPostgres } from '../../db/dialect.ts';
import { createDataVersion } from '../../db/data-version.ts';
import { sqlColumn } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import { gated, transaction } from '../../db/transaction.ts';
import { requestQuery } from '../../db/request-query.ts';
import type { accounts as accountsTable } from '../../db/schema/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import { createEmailTakenError } from './accounts.errors.ts';
import type { Role } from './accounts.models.ts';
import type { AccountLockState } from './lockout.models.ts';

export type AccountRow = typeof accountsTable.$inferSelect;

const sameIds = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id, i) => id === b[i]);

export function createAccountsRepository({ db, clock }: { db: Db; clock: Clock }) {
  const { accounts, caseworkerAssignments, organisations, people } = tablesOf(db);
  const postgres = isPostgres(db);
  let dataVersion: (() => Promise<string>) | undefined;
  const keptIds = new Map<string, { version: string; ids: string[] }>();
  // Organisations in the order they were made: created_at, strictly increasing since createOrganisation makes it
  // so; SQLite's rowid still orders ties between rows stored before that (PostgreSQL has no insertion order, and
  // its databases never held such ties).
  const organisationOrder = () => [asc(organisations.createdAt), forDialect(db, { sqlite: sql`rowid`, postgres: sql`${organisations.id}` })];
  // The account and the first organisation are read on every dashboard request (who is asking, whether they run
  // the installation), and a caseworker's assignments on each of theirs: requestQuery prepares them once on SQLite.
  const byId = requestQuery(db, ['id'], ({ id }) => db.select().from(accounts).where(eq(accounts.id, id)).limit(1));
  const firstOrganisation = requestQuery(db, [], () => db.select({ id: organisations.id }).from(organisations).orderBy(...organisationOrder()).limit(1));
  let firstOrganisationKnown: string | null = null;
  const assigned = requestQuery(db, ['accountId', 'organisationId'], ({ accountId, organisationId }) => db
    .select({ id: caseworkerAssignments.personId })
    .from(caseworkerAssignments)
    .innerJoin(people, eq(people.id, caseworkerAssignments.personId))
    .where(and(eq(caseworkerAssignments.accountId, accountId), eq(people.organisationId, organisationId))));
  return gated(db, {
    async countAccounts(): Promise<number> {
      return (await db.select({ n: count() }).from(accounts))[0]?.n ?? 0;
    },

    /** The first organisation (the one the CLI and the demo person use), created when there is none. */
    async ensureFirstOrganisation(name: string): Promise<string> {
      // One transaction: two processes setting up at once must not both find none and make two "first" ones.
      return transaction(db, async () => {
        const existing = (await firstOrganisation({}))[0];
        if (existing) {
          await db.update(organisations).set({ name }).where(eq(organisations.id, existing.id));
          return existing.id;
        }
        return this.createOrganisation(name);
      });
    },

    /**
     * The first organisation's administrators run the installation, so which one came first must never be a
     * tie: each organisation is stamped at least a millisecond after the newest one (a still clock, or one put
     * back, would otherwise tie or reverse them).
     */
    async createOrganisation(name: string): Promise<string> {
      return transaction(db, async () => {
        const id = createId('org');
        const newest = (await db.select({ createdAt: organisations.createdAt }).from(organisations).orderBy(desc(organisations.createdAt)).limit(1))[0];
        const now = clock.now();
        const createdAt = newest && newest.createdAt.getTime() >= now.getTime() ? new Date(newest.createdAt.getTime() + 1) : now;
        await db.insert(organisations).values({ id, name, createdAt });
        return id;
      });
    },

    /**
     * Every organisation, oldest first, with how many accounts, administrators and people it has: counts
     * only, so the operator's list shows nothing about anyone watched.
     */
    async listOrganisations(): Promise<{ id: string; name: string; createdAt: Date; accounts: number; administrators: number; people: number }[]> {
      const rows = await db.select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt }).from(organisations).orderBy(...organisationOrder());
      const accountCounts = await db.select({ organisationId: accounts.organisationId, role: accounts.role, n: count() }).from(accounts).groupBy(accounts.organisationId, accounts.role);
      const peopleCounts = new Map((await db.select({ organisationId: people.organisationId, n: count() }).from(people).groupBy(people.organisationId)).map((r) => [r.organisationId, r.n]));
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
    async firstOrganisationId(): Promise<string | null> {
      // Asked on every page (is the viewer the operator?). Organisations are never deleted and the first one
      // set the installation up, so once there is one the answer is kept.
      if (firstOrganisationKnown) return firstOrganisationKnown;
      firstOrganisationKnown = (await firstOrganisation({}))[0]?.id ?? null;
      return firstOrganisationKnown;
    },

    async getOrganisation(id: string) {
      return (await db.select().from(organisations).where(eq(organisations.id, id)).limit(1))[0] ?? null;
    },

    /** Refuses an email already in use with `accounts.email_taken`, also when another request stored it a moment ago. */
    async createAccount(args: { organisationId: string; email: string; displayName: string; passwordHash: string; role: Role; personId?: string | null; language?: string }): Promise<AccountRow> {
      const id = createId('acct');
      const now = clock.now();
      try {
        // Its own transaction (a savepoint inside a caller's): on PostgreSQL a refused insert would otherwise
        // abort the caller's whole transaction, not only this statement.
        await transaction(db, async () => {
          await db.insert(accounts).values({
            id, organisationId: args.organisationId, email: args.email, displayName: args.displayName, passwordHash: args.passwordHash,
            role: args.role, personId: args.personId ?? null, language: args.language ?? 'en', createdAt: now, updatedAt: now,
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw createEmailTakenError();
        throw error;
      }
      return (await this.get(id))!;
    },

    async get(id: string): Promise<AccountRow | null> {
      return (await byId({ id }))[0] ?? null;
    },

    async findByEmail(email: string): Promise<AccountRow | null> {
      return (await db.select().from(accounts).where(eq(accounts.email, email)).limit(1))[0] ?? null;
    },

    async listInOrganisation(organisationId: string): Promise<AccountRow[]> {
      return db.select().from(accounts).where(eq(accounts.organisationId, organisationId)).orderBy(asc(accounts.createdAt));
    },

    async setLockState(id: string, state: AccountLockState): Promise<void> {
      await db.update(accounts).set({ failedLogins: state.failedLogins, lockedUntil: state.lockedUntil }).where(eq(accounts.id, id));
    },

    async update(id: string, patch: Partial<Pick<AccountRow, 'language' | 'passwordHash' | 'disabled' | 'displayName' | 'personId'>>): Promise<void> {
      await db.update(accounts).set({ ...patch, updatedAt: clock.now() }).where(eq(accounts.id, id));
    },

    async assign(accountId: string, personId: string): Promise<void> {
      await db.insert(caseworkerAssignments).values({ accountId, personId, createdAt: clock.now() }).onConflictDoNothing();
    },

    async unassign(accountId: string, personId: string): Promise<void> {
      await db.delete(caseworkerAssignments).where(and(eq(caseworkerAssignments.accountId, accountId), eq(caseworkerAssignments.personId, personId)));
    },

    /** Assigned people of one caseworker, limited to their own organisation (an assignment can never reach across). */
    async assignedPersonIds(accountId: string, organisationId: string): Promise<string[]> {
      return (await assigned({ accountId, organisationId })).map((r) => r.id);
    },

    async assignmentsInOrganisation(organisationId: string): Promise<{ accountId: string; personId: string }[]> {
      return db
        .select({ accountId: caseworkerAssignments.accountId, personId: caseworkerAssignments.personId })
        .from(caseworkerAssignments)
        .innerJoin(accounts, eq(accounts.id, caseworkerAssignments.accountId))
        .where(eq(accounts.organisationId, organisationId));
    },

    /**
     * Asked on every dashboard request of an administrator (sometimes twice). The list is frozen and stays the
     * same array while the people do not change, so read models can key their own caches by it. On SQLite,
     * reading a thousand rows still cost a millisecond, so the list is kept until the database changes (the read
     * models' data version, src/db/data-version.ts). On PostgreSQL that version moves with any commit of the
     * cluster, so the ids are read each time and the kept array handed back when they are the same.
     */
    async personIdsInOrganisation(organisationId: string): Promise<string[]> {
      const read = () => sqlColumn<string>(db, sql`select id from people where organisation_id = ${organisationId} order by created_at`);
      const kept = keptIds.get(organisationId);
      if (postgres) {
        const ids = await read();
        if (kept && sameIds(kept.ids, ids)) return kept.ids;
        return keep(organisationId, '', ids);
      }
      // The read models' data version: this connection's own audit rows (one per page view) do not move it.
      dataVersion ??= createDataVersion(db);
      const version = await dataVersion();
      if (kept && kept.version === version) return kept.ids;
      return keep(organisationId, version, await read());
    },
  });

  function keep(organisationId: string, version: string, ids: string[]): string[] {
    const frozen = Object.freeze(ids) as string[];
    if (keptIds.size >= 100) keptIds.clear();
    keptIds.set(organisationId, { version, ids: frozen });
    return frozen;
  }
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
