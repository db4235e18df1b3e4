import { randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { changedRows } from '../../db/raw-sql.ts';
import type { sessions as sessionsTable } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import { sha256Hex } from '../../shared/hashing.models.ts';
import { gated } from '../../db/transaction.ts';
import { requestQuery } from '../../db/request-query.ts';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export type SessionRow = typeof sessionsTable.$inferSelect;

/**
 * Dashboard sessions. The cookie holds a random token; the table holds only its SHA-256, so a copy of
 * the database does not contain live sessions. Each session has its own CSRF token for forms.
 */
export function createSessionsRepository({ db, clock }: { db: Db; clock: Clock }) {
  const { sessions } = tablesOf(db);
  // Looked up on every dashboard request: prepared once on SQLite (requestQuery).
  const byHash = requestQuery(db, ['tokenHash'], ({ tokenHash }) => db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1));
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
      const row: SessionRow | undefined = (await byHash({ tokenHash }))[0];
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
