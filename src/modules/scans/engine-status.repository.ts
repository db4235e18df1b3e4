import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { engineStatus } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import type { BlockSignal, SearchOutcome } from '../../providers/provider.types.ts';
import { backoffSeconds } from './engine-backoff.models.ts';
import { gated } from '../../db/transaction.ts';
import { requestQuery } from '../../db/request-query.ts';

export type EngineStatusRow = typeof engineStatus.$inferSelect;

/** Used when the composition root passes no cap (tests of other parts): the documented default, 24 hours. */
const DEFAULT_MAX_BACKOFF_SECONDS = 24 * 3600;

/**
 * One row per engine instance (`bing`, `searxng`, `searxng#2`): whether it works, and while it refuses,
 * until when it rests. Blocks are a property of this installation's address, so the row is shared by every
 * person's scans.
 */
export function createEngineStatusRepository({ db, clock, maxBackoffSeconds = DEFAULT_MAX_BACKOFF_SECONDS }: { db: Db; clock: Clock; maxBackoffSeconds?: number }) {
  const { engineStatus } = tablesOf(db);
  // Listed on every overview: prepared once on SQLite (requestQuery).
  const all = requestQuery(db, [], () => db.select().from(engineStatus));
  return gated(db, {
    async get(engine: string): Promise<EngineStatusRow | null> {
      return (await db.select().from(engineStatus).where(eq(engineStatus.engine, engine)).limit(1))[0] ?? null;
    },
    async list(): Promise<EngineStatusRow[]> {
      return all({});
    },
    /** The engine is resting after a block: searching now would only prolong the block. */
    async suspendedUntil(engine: string): Promise<Date | null> {
      const row = await this.get(engine);
      if (!row || row.state !== 'suspended' || !row.suspendedUntil) return null;
      return row.suspendedUntil > clock.now() ? row.suspendedUntil : null;
    },
    async record(engine: string, outcome: SearchOutcome, signal: BlockSignal | undefined): Promise<EngineStatusRow> {
      const now = clock.now();
      const previous = await this.get(engine);
      const next =
        outcome === 'ok'
          ? { state: 'ok' as const, lastOutcome: outcome, lastSignal: null, blockedSince: null, suspendedUntil: null, lastOkAt: now, consecutiveFailures: 0 }
          : (() => {
              const failures = (previous?.consecutiveFailures ?? 0) + 1;
              const effective = signal ?? 'http_error';
              const pause = backoffSeconds({ outcome, signal: effective, consecutiveFailures: failures, maxSeconds: maxBackoffSeconds });
              return {
                state: 'suspended' as const,
                lastOutcome: outcome,
                lastSignal: effective,
                blockedSince: previous?.state === 'suspended' ? (previous.blockedSince ?? now) : now,
                suspendedUntil: new Date(now.getTime() + pause * 1000),
                lastOkAt: previous?.lastOkAt ?? null,
                consecutiveFailures: failures,
              };
            })();
      const row = { engine, ...next, updatedAt: now };
      await db.insert(engineStatus).values(row).onConflictDoUpdate({ target: engineStatus.engine, set: { ...next, updatedAt: now } });
      return { ...row };
    },
    /**
     * Lifts a pause by hand (the operator knows the block is gone, or wants to see): the next search tries
     * the engine, and a refusal then starts again at the shortest pause. The last signal stays visible until
     * a search succeeds. Null when the engine has no status yet (nothing to lift).
     */
    async resume(engine: string): Promise<EngineStatusRow | null> {
      const previous = await this.get(engine);
      if (!previous) return null;
      if (previous.state === 'ok') return previous;
      const now = clock.now();
      const lifted = { suspendedUntil: now, consecutiveFailures: 0, updatedAt: now };
      await db.update(engineStatus).set(lifted).where(eq(engineStatus.engine, engine));
      return { ...previous, ...lifted };
    },
    async clear(engine: string): Promise<void> {
      await db.delete(engineStatus).where(eq(engineStatus.engine, engine));
    },
  });
}

export type EngineStatusRepository = ReturnType<typeof createEngineStatusRepository>;
