import { eq, and, gte, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { changedRows } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import { gated } from '../../db/transaction.ts';

/**
 * Named leases in the database: with several worker processes on one database, the one that holds a lease does
 * the work it names (the scheduler), and a holder that stops renewing (killed, machine gone) loses it when it
 * expires, so another takes over without anyone having to notice the death.
 */
export function createLeasesRepository({ db, clock }: { db: Db; clock: Clock }) {
  const { serviceLeases } = tablesOf(db);
  return gated(db, {
    /** Takes the lease, or renews it when this holder has it already; false while another holder's lease runs. */
    async tryHold(name: string, holder: string, ttlMs: number): Promise<boolean> {
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + ttlMs);
      // One statement, so two workers racing for a free lease cannot both win: the row's conflict decides, and
      // the update only happens for the holder itself or over an expired lease (counted as no change otherwise).
      const result = await db
        .insert(serviceLeases)
        .values({ name, holder, expiresAt })
        .onConflictDoUpdate({
          target: serviceLeases.name,
          set: { holder, expiresAt },
          setWhere: or(eq(serviceLeases.holder, holder), lt(serviceLeases.expiresAt, now)),
        });
      return changedRows(result) > 0;
    },
    /** Gives the lease up at once (a clean stop), so another worker need not wait for it to expire. */
    async release(name: string, holder: string): Promise<void> {
      await db.delete(serviceLeases).where(and(eq(serviceLeases.name, name), eq(serviceLeases.holder, holder)));
    },
    async holderOf(name: string): Promise<string | null> {
      const [row] = await db
        .select({ holder: serviceLeases.holder })
        .from(serviceLeases)
        .where(and(eq(serviceLeases.name, name), gte(serviceLeases.expiresAt, clock.now())))
        .limit(1);
      return row?.holder ?? null;
    },
  });
}

export type LeasesRepository = ReturnType<typeof createLeasesRepository>;
