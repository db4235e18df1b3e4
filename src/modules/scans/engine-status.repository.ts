import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { engineStatus } from '../../db/schema/index.ts';
import type { BlockSignal, SearchOutcome } from '../../providers/provider.types.ts';
import { MAX_BAN_TIME_ON_FAIL_SECONDS, SUSPENSION_SECONDS } from '../../providers/block-signals.ts';

export type EngineStatusRow = typeof engineStatus.$inferSelect;

/** Suspension for one failed search: the signal's fixed time, or for plain errors a doubling back-off. */
export function suspensionSeconds(signal: BlockSignal, consecutiveFailures: number): number {
  if (signal === 'http_error' || signal === 'unparseable') {
    return Math.min(MAX_BAN_TIME_ON_FAIL_SECONDS, SUSPENSION_SECONDS[signal] * 2 ** Math.max(0, consecutiveFailures - 1));
  }
  return SUSPENSION_SECONDS[signal];
}

export function createEngineStatusRepository({ db, clock }: { db: Db; clock: Clock }) {
  return {
    get(engine: string): EngineStatusRow | null {
      return db.select().from(engineStatus).where(eq(engineStatus.engine, engine)).get() ?? null;
    },
    list(): EngineStatusRow[] {
      return db.select().from(engineStatus).all();
    },
    /** The engine is resting after a block: searching now would only prolong the block. */
    suspendedUntil(engine: string): Date | null {
      const row = this.get(engine);
      if (!row || row.state !== 'suspended' || !row.suspendedUntil) return null;
      return row.suspendedUntil > clock.now() ? row.suspendedUntil : null;
    },
    record(engine: string, outcome: SearchOutcome, signal: BlockSignal | undefined): EngineStatusRow {
      const now = clock.now();
      const previous = this.get(engine);
      const next =
        outcome === 'ok'
          ? { state: 'ok' as const, lastOutcome: outcome, lastSignal: null, blockedSince: null, suspendedUntil: null, lastOkAt: now, consecutiveFailures: 0 }
          : (() => {
              const failures = (previous?.consecutiveFailures ?? 0) + 1;
              const effective = signal ?? 'http_error';
              return {
                state: 'suspended' as const,
                lastOutcome: outcome,
                lastSignal: effective,
                blockedSince: previous?.blockedSince ?? now,
                suspendedUntil: new Date(now.getTime() + suspensionSeconds(effective, failures) * 1000),
                lastOkAt: previous?.lastOkAt ?? null,
                consecutiveFailures: failures,
              };
            })();
      const row = { engine, ...next, updatedAt: now };
      db.insert(engineStatus).values(row).onConflictDoUpdate({ target: engineStatus.engine, set: next }).run();
      return { ...row };
    },
    clear(engine: string): void {
      db.delete(engineStatus).where(eq(engineStatus.engine, engine)).run();
    },
  };
}

export type EngineStatusRepository = ReturnType<typeof createEngineStatusRepository>;
