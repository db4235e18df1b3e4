import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import type { candidates, scanRuns } from '../../db/schema/index.ts';
import { changedRows } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import type { SearchResult } from '../../providers/provider.types.ts';
import type { PageOutcome } from '../../providers/paging.models.ts';
import type { FieldCipher } from '../evidence/field-cipher.models.ts';
import { CANDIDATE_FIELDS, CANDIDATE_RESULT_FIELDS, candidateRowKey, normalizedOf, pageUrlIndex, searchQueryIndex } from '../evidence/sealed-pages.models.ts';
import { gated, transaction } from '../../db/transaction.ts';
import { runErrors } from './run-errors.models.ts';

/** What a candidate found inside another page (a frame of another site) names as its source instead of an engine. */
export const EMBEDDED_SOURCE = 'embedded';

export type ScanRun = typeof scanRuns.$inferSelect;
export type Candidate = typeof candidates.$inferSelect;
export type ScanTrigger = ScanRun['trigger'];

/**
 * Queries are stored as blind indexes (they are only ever compared), candidates' addresses, titles and
 * snippets and every engine's result text sealed; candidates come back with clear values.
 */
export function openCandidate(cipher: FieldCipher, row: Candidate): Candidate {
  const opened = CANDIDATE_FIELDS.open(cipher, row, candidateRowKey(row.scanRunId, row.normalizedUrl));
  return { ...opened, normalizedUrl: normalizedOf(opened.url) };
}

