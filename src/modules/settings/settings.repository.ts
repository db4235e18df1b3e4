import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sqlRow } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import type { Clock } from '../../shared/clock.ts';
import { fieldBinding, type FieldCipher } from '../evidence/field-cipher.models.ts';
import { isSecretSetting } from './settings-catalogue.models.ts';
import { gated, transaction } from '../../db/transaction.ts';

const binding = (key: string) => fieldBinding('service_settings', 'value', key);

/** Saved settings by name. Secrets are sealed at rest, bound to their own row so they cannot be swapped. */
export function createSettingsRepository({ db, clock, cipher }: { db: Db; clock: Clock; cipher: FieldCipher }) {
  const { serviceSettings } = tablesOf(db);
  return gated(db, {
    async all(): Promise<Record<string, string>> {
      const rows = await db.select().from(serviceSettings);
      return Object.fromEntries(rows.map((r) => [r.key, isSecretSetting(r.key) ? cipher.open(r.value, binding(r.key)) : r.value]));
    },
    /** Writes the whole set at once: a change that touches several settings is applied together or not at all. */
    async replace(next: Readonly<Record<string, string>>, changed: readonly string[], accountId: string | null): Promise<void> {
      const now = clock.now();
      await transaction(db, async () => {
        for (const key of changed) {
          const value = next[key];
          if (value === undefined) {
            await db.delete(serviceSettings).where(eq(serviceSettings.key, key));
            continue;
          }
          const stored = isSecretSetting(key) ? cipher.seal(value, binding(key)) : value;
          await db.insert(serviceSettings).values({ key, value: stored, updatedAt: now, updatedBy: accountId })
            .onConflictDoUpdate({ target: serviceSettings.key, set: { value: stored, updatedAt: now, updatedBy: accountId } });
        }
      });
    },
    /** Changes when any saved setting changes, so another process can tell it must re-read them. */
    async fingerprint(): Promise<string> {
      // Numbers on both dialects (PostgreSQL's bigint is parsed), so the text is the same whichever runs.
      const row = await sqlRow<{ n: number; at: number }>(db, sql`select count(*) as n, coalesce(max(updated_at), 0) as at from service_settings`);
      return `${Number(row?.n ?? 0)}:${Number(row?.at ?? 0)}`;
    },
  });
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
