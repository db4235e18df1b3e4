import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import { apiTokens } from '../../db/schema/index.ts';
import { sha256Hex } from '../../shared/hashing.models.ts';
import { randomToken } from './sessions.repository.ts';
import { gated } from '../../db/transaction.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Tokens start with a recognisable prefix so that secret scanners find leaked ones. */
export const API_TOKEN_PREFIX = 'est_';

/** API tokens for scripts. Only the SHA-256 is stored; the token itself is shown once, when created. */
export function createApiTokensRepository({ db, clock }: { db: Db; clock: Clock }) {
  return gated(db, {
    create(accountId: string, label: string): { id: string; token: string } {
      const id = createId('tok');
      const token = `${API_TOKEN_PREFIX}${randomToken()}`;
      db.insert(apiTokens).values({ id, accountId, label, tokenHash: sha256Hex(token), createdAt: clock.now() }).run();
      return { id, token };
    },

    /** The live token's row; last use is recorded at most once a minute. */
    resolve(token: string): ApiTokenRow | null {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      const row = db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt))).get();
      if (!row) return null;
      const now = clock.now();
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
      return row;
    },

    get(id: string): ApiTokenRow | null {
      return db.select().from(apiTokens).where(eq(apiTokens.id, id)).get() ?? null;
    },

    listForAccount(accountId: string): ApiTokenRow[] {
      return db.select().from(apiTokens).where(eq(apiTokens.accountId, accountId)).orderBy(desc(apiTokens.createdAt)).all();
    },

    revoke(id: string): void {
      db.update(apiTokens).set({ revokedAt: clock.now() }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).run();
    },
  });
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
