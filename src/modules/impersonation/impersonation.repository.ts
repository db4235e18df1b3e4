import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import type { impersonationChecks as impersonationChecksTable } from '../../db/schema/index.ts';
import { changedRows } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import type { FieldCipher } from '../evidence/field-cipher.models.ts';
import { IMPERSONATION_CHECK_FIELDS } from '../evidence/sealed-pages.models.ts';
import type { Probe } from './impersonation.models.ts';
import type { ScanRun, ScansRepository } from '../scans/scans.repository.ts';
import { gated, transaction } from '../../db/transaction.ts';

export type ImpersonationCheck = typeof impersonationChecksTable.$inferSelect;
export type SettledStatus = Exclude<ImpersonationCheck['status'], 'pending'>;

/**
 * Addresses and handles are sealed and bound to the check; callers pass and get clear values. `scans` ends
 * the run whose last open part a settle was (a run waits for its lookups as for its pages).
 */
export function createImpersonationRepository({ db, clock, cipher, scans }: { db: Db; clock: Clock; cipher: FieldCipher; scans: Pick<ScansRepository, 'finishIfComplete'> }) {
  const { impersonationChecks, scanRuns } = tablesOf(db);
  const open = (row: ImpersonationCheck): ImpersonationCheck => IMPERSONATION_CHECK_FIELDS.open(cipher, row, row.id);
  return gated(db, {
    /**
     * Records the run's lookups (idempotent: a resumed scan plans the same probes and adds none twice).
     * Returns the ids of every check of the run still pending, new or not.
     */
    async plan(args: { scanRunId: string; personId: string; listVersion: string; probes: readonly Probe[] }): Promise<string[]> {
      return transaction(db, async () => {
        for (const probe of args.probes) {
          const id = createId('imp');
          const probeKey = cipher.index(`impersonation-probe:${args.scanRunId}`, `${probe.siteId}\u0000${probe.handle}`);
          await db.insert(impersonationChecks).values({
            id, scanRunId: args.scanRunId, personId: args.personId, siteId: probe.siteId, listVersion: args.listVersion, probeKey,
            ...IMPERSONATION_CHECK_FIELDS.seal(cipher, { url: probe.url, handle: probe.handle, identifier: probe.identifier }, id),
            source: probe.source, status: 'pending', createdAt: clock.now(),
          }).onConflictDoNothing();
        }
        return this.pendingIds(args.scanRunId);
      });
    },
    async get(id: string): Promise<ImpersonationCheck | null> {
      const row = (await db.select().from(impersonationChecks).where(eq(impersonationChecks.id, id)).limit(1))[0];
      return row ? open(row) : null;
    },
    async pendingIds(scanRunId: string): Promise<string[]> {
      return (await db.select({ id: impersonationChecks.id }).from(impersonationChecks)
        .where(and(eq(impersonationChecks.scanRunId, scanRunId), eq(impersonationChecks.status, 'pending'))).orderBy(asc(impersonationChecks.createdAt))).map((r) => r.id);
    },
    /**
     * Inside the job's completing transaction: the check's end, for a profile stored as an exposure the run's
     * hit counters, and when this was the run's last open part the run's end move together. Returns the run
     * it ended (for the caller to announce after the commit), else null: a worker killed between this commit
     * and a separate finish would leave the run "running" for good. A check already settled is left as it is.
     */
    async settle(args: { id: string; status: SettledStatus; reason: string; httpStatus: number | null; hit?: { id: string; isNew: boolean } }): Promise<ScanRun | null> {
      return transaction(db, async () => {
        const changed = changedRows(await db.update(impersonationChecks)
          .set({ status: args.status, reason: args.reason, httpStatus: args.httpStatus, hitId: args.hit?.id ?? null, checkedAt: clock.now() })
          .where(and(eq(impersonationChecks.id, args.id), eq(impersonationChecks.status, 'pending'))));
        if (changed === 0) return null;
        const check = (await db.select({ runId: impersonationChecks.scanRunId }).from(impersonationChecks).where(eq(impersonationChecks.id, args.id)).limit(1))[0];
        if (!check) return null;
        if (args.hit) {
          await db.update(scanRuns).set({
            hitsNew: sql`${scanRuns.hitsNew} + ${args.hit.isNew ? 1 : 0}`,
            hitsSeen: sql`${scanRuns.hitsSeen} + ${args.hit.isNew ? 0 : 1}`,
          }).where(eq(scanRuns.id, check.runId));
        }
        return scans.finishIfComplete(check.runId);
      });
    },
    async listOfRun(scanRunId: string): Promise<ImpersonationCheck[]> {
      return (await db.select().from(impersonationChecks).where(eq(impersonationChecks.scanRunId, scanRunId)).orderBy(asc(impersonationChecks.siteId), asc(impersonationChecks.createdAt))).map(open);
    },
  });
}

export type ImpersonationRepository = ReturnType<typeof createImpersonationRepository>;