export function createScansRepository({ db, clock, cipher }: { db: Db; clock: Clock; cipher: FieldCipher }) {
  const { candidateResults, candidates, impersonationChecks, people, scanRuns, searchOutcomes } = tablesOf(db);
  const runById = async (id: string): Promise<ScanRun | undefined> => (await db.select().from(scanRuns).where(eq(scanRuns.id, id)).limit(1))[0];
  const outcomeOf = (runId: string, engine: string, query: string) =>
    and(eq(searchOutcomes.scanRunId, runId), eq(searchOutcomes.engine, engine), eq(searchOutcomes.query, searchQueryIndex(cipher, runId, query)));
  /** The run's candidate for a page (by its keyed address index), if the run has one. */
  const candidateOfRun = async (runId: string, urlIndex: string) =>
    (await db.select().from(candidates).where(and(eq(candidates.scanRunId, runId), eq(candidates.normalizedUrl, urlIndex))).limit(1))[0];

  return gated(db, {
    /**
     * One scan at a time per person: when a scan is already queued or running it is returned instead of
     * starting a second one (a double click on "scan now", a schedule tick during a manual scan).
     */
    async createRun(args: { personId: string; trigger: ScanTrigger; engines: string[]; allowHosts: string[]; rotationCursor: number }): Promise<{ run: ScanRun; created: boolean }> {
      return transaction(db, async () => {
        const [active] = await db.select().from(scanRuns).where(and(eq(scanRuns.personId, args.personId), inArray(scanRuns.status, ['queued', 'running']))).limit(1);
        if (active) return { run: active, created: false };
        const run = { id: createId('scan'), personId: args.personId, trigger: args.trigger, status: 'queued' as const, engines: args.engines, allowHosts: args.allowHosts, rotationCursor: args.rotationCursor, createdAt: clock.now() };
        await db.insert(scanRuns).values(run);
        return { run: (await runById(run.id))!, created: true };
      });
    },
    async getRun(id: string): Promise<ScanRun | null> {
      return (await runById(id)) ?? null;
    },
    /** Recent runs of several people (the ones an account may see), newest first. */
    async listRunsForPeople(personIds: string[], limit = 50): Promise<ScanRun[]> {
      if (personIds.length === 0) return [];
      return db.select().from(scanRuns).where(inArray(scanRuns.personId, personIds)).orderBy(desc(scanRuns.createdAt)).limit(limit);
    },
    async listRuns(personId: string, limit = 20): Promise<ScanRun[]> {
      return db.select().from(scanRuns).where(eq(scanRuns.personId, personId)).orderBy(desc(scanRuns.createdAt)).limit(limit);
    },
    async markRunning(id: string, queriesPlanned: number): Promise<void> {
      await db.update(scanRuns).set({ status: 'running', startedAt: sql`coalesce(${scanRuns.startedAt}, ${clock.now().getTime()})`, queriesPlanned }).where(eq(scanRuns.id, id));
    },
    async hasOutcome(runId: string, engine: string, query: string): Promise<boolean> {
      return (await db.select({ id: searchOutcomes.id }).from(searchOutcomes).where(outcomeOf(runId, engine, query)).limit(1)).length > 0;
    },
    /** The per-page outcomes of a query, next to its search row (only when more than one page was asked). */
    async recordPageOutcomes(args: { runId: string; engine: string; query: string; pages: PageOutcome[] | undefined }): Promise<void> {
      if (!args.pages || args.pages.length < 2) return;
      await db.update(searchOutcomes).set({ pageOutcomes: args.pages }).where(outcomeOf(args.runId, args.engine, args.query));
    },
    /**
     * Records one search and the pages it returned in one transaction. Returns the ids of candidates new
     * to this run; pages already found by another engine or query only gain the engine's name.
     */
    recordSearch(args: {
      runId: string; personId: string; engine: string; query: string; queryKind: string;
      outcome: 'ok' | 'blocked' | 'captcha' | 'rate_limited' | 'error' | 'skipped'; signal: string | null; durationMs: number;
      results: (SearchResult & { normalizedUrl: string })[];
    }): Promise<number[]> {
      return transaction(db, async () => {
        const inserted = await db.insert(searchOutcomes).values({
          scanRunId: args.runId, engine: args.engine, query: searchQueryIndex(cipher, args.runId, args.query), queryKind: args.queryKind, outcome: args.outcome,
          signal: args.signal, resultCount: args.results.length, durationMs: args.durationMs, createdAt: clock.now(),
        }).onConflictDoNothing().returning({ id: searchOutcomes.id });
        if (inserted.length === 0) return [];
        const created: number[] = [];
        for (const result of args.results) {
          const urlIndex = pageUrlIndex(cipher, args.personId, result.normalizedUrl);
          const existing = await candidateOfRun(args.runId, urlIndex);
          // Every engine's title and snippet is kept: when the page cannot be read, they are matched instead.
          const text = { title: result.title.slice(0, 500), snippet: result.snippet.slice(0, 1000) };
          const shown = (candidateId: number) => ({ candidateId, searchOutcomeId: inserted[0]!.id, engine: args.engine, ...CANDIDATE_RESULT_FIELDS.seal(cipher, text, String(candidateId)), createdAt: clock.now() });
          if (existing) {
            if (!existing.engines.includes(args.engine)) await db.update(candidates).set({ engines: [...existing.engines, args.engine] }).where(eq(candidates.id, existing.id));
            await db.insert(candidateResults).values(shown(existing.id));
            continue;
          }
          const [row] = await db.insert(candidates).values({
            scanRunId: args.runId, personId: args.personId, normalizedUrl: urlIndex, engines: [args.engine],
            ...CANDIDATE_FIELDS.seal(cipher, { url: result.url, ...text }, candidateRowKey(args.runId, urlIndex)), createdAt: clock.now(),
          }).returning({ id: candidates.id });
          await db.insert(candidateResults).values(shown(row!.id));
          created.push(row!.id);
        }
        await db.update(scanRuns).set({
          queriesDone: sql`${scanRuns.queriesDone} + 1`,
          candidatesFound: sql`${scanRuns.candidatesFound} + ${created.length}`,
        }).where(eq(scanRuns.id, args.runId));
        return created;
      });
    },
    /**
     * Pages found inside a page rather than by an engine (a frame of another site that shows the person): added
     * to the run as candidates of their own, marked `embedded`, up to `maxCandidates` for the run. Addresses the
     * run already has are left as they are. Returns the new candidates' ids; call inside a transaction.
     */
    async addEmbeddedCandidates(args: { runId: string; personId: string; pages: { url: string; normalizedUrl: string }[]; maxCandidates: number }): Promise<number[]> {
      const run = await runById(args.runId);
      if (!run) return [];
      let room = Math.max(0, args.maxCandidates - run.candidatesFound);
      const created: number[] = [];
      for (const page of args.pages) {
        if (room === 0) break;
        const urlIndex = pageUrlIndex(cipher, args.personId, page.normalizedUrl);
        if (await candidateOfRun(args.runId, urlIndex)) continue;
        const [row] = await db.insert(candidates).values({
          scanRunId: args.runId, personId: args.personId, normalizedUrl: urlIndex, engines: [EMBEDDED_SOURCE],
          ...CANDIDATE_FIELDS.seal(cipher, { url: page.url, title: '', snippet: '' }, candidateRowKey(args.runId, urlIndex)), createdAt: clock.now(),
        }).returning({ id: candidates.id });
        created.push(row!.id);
        room -= 1;
      }
      if (created.length > 0) await db.update(scanRuns).set({ candidatesFound: sql`${scanRuns.candidatesFound} + ${created.length}` }).where(eq(scanRuns.id, args.runId));
      return created;
    },
    async pendingCandidateIds(runId: string): Promise<number[]> {
      return (await db.select({ id: candidates.id }).from(candidates).where(and(eq(candidates.scanRunId, runId), eq(candidates.status, 'pending'))).orderBy(asc(candidates.id))).map((r) => r.id);
    },
    async getCandidate(id: number): Promise<Candidate | null> {
      const [row] = await db.select().from(candidates).where(eq(candidates.id, id)).limit(1);
      return row ? openCandidate(cipher, row) : null;
    },
    /**
     * Inside the page job's completing transaction: the candidate's end and the run's counters move together,
     * and when this was the run's last open part the run ends with them. Returns the run it ended (for the
     * caller to announce after the commit), else null. Ending the run anywhere else would need a second
     * commit, and a worker killed between the two would leave the run "running" for good: no job is left
     * that would look at it again. A candidate already settled changes nothing and ends nothing.
     */
    async settleCandidate(args: { candidateId: number; runId: string; status: 'visited' | 'skipped' | 'failed' | 'unchecked'; skipReason?: string; hit?: 'new' | 'seen' }): Promise<ScanRun | null> {
      return transaction(db, async () => {
        const changed = changedRows(await db.update(candidates).set({ status: args.status, skipReason: args.skipReason ?? null })
          .where(and(eq(candidates.id, args.candidateId), eq(candidates.status, 'pending'))));
        if (changed === 0) return null;
        await db.update(scanRuns).set({
          pagesVisited: sql`${scanRuns.pagesVisited} + ${args.status === 'visited' ? 1 : 0}`,
          pagesFailed: sql`${scanRuns.pagesFailed} + ${args.status === 'failed' ? 1 : 0}`,
          pagesUnchecked: sql`${scanRuns.pagesUnchecked} + ${args.status === 'unchecked' ? 1 : 0}`,
          hitsNew: sql`${scanRuns.hitsNew} + ${args.hit === 'new' ? 1 : 0}`,
          hitsSeen: sql`${scanRuns.hitsSeen} + ${args.hit === 'seen' ? 1 : 0}`,
        }).where(eq(scanRuns.id, args.runId));
        return this.finishIfComplete(args.runId);
      });
    },
    async markSearchesFinished(runId: string): Promise<void> {
      await db.update(scanRuns).set({ searchesFinishedAt: clock.now() }).where(and(eq(scanRuns.id, runId), isNull(scanRuns.searchesFinishedAt)));
    },
    async outcomeCounts(runId: string): Promise<Record<string, number>> {
      const rows = await db.select({ outcome: searchOutcomes.outcome, n: sql<number>`count(*)` }).from(searchOutcomes).where(eq(searchOutcomes.scanRunId, runId)).groupBy(searchOutcomes.outcome);
      return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
    },
    async outcomesByEngine(runId: string) {
      const rows = await db.select({ engine: searchOutcomes.engine, outcome: searchOutcomes.outcome, signal: searchOutcomes.signal, n: sql<number>`count(*)` })
        .from(searchOutcomes).where(eq(searchOutcomes.scanRunId, runId)).groupBy(searchOutcomes.engine, searchOutcomes.outcome, searchOutcomes.signal);
      return rows.map((r) => ({ ...r, n: Number(r.n) }));
    },
    /**
     * A run ends when every search has an outcome and every candidate page is settled. It failed when no
     * search succeeded (a blocked scan never reads as "nothing found"), and is partial when some did not.
     * Settling a page or a handle lookup calls this itself; others call it when the run may be complete for
     * another reason (the searches' end).
     */
    async finishIfComplete(runId: string): Promise<ScanRun | null> {
      return transaction(db, async () => {
        const run = await runById(runId);
        if (!run || run.finishedAt || !run.searchesFinishedAt) return null;
        if ((await this.pendingCandidateIds(runId)).length > 0) return null;
        // The run's handle lookups (impersonation watch) are part of it too.
        const pendingChecks = await db.select({ id: impersonationChecks.id }).from(impersonationChecks)
          .where(and(eq(impersonationChecks.scanRunId, runId), eq(impersonationChecks.status, 'pending'))).limit(1);
        if (pendingChecks.length > 0) return null;
        const counts = await this.outcomeCounts(runId);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        const ok = counts.ok ?? 0;
        // Judged on the searches: a page that could not be opened (refused, gone, hanging) is counted in
        // pagesFailed and shown, but it does not make the web search itself incomplete.
        // Pages found but none of them could be read (all refused, walled or failed): not a clean scan either.
        const noPageChecked = ok > 0 && run.pagesVisited === 0 && run.pagesFailed + run.pagesUnchecked > 0;
        const status = ok === 0 ? 'failed' : ok < total || noPageChecked ? 'partial' : 'succeeded';
        // No search at all is not a blocked engine: the chosen engines had nothing to look for (an engine that
        // searches by photo, with no photo of the person allowing it).
        const error = total === 0 ? runErrors.nothingSearched : ok === 0 ? runErrors.noSearchSucceeded : noPageChecked ? runErrors.noPageChecked : null;
        const now = clock.now();
        await db.update(scanRuns).set({ status, finishedAt: now, error }).where(eq(scanRuns.id, runId));
        await db.update(people).set({ lastScanAt: now, ...(status !== 'failed' && !noPageChecked ? { lastSuccessAt: now } : {}) }).where(eq(people.id, run.personId));
        return (await runById(runId))!;
      });
    },
    async failRun(runId: string, error: string): Promise<void> {
      await db.update(scanRuns).set({ status: 'failed', error, finishedAt: clock.now() }).where(and(eq(scanRuns.id, runId), isNull(scanRuns.finishedAt)));
    },
  });
}

export type ScansRepository = ReturnType<typeof createScansRepository>;
