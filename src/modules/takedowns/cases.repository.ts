import { and, asc, desc, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import { captures, caseEvents, hits, takedownCases } from '../../db/schema/index.ts';
import type { CaseFacts } from './cases.stats.models.ts';
import type { CaseStatus, EvidenceItem } from './cases.models.ts';
import type { FieldCipher } from '../evidence/field-cipher.models.ts';
import { CASE_DRAFT_FIELDS } from '../evidence/sealed-pages.models.ts';
import { atomicallyNow, gated } from '../../db/transaction.ts';

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
  const open = (row: CaseRow | undefined): CaseRow | null => (row ? openCase(cipher, row) : null);
  const addEvent = (caseId: string, event: NewCaseEvent, at = clock.now()): void => {
    db.insert(caseEvents).values({ caseId, at, kind: event.kind, actor: event.actor, detail: event.detail ?? null }).run();
  };

  return gated(db, {
    get(id: string): CaseRow | null {
      return open(db.select().from(takedownCases).where(eq(takedownCases.id, id)).get());
    },
    getByHit(hitId: string): CaseRow | null {
      return open(db.select().from(takedownCases).where(eq(takedownCases.hitId, hitId)).get());
    },
    /** One case per hit: when another writer got there first, its case is returned and nothing is written. */
    insert(fields: Omit<typeof takedownCases.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>, events: NewCaseEvent[]): { row: CaseRow; created: boolean } {
      return atomicallyNow(db, () => {
        const existing = db.select().from(takedownCases).where(eq(takedownCases.hitId, fields.hitId)).get();
        if (existing) return { row: open(existing)!, created: false };
        const now = clock.now();
        const id = createId('case');
        db.insert(takedownCases).values({ ...CASE_DRAFT_FIELDS.seal(cipher, fields, id), id, createdAt: now, updatedAt: now }).run();
        for (const e of events) addEvent(id, e, now);
        return { row: open(db.select().from(takedownCases).where(eq(takedownCases.id, id)).get())!, created: true };
      });
    },
    /** Updates only when the case is still in `expectedStatus`, so two concurrent changes cannot both apply. */
    update(id: string, expectedStatus: CaseStatus, patch: CasePatch, events: NewCaseEvent[]): CaseRow | null {
      return atomicallyNow(db, () => {
        const now = clock.now();
        const changed = db
          .update(takedownCases)
          .set({ ...CASE_DRAFT_FIELDS.seal(cipher, patch, id), updatedAt: now })
          .where(and(eq(takedownCases.id, id), eq(takedownCases.status, expectedStatus)))
          .run().changes;
        if (changed !== 1) return null;
        for (const e of events) addEvent(id, e, now);
        return open(db.select().from(takedownCases).where(eq(takedownCases.id, id)).get())!;
      });
    },
    addEvent,
    events(caseId: string): CaseEventRow[] {
      return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at), asc(caseEvents.id)).all();
    },
    latestEvent(caseId: string, kind: string): CaseEventRow | null {
      return db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind))).orderBy(desc(caseEvents.at), desc(caseEvents.id)).limit(1).get() ?? null;
    },
    /** Sent notices whose deadline has passed. */
    overdue(now: Date, limit = 500): CaseRow[] {
      return db.select().from(takedownCases).where(and(eq(takedownCases.status, 'takedown_sent'), lte(takedownCases.deadlineAt, now))).orderBy(asc(takedownCases.deadlineAt)).limit(limit).all().map((r) => openCase(cipher, r));
    },
    deadlineWithin(now: Date, until: Date, limit = 500): CaseRow[] {
      return db
        .select()
        .from(takedownCases)
        .where(and(eq(takedownCases.status, 'takedown_sent'), gt(takedownCases.deadlineAt, now), lte(takedownCases.deadlineAt, until)))
        .orderBy(asc(takedownCases.deadlineAt))
        .limit(limit)
        .all()
        .map((r) => openCase(cipher, r));
    },
    dueRechecks(now: Date, limit = 100): CaseRow[] {
      return db
        .select()
        .from(takedownCases)
        .where(and(inArray(takedownCases.status, ['takedown_sent', 'no_response', 'refused']), lte(takedownCases.nextRecheckAt, now)))
        .orderBy(asc(takedownCases.nextRecheckAt))
        .limit(limit)
        .all()
        .map((r) => openCase(cipher, r));
    },
    /** A re-check capture of the hit, at or after `since`, that found the page gone. */
    hasRemovalRecheck(hitId: string, since: Date): boolean {
      const row = db
        .select({ id: captures.id })
        .from(captures)
        .where(and(eq(captures.hitId, hitId), eq(captures.purpose, 'recheck'), eq(captures.outcome, 'removed'), gte(captures.capturedAt, since)))
        .limit(1)
        .get();
      return row !== undefined;
    },
    evidenceOf(hitId: string): EvidenceItem[] {
      return db
        .select({ capturedAt: captures.capturedAt, outcome: captures.outcome, artifacts: captures.artifacts })
        .from(captures)
        .where(eq(captures.hitId, hitId))
        .orderBy(asc(captures.capturedAt))
        .all()
        .map((c) => ({ capturedAt: c.capturedAt, outcome: c.outcome, screenshotSha256: c.artifacts.screenshot ?? null }));
    },
    /** What the per-host figures need, from every case (of the given people) with its host and the events that date it. */
    statsFacts(personIds?: string[]): CaseFacts[] {
      const rows = db
        .select({ id: takedownCases.id, status: takedownCases.status, closedAt: takedownCases.closedAt, host: hits.host })
        .from(takedownCases)
        .innerJoin(hits, eq(hits.id, takedownCases.hitId))
        .where(personIds ? inArray(hits.personId, personIds.length ? personIds : ['']) : undefined)
        .all();
      if (rows.length === 0) return [];
      const events = db
        .select({ caseId: caseEvents.caseId, kind: caseEvents.kind, at: caseEvents.at })
        .from(caseEvents)
        .where(inArray(caseEvents.kind, ['sent', 'no_response']))
        .orderBy(asc(caseEvents.at))
        .all();
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
