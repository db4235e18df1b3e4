import { and, asc, desc, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import type { caseEvents, takedownCases } from '../../db/schema/index.ts';
import { changedRows } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import type { CaseFacts } from './cases.stats.models.ts';
import type { CaseStatus, EvidenceItem } from './cases.models.ts';
import type { FieldCipher } from '../evidence/field-cipher.models.ts';
import { CASE_DRAFT_FIELDS } from '../evidence/sealed-pages.models.ts';
import { gated, transaction } from '../../db/transaction.ts';

export type CaseRow = typeof takedownCases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CasePatch = Partial<Omit<CaseRow, 'id' | 'hitId' | 'createdAt'>>;

/** Who did something to a case: the person (dashboard, API), the scheduler, or the scan that opened it. */
export type CaseActor = 'person' | 'scheduler' | 'system';

export interface NewCaseEvent {
  kind: string;
  actor: CaseActor;
  detail?: Record<string, unknown> | null;
}

/** The drafted subject and body are stored sealed; every row this repository returns carries them clear. */
export const openCase = (cipher: FieldCipher, row: CaseRow): CaseRow => CASE_DRAFT_FIELDS.open(cipher, row, row.id);

export function createCasesRepository({ db, clock, cipher }: { db: Db; clock: Clock; cipher: FieldCipher }) {
  const { captures, caseEvents, hits, takedownCases } = tablesOf(db);
  const open = (row: CaseRow | undefined): CaseRow | null => (row ? openCase(cipher, row) : null);
  const byId = async (id: string) => open((await db.select().from(takedownCases).where(eq(takedownCases.id, id)).limit(1))[0]);
  const addEvent = async (caseId: string, event: NewCaseEvent, at = clock.now()): Promise<void> => {
    await db.insert(caseEvents).values({ caseId, at, kind: event.kind, actor: event.actor, detail: event.detail ?? null });
  };

  return gated(db, {
    async get(id: string): Promise<CaseRow | null> {
      return byId(id);
    },
    async getByHit(hitId: string): Promise<CaseRow | null> {
      return open((await db.select().from(takedownCases).where(eq(takedownCases.hitId, hitId)).limit(1))[0]);
    },
    /** One case per hit: when another writer got there first, its case is returned and nothing is written. */
    async insert(fields: Omit<typeof takedownCases.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>, events: NewCaseEvent[]): Promise<{ row: CaseRow; created: boolean }> {
      return transaction(db, async () => {
        const [existing] = await db.select().from(takedownCases).where(eq(takedownCases.hitId, fields.hitId)).limit(1);
        if (existing) return { row: open(existing)!, created: false };
        const now = clock.now();
        const id = createId('case');
        await db.insert(takedownCases).values({ ...CASE_DRAFT_FIELDS.seal(cipher, fields, id), id, createdAt: now, updatedAt: now });
        for (const e of events) await addEvent(id, e, now);
        return { row: (await byId(id))!, created: true };
      });
    },
    /** Updates only when the case is still in `expectedStatus`, so two concurrent changes cannot both apply. */
    async update(id: string, expectedStatus: CaseStatus, patch: CasePatch, events: NewCaseEvent[]): Promise<CaseRow | null> {
      return transaction(db, async () => {
        const now = clock.now();
        const changed = changedRows(await db
          .update(takedownCases)
          .set({ ...CASE_DRAFT_FIELDS.seal(cipher, patch, id), updatedAt: now })
          .where(and(eq(takedownCases.id, id), eq(takedownCases.status, expectedStatus))));
        if (changed !== 1) return null;
        for (const e of events) await addEvent(id, e, now);
        return (await byId(id))!;
      });
    },
    addEvent,
    async events(caseId: string): Promise<CaseEventRow[]> {
      return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at), asc(caseEvents.id));
    },
    async latestEvent(caseId: string, kind: string): Promise<CaseEventRow | null> {
      return (await db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind))).orderBy(desc(caseEvents.at), desc(caseEvents.id)).limit(1))[0] ?? null;
    },
    /** Sent notices whose deadline has passed. */
    async overdue(now: Date, limit = 500): Promise<CaseRow[]> {
      const rows = await db.select().from(takedownCases).where(and(eq(takedownCases.status, 'takedown_sent'), lte(takedownCases.deadlineAt, now))).orderBy(asc(takedownCases.deadlineAt)).limit(limit);
      return rows.map((r) => openCase(cipher, r));
    },
    async deadlineWithin(now: Date, until: Date, limit = 500): Promise<CaseRow[]> {
      const rows = await db
        .select()
        .from(takedownCases)
        .where(and(eq(takedownCases.status, 'takedown_sent'), gt(takedownCases.deadlineAt, now), lte(takedownCases.deadlineAt, until)))
        .orderBy(asc(takedownCases.deadlineAt))
        .limit(limit);
      return rows.map((r) => openCase(cipher, r));
    },
    async dueRechecks(now: Date, limit = 100): Promise<CaseRow[]> {
      const rows = await db
        .select()
        .from(takedownCases)
        .where(and(inArray(takedownCases.status, ['takedown_sent', 'no_response', 'refused']), lte(takedownCases.nextRecheckAt, now)))
        .orderBy(asc(takedownCases.nextRecheckAt))
        .limit(limit);
      return rows.map((r) => openCase(cipher, r));
    },
    /** A re-check capture of the hit, at or after `since`, that found the page gone. */
    async hasRemovalRecheck(hitId: string, since: Date): Promise<boolean> {
      const [row] = await db
        .select({ id: captures.id })
        .from(captures)
        .where(and(eq(captures.hitId, hitId), eq(captures.purpose, 'recheck'), eq(captures.outcome, 'removed'), gte(captures.capturedAt, since)))
        .limit(1);
      return row !== undefined;
    },
    async evidenceOf(hitId: string): Promise<EvidenceItem[]> {
      const rows = await db
        .select({ capturedAt: captures.capturedAt, outcome: captures.outcome, artifacts: captures.artifacts })
        .from(captures)
        .where(eq(captures.hitId, hitId))
        .orderBy(asc(captures.capturedAt));
      return rows.map((c) => ({ capturedAt: c.capturedAt, outcome: c.outcome, screenshotSha256: c.artifacts.screenshot ?? null }));
    },
    /** What the per-host figures need, from every case (of the given people) with its host and the events that date it. */
    async statsFacts(personIds?: string[]): Promise<CaseFacts[]> {
      const rows = await db
        .select({ id: takedownCases.id, status: takedownCases.status, closedAt: takedownCases.closedAt, host: hits.host })
        .from(takedownCases)
        .innerJoin(hits, eq(hits.id, takedownCases.hitId))
        .where(personIds ? inArray(hits.personId, personIds.length ? personIds : ['']) : undefined);
      if (rows.length === 0) return [];
      const events = await db
        .select({ caseId: caseEvents.caseId, kind: caseEvents.kind, at: caseEvents.at })
        .from(caseEvents)
        .where(inArray(caseEvents.kind, ['sent', 'no_response']))
        .orderBy(asc(caseEvents.at));
      const firstSent = new Map<string, Date>();
      const ignored = new Set<string>();
      for (const e of events) {
        if (e.kind === 'sent' && !firstSent.has(e.caseId)) firstSent.set(e.caseId, e.at);
        if (e.kind === 'no_response') ignored.add(e.caseId);
      }
      return rows.map((r) => ({
        host: r.host,
        status: r.status,
        firstSentAt: firstSent.get(r.id) ?? null,
        removedAt: r.status === 'removed' ? r.closedAt : null,
        everNoResponse: ignored.has(r.id),
      }));
    },
  });
}

export type CasesRepository = ReturnType<typeof createCasesRepository>;
