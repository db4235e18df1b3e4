import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import type { hitSnippets, uncheckedPages } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import type { EngineSnippet } from '../hits/snippet-match.models.ts';
import type { FieldCipher } from '../evidence/field-cipher.models.ts';
import { CANDIDATE_FIELDS, CANDIDATE_RESULT_FIELDS, HIT_SNIPPET_FIELDS, UNCHECKED_FIELDS, candidateRowKey, normalizedOf, pageUrlIndex } from '../evidence/sealed-pages.models.ts';
import { reasonForVisitError, isUncheckedReason, type UncheckedReason, type VisitPath } from './page-check.models.ts';
import { gated } from '../../db/transaction.ts';

export type UncheckedPage = typeof uncheckedPages.$inferSelect;
export type HitSnippet = typeof hitSnippets.$inferSelect;

/** Addresses and engine text are stored sealed and looked up by blind index; callers see clear values. */
export function createUncheckedPagesRepository({ db, clock, cipher }: { db: Db; clock: Clock; cipher: FieldCipher }) {
  const { candidateResults, candidates, hitSnippets, uncheckedPages } = tablesOf(db);
  /** Still shown as "could not check": waiting for a retry, or out of retries (never silently dropped). */
  const stillUnchecked = or(isNull(uncheckedPages.resolution), eq(uncheckedPages.resolution, 'gave_up'));
  const openPage = (row: UncheckedPage): UncheckedPage => {
    const opened = UNCHECKED_FIELDS.open(cipher, row, row.id);
    return { ...opened, normalizedUrl: normalizedOf(opened.url) };
  };
  const openSnippet = (row: HitSnippet): HitSnippet => HIT_SNIPPET_FIELDS.open(cipher, row, row.hitId);
  const byUrl = (personId: string, normalizedUrl: string) => and(eq(uncheckedPages.personId, personId), eq(uncheckedPages.normalizedUrl, pageUrlIndex(cipher, personId, normalizedUrl)));
  return gated(db, {
    /**
     * Records that a page could not be checked (call inside the job's transaction). A page already waiting
     * for a retry keeps its retry count and time; one that was checked before, or never seen, starts over.
     */
    async record(args: { personId: string; url: string; normalizedUrl: string; host: string; reason: UncheckedReason; httpStatus: number | null; path: VisitPath; scanRunId: string | null; nextRetryAt: Date | null }): Promise<UncheckedPage> {
      const now = clock.now();
      const [existing] = await db.select().from(uncheckedPages).where(byUrl(args.personId, args.normalizedUrl)).limit(1);
      const id = existing?.id ?? createId('unck');
      const seen = { ...UNCHECKED_FIELDS.seal(cipher, { url: args.url }, id), host: args.host, reason: args.reason, httpStatus: args.httpStatus, lastPath: args.path, lastTriedAt: now, lastScanRunId: args.scanRunId ?? existing?.lastScanRunId ?? null };
      if (existing && existing.resolution === null) {
        await db.update(uncheckedPages).set({ ...seen, nextRetryAt: existing.nextRetryAt ?? args.nextRetryAt }).where(eq(uncheckedPages.id, existing.id));
        return (await this.get(existing.id))!;
      }
      if (existing) {
        await db.update(uncheckedPages).set({ ...seen, retriesDone: 0, nextRetryAt: args.nextRetryAt, resolution: null, resolvedAt: null }).where(eq(uncheckedPages.id, existing.id));
        return (await this.get(existing.id))!;
      }
      await db.insert(uncheckedPages).values({ id, personId: args.personId, normalizedUrl: pageUrlIndex(cipher, args.personId, args.normalizedUrl), firstSeenAt: now, retriesDone: 0, nextRetryAt: args.nextRetryAt, ...seen });
      return (await this.get(id))!;
    },
    async get(id: string): Promise<UncheckedPage | null> {
      const [row] = await db.select().from(uncheckedPages).where(eq(uncheckedPages.id, id)).limit(1);
      return row ? openPage(row) : null;
    },
    /** After a retry that still could not check the page. */
    async recordRetry(id: string, args: { reason: UncheckedReason; httpStatus: number | null; path: VisitPath; nextRetryAt: Date | null }): Promise<void> {
      const now = clock.now();
      await db.update(uncheckedPages).set({
        reason: args.reason, httpStatus: args.httpStatus, lastPath: args.path, lastTriedAt: now, nextRetryAt: args.nextRetryAt,
        retriesDone: sql`${uncheckedPages.retriesDone} + 1`,
        ...(args.nextRetryAt === null ? { resolution: 'gave_up' as const, resolvedAt: now } : {}),
      }).where(eq(uncheckedPages.id, id));
    },
    /** The page was read (in a scan or on a retry): it leaves the "could not check" list. */
    async resolveChecked(personId: string, normalizedUrl: string, path?: VisitPath): Promise<void> {
      const now = clock.now();
      await db.update(uncheckedPages).set({ resolution: 'checked', resolvedAt: now, lastTriedAt: now, nextRetryAt: null, ...(path ? { lastPath: path } : {}) })
        .where(and(byUrl(personId, normalizedUrl), stillUnchecked));
    },
    async listForPeople(personIds: string[], limit = 200): Promise<UncheckedPage[]> {
      if (personIds.length === 0) return [];
      return (await db.select().from(uncheckedPages).where(and(inArray(uncheckedPages.personId, personIds), stillUnchecked)).orderBy(desc(uncheckedPages.lastTriedAt)).limit(limit)).map(openPage);
    },
    async dueForRetry(now: Date, limit = 50): Promise<UncheckedPage[]> {
      return (await db.select().from(uncheckedPages).where(and(isNull(uncheckedPages.resolution), lte(uncheckedPages.nextRetryAt, now))).orderBy(asc(uncheckedPages.nextRetryAt)).limit(limit)).map(openPage);
    },
    /** What every engine showed for a candidate page; the candidate's own title and snippet when none was recorded. */
    async snippetsForCandidate(candidateId: number): Promise<EngineSnippet[]> {
      const rows = await db.select().from(candidateResults).where(eq(candidateResults.candidateId, candidateId)).orderBy(asc(candidateResults.id));
      if (rows.length > 0) {
        return rows.map((row) => CANDIDATE_RESULT_FIELDS.open(cipher, row, String(candidateId)))
          .map((r) => ({ engine: r.engine, searchOutcomeId: r.searchOutcomeId, title: r.title ?? '', snippet: r.snippet ?? '', seenAt: r.createdAt }));
      }
      const [row] = await db.select().from(candidates).where(eq(candidates.id, candidateId)).limit(1);
      const c = row ? CANDIDATE_FIELDS.open(cipher, row, candidateRowKey(row.scanRunId, row.normalizedUrl)) : null;
      return c ? [{ engine: c.engines[0] ?? '', searchOutcomeId: null, title: c.title ?? '', snippet: c.snippet ?? '', seenAt: c.createdAt }] : [];
    },
    async addHitSnippets(hitId: string, scanRunId: string | null, snippets: readonly EngineSnippet[]): Promise<void> {
      for (const s of snippets) {
        await db.insert(hitSnippets).values({ hitId, scanRunId, engine: s.engine, searchOutcomeId: s.searchOutcomeId, ...HIT_SNIPPET_FIELDS.seal(cipher, { title: s.title, snippet: s.snippet }, hitId), seenAt: s.seenAt });
      }
    },
    async snippetsOfHit(hitId: string): Promise<HitSnippet[]> {
      return (await db.select().from(hitSnippets).where(eq(hitSnippets.hitId, hitId)).orderBy(desc(hitSnippets.seenAt), desc(hitSnippets.id))).map(openSnippet);
    },
    /** The pages of one run that could not be checked, with the reason (for the scan report). */
    async uncheckedOfRun(runId: string): Promise<{ url: string; reason: UncheckedReason }[]> {
      const rows = await db.select({ url: candidates.url, normalizedUrl: candidates.normalizedUrl, status: candidates.status, skipReason: candidates.skipReason }).from(candidates)
        .where(and(eq(candidates.scanRunId, runId), inArray(candidates.status, ['failed', 'unchecked']))).orderBy(asc(candidates.id));
      return rows.map((c) => ({ url: CANDIDATE_FIELDS.open(cipher, { url: c.url }, candidateRowKey(runId, c.normalizedUrl)).url!, reason: c.skipReason && isUncheckedReason(c.skipReason) ? c.skipReason : reasonForVisitError(c.skipReason ?? '') }));
    },
  });
}

export type UncheckedPagesRepository = ReturnType<typeof createUncheckedPagesRepository>;
