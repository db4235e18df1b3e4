import { randomBytes } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { sessions } from '../../db/schema/index.ts';
import { sha256Hex } from '../../shared/hashing.models.ts';
import { gated } from '../../db/transaction.ts';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export type SessionRow = typeof sessions.$inferSelect;

/**
 * Dashboard sessions. The cookie holds a random token; the table holds only its SHA-256, so a copy of
 * the database does not contain live sessions. Each session has its own CSRF token for forms.
 */
export function createSessionsRepository({ db, clock }: { db: Db; clock: Clock }) {
  // Looked up on every dashboard request: building the query each time cost more than running it, so it is
  // prepared once (on first use, after migrations).
  const prepareByHash = () => db.select().from(sessions).where(eq(sessions.tokenHash, sql.placeholder('tokenHash'))).prepare();
  let byHash: ReturnType<typeof prepareByHash> | undefined;
  return gated(db, {
    create(accountId: string, idleMs: number): { token: string; csrfToken: string } {
      const token = randomToken();
      const csrfToken = randomToken();
      const now = clock.now();
      db.insert(sessions).values({ tokenHash: sha256Hex(token), accountId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + idleMs) }).run();
      return { token, csrfToken };
    },

    /** A live session for the cookie value; an expired one is deleted on sight. Use extends the idle deadline. */
    resolve(token: string, idleMs: number): SessionRow | null {
      const tokenHash = sha256Hex(token);
      byHash ??= prepareByHash();
      const row = byHash.get({ tokenHash });
      if (!row) return null;
      const now = clock.now();
      if (row.expiresAt.getTime() <= now.getTime()) {
        db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
        return null;
      }
      // Written at most once a minute: every page view must not become a database write.
      if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
        db.update(sessions).set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + idleMs) }).where(eq(sessions.tokenHash, tokenHash)).run();
      }
      return row;
    },

    delete(token: string): void {
      db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token))).run();
    },

    deleteForAccount(accountId: string): void {
      db.delete(sessions).where(eq(sessions.accountId, accountId)).run();
    },

    deleteExpired(): number {
      return db.delete(sessions).where(lt(sessions.expiresAt, clock.now())).run().changes;
    },
  });
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
