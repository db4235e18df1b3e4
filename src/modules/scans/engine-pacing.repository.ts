import os from 'node:os';
import type { Db } from '../../db/client.ts';
import { transaction } from '../../db/transaction.ts';
import { isPidAlive } from '../jobs/heartbeats.repository.ts';
import { tablesOf } from '../../db/tables.ts';
import { eq } from 'drizzle-orm';
import type { EnginePacing, EngineTurn } from './engine-pacing.models.ts';
import { decideTurn, holderProcess } from './engine-pacing.models.ts';

/** A holder on this machine whose process no longer runs (killed mid-request); holders elsewhere count as alive. */
export function localHolderGone(holder: string): boolean {
  const process = holderProcess(holder);
  return process !== null && process.host === os.hostname() && !isPidAlive(process.pid);
}

/**
 * Engine turns kept in the database, so that the politeness interval holds across every worker process sharing
 * it, not only inside one: two workers never query one engine at the same moment, and each waits the interval
 * after the other's request ended.
 */
export function createEnginePacingRepository({ db, holderGone = localHolderGone }: { db: Db; holderGone?: (holder: string) => boolean }): EnginePacing {
  const { enginePacing } = tablesOf(db);
  const turnOf = async (engine: string) => (await db.select().from(enginePacing).where(eq(enginePacing.engine, engine)).limit(1))[0];
  return {
    async take(engine: string, holder: string, nowMs: number, busyForMs: number): Promise<EngineTurn> {
      return await transaction(db, async () => {
        const row = await turnOf(engine);
        const turn = decideTurn(row ?? null, nowMs, holderGone);
        if (turn.go) {
          const busyUntil = Math.ceil(nowMs + busyForMs);
          if (row) await db.update(enginePacing).set({ busyUntil, holder }).where(eq(enginePacing.engine, engine));
          else await db.insert(enginePacing).values({ engine, nextAt: Math.ceil(nowMs), busyUntil, holder });
        }
        return turn;
      });
    },
    async finished(engine: string, holder: string, atMs: number, gapMs: number): Promise<void> {
      await transaction(db, async () => {
        const row = await turnOf(engine);
        // A turn that outlived its bound may already belong to another worker: only its holder ends it.
        if (!row || row.holder !== holder) return;
        // The gap carries random jitter: rounded up to a whole millisecond, as the integer column holds (PostgreSQL
        // refuses a fraction for bigint; SQLite would quietly store a real).
        await db.update(enginePacing).set({ nextAt: Math.max(row.nextAt, Math.ceil(atMs + gapMs)), busyUntil: 0, holder: null }).where(eq(enginePacing.engine, engine));
      });
    },
  };
}
