import { eq, and, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { serviceLeases } from '../../db/schema/index.ts';
import { gated } from '../../db/transaction.ts';

/**
 * Named leases in the database: with several worker processes on one database, the one that holds a lease does
 * the work it names (the scheduler), and a holder that stops renewing (killed, machine gone) loses it when it
 * expires, so another takes over without anyone having to notice the death.
 */
export function createLeasesRepository({ db, clock }: { db: Db; clock: Clock }) {
  return gated(db, {
    /** Takes the lease, or renews it when this holder has it already; false while another holder's lease runs. */
    tryHold(name: string, holder: string, ttlMs: number): boolean {
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + ttlMs);
      const result = db
        .insert(serviceLeases)
        .values({ name, holder, expiresAt })
        .onConflictDoUpdate({
          target: serviceLeases.name,
          set: { holder, expiresAt },
          setWhere: or(eq(serviceLeases.holder, holder), lt(serviceLeases.expiresAt, now)),
        })
        .run();
      return result.changes > 0;
    },
    /** Gives the lease up at once (a clean stop), so another worker need not wait for it to expire. */
    release(name: string, holder: string): void {
      db.delete(serviceLeases).where(and(eq(serviceLeases.name, name), eq(serviceLeases.holder, holder))).run();
    },
    holderOf(name: string): string | null {
      const row = db.select({ holder: serviceLeases.holder }).from(serviceLeases).where(and(eq(serviceLeases.name, name), sql`${serviceLeases.expiresAt} >= ${clock.now().getTime()}`)).get();
      return row?.holder ?? null;
    },
  });
}

export type LeasesRepository = ReturnType<typeof createLeasesRepository>;
