import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import type { apiTokens as apiTokensTable } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import { sha256Hex } from '../../shared/hashing.models.ts';
import { randomToken } from './sessions.repository.ts';
import { gated } from '../../db/transaction.ts';

export type ApiTokenRow = typeof apiTokensTable.$inferSelect;

/** Tokens start with a recognisable prefix so that secret scanners find leaked ones. */
export const API_TOKEN_PREFIX = 'est_';

/** API tokens for scripts. Only the SHA-256 is stored; the token itself is shown once, when created. */
export function createApiTokensRepository({ db, clock }: { db: Db; clock: Clock }) {
  const { apiTokens } = tablesOf(db);
  return gated(db, {
    async create(accountId: string, label: string): Promise<{ id: string; token: string }> {
      const id = createId('tok');
      const token = `${API_TOKEN_PREFIX}${randomToken()}`;
      await db.insert(apiTokens).values({ id, accountId, label, tokenHash: sha256Hex(token), createdAt: clock.now() });
      return { id, token };
    },

    /** The live token's row; last use is recorded at most once a minute. */
    async resolve(token: string): Promise<ApiTokenRow | null> {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      const row = (await db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt))).limit(1))[0];
      if (!row) return null;
      const now = clock.now();
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
      return row;
    },

    async get(id: string): Promise<ApiTokenRow | null> {
      return (await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1))[0] ?? null;
    },

    async listForAccount(accountId: string): Promise<ApiTokenRow[]> {
      return db.select().from(apiTokens).where(eq(apiTokens.accountId, accountId)).orderBy(desc(apiTokens.createdAt));
    },

    async revoke(id: string): Promise<void> {
      await db.update(apiTokens).set({ revokedAt: clock.now() }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
    },
  });
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
