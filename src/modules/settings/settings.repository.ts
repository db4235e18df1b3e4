import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { serviceSettings } from '../../db/schema/settings.table.ts';
import { fieldBinding, type FieldCipher } from '../evidence/field-cipher.models.ts';
import { isSecretSetting } from './settings-catalogue.models.ts';
import { gated } from '../../db/transaction.ts';

const binding = (key: string) => fieldBinding('service_settings', 'value', key);

/** Saved settings by name. Secrets are sealed at rest, bound to their own row so they cannot be swapped. */
export function createSettingsRepository({ db, clock, cipher }: { db: Db; clock: Clock; cipher: FieldCipher }) {
  return gated(db, {
    all(): Record<string, string> {
      const rows = db.select().from(serviceSettings).all();
      return Object.fromEntries(rows.map((r) => [r.key, isSecretSetting(r.key) ? cipher.open(r.value, binding(r.key)) : r.value]));
    },
    /** Writes the whole set at once: a change that touches several settings is applied together or not at all. */
    replace(next: Readonly<Record<string, string>>, changed: readonly string[], accountId: string | null): void {
      const now = clock.now();
      db.transaction((tx) => {
        for (const key of changed) {
          const value = next[key];
          if (value === undefined) {
            tx.delete(serviceSettings).where(eq(serviceSettings.key, key)).run();
            continue;
          }
          const stored = isSecretSetting(key) ? cipher.seal(value, binding(key)) : value;
          tx.insert(serviceSettings).values({ key, value: stored, updatedAt: now, updatedBy: accountId })
            .onConflictDoUpdate({ target: serviceSettings.key, set: { value: stored, updatedAt: now, updatedBy: accountId } }).run();
        }
      });
    },
    /** Changes when any saved setting changes, so another process can tell it must re-read them. */
    fingerprint(): string {
      const row = db.$client.prepare('select count(*) n, coalesce(max(updated_at), 0) at from service_settings').get() as { n: number; at: number };
      return `${row.n}:${row.at}`;
    },
  });
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
