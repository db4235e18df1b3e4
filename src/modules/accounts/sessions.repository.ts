import { randomBytes } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { isPostgres } from '../../db/dialect.ts';
import { changedRows } from '../../db/raw-sql.ts';
import type { sessions as sessionsTable } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import { sha256Hex } from '../../shared/hashing.models.ts';
import { gated } from '../../db/transaction.ts';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export type SessionRow = typeof sessionsTable.$inferSelect;

/**
 * Dashboard sessions. The cookie holds a random token; the table holds only its SHA-256, so a copy of
 * the database does not contain live sessions. Each session has its own CSRF token for forms.
 */
export function createSessionsRepository({ db, clock }: { db: Db; clock: Clock }) {
  const { sessions } = tablesOf(db);
  const postgres = isPostgres(db);
  // Looked up on every dashboard request: building the query each time cost more than running it, so on SQLite
  // it is prepared once (on first use, after migrations). On PostgreSQL a prepared query stays bound to the
  // connection it was built on (perhaps a finished transaction's), so there it is built per call.
  const byHashQuery = (tokenHash: string | ReturnType<typeof sql.placeholder>) => db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1);
  const prepareByHash = () => byHashQuery(sql.placeholder('tokenHash')).prepare();
  let byHash: ReturnType<typeof prepareByHash> | undefined;
  return gated(db, {
    async create(accountId: string, idleMs: number): Promise<{ token: string; csrfToken: string }> {
      const token = randomToken();
      const csrfToken = randomToken();
      const now = clock.now();
      await db.insert(sessions).values({ tokenHash: sha256Hex(token), accountId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + idleMs) });
      return { token, csrfToken };
    },

    /** A live session for the cookie value; an expired one is deleted on sight. Use extends the idle deadline. */
    async resolve(token: string, idleMs: number): Promise<SessionRow | null> {
      const tokenHash = sha256Hex(token);
      let row: SessionRow | undefined;
      if (postgres) row = (await byHashQuery(tokenHash))[0];
      else row = (byHash ??= prepareByHash()).get({ tokenHash });
      if (!row) return null;
      const now = clock.now();
      if (row.expiresAt.getTime() <= now.getTime()) {
        await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
        return null;
      }
      // Written at most once a minute: every page view must not become a database write.
      if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
        await db.update(sessions).set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + idleMs) }).where(eq(sessions.tokenHash, tokenHash));
      }
      return row;
    },

    async delete(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token)));
    },

    async deleteForAccount(accountId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.accountId, accountId));
    },

    async deleteExpired(): Promise<number> {
      return changedRows(await db.delete(sessions).where(lt(sessions.expiresAt, clock.now())));
    },
  });
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
