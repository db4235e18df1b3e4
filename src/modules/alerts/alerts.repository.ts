import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { alerts, deliveries, people } from '../../db/schema/index.ts';
import type { Severity } from './alerts.models.ts';
import { gated } from '../../db/transaction.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;

/** A due delivery with what sending it needs: its alert and the language of the person it is about. */
export interface DueDelivery {
  delivery: DeliveryRow;
  alert: AlertRow;
  language: string;
}

export function createAlertsRepository({ db }: { db: Db }) {
  const dueSelection = () =>
    db.select({ delivery: deliveries, alert: alerts, language: people.language })
      .from(deliveries)
      .innerJoin(alerts, eq(alerts.id, deliveries.alertId))
      .innerJoin(people, eq(people.id, alerts.personId));

  return gated(db, {
    get(id: string): AlertRow | null {
      return db.select().from(alerts).where(eq(alerts.id, id)).get() ?? null;
    },

    exposureSeveritiesForHit(hitId: string): Severity[] {
      return db.select({ severity: alerts.severity }).from(alerts).where(and(eq(alerts.hitId, hitId), eq(alerts.kind, 'exposure'))).all().map((r) => r.severity);
    },

    insertAlert(values: typeof alerts.$inferInsert): void {
      db.insert(alerts).values(values).run();
    },

    insertDeliveries(rows: NewDelivery[]): void {
      if (rows.length > 0) db.insert(deliveries).values(rows).run();
    },

    /** Unread alerts of one person, of a list of people (an account's scope), or of everyone. */
    unreadCount(personId?: string | string[]): number {
      const where = typeof personId === 'string' ? and(isNull(alerts.readAt), eq(alerts.personId, personId))
        : personId ? and(isNull(alerts.readAt), inArray(alerts.personId, personId.length ? personId : [''])) : isNull(alerts.readAt);
      return db.select({ n: count() }).from(alerts).where(where).get()?.n ?? 0;
    },

    list(args: { personId?: string; personIds?: string[]; unreadOnly?: boolean; limit: number }): AlertRow[] {
      const conditions = [
        args.personId ? eq(alerts.personId, args.personId) : undefined,
        args.personIds ? inArray(alerts.personId, args.personIds.length ? args.personIds : ['']) : undefined,
        args.unreadOnly ? isNull(alerts.readAt) : undefined,
      ].filter(Boolean);
      return db.select().from(alerts).where(conditions.length ? and(...conditions) : undefined).orderBy(desc(alerts.createdAt), desc(sql`rowid`)).limit(args.limit).all();
    },

    markRead(id: string, at: Date): AlertRow | null {
      db.update(alerts).set({ readAt: at }).where(and(eq(alerts.id, id), isNull(alerts.readAt))).run();
      return this.get(id);
    },

    deliveriesOf(alertIds: string[]): DeliveryRow[] {
      if (alertIds.length === 0) return [];
      return db.select().from(deliveries).where(inArray(deliveries.alertId, alertIds)).all();
    },

    /** Immediate deliveries due now, and digest deliveries that failed and are due for a retry. */
    dueForSweep(now: Date, limit: number): DueDelivery[] {
      return dueSelection()
        .where(and(
          lte(deliveries.nextAttemptAt, now),
          or(
            and(eq(deliveries.mode, 'immediate'), inArray(deliveries.status, ['pending', 'failed'])),
            and(eq(deliveries.mode, 'digest'), eq(deliveries.status, 'failed')),
          ),
        ))
        .orderBy(asc(deliveries.nextAttemptAt))
        .limit(limit)
        .all();
    },

    /** Every digest delivery still to send (never tried, or failed and due again). */
    dueDigest(now: Date): DueDelivery[] {
      return dueSelection()
        .where(and(
          eq(deliveries.mode, 'digest'),
          inArray(deliveries.status, ['pending', 'failed']),
          or(isNull(deliveries.nextAttemptAt), lte(deliveries.nextAttemptAt, now)),
        ))
        .orderBy(asc(deliveries.createdAt))
        .all();
    },

    hasDueWork(now: Date): boolean {
      return this.dueForSweep(now, 1).length > 0;
    },

    /**
     * Reserves a delivery for one sender by pushing its next attempt into the future, fenced on the value
     * it had when read: two workers sweeping at once cannot both send it. A sender that dies mid-send
     * leaves the reservation to expire, and the delivery is tried again (at least once, never lost).
     */
    claim(delivery: DeliveryRow, leaseUntil: Date, now: Date): boolean {
      const fence = delivery.nextAttemptAt ? eq(deliveries.nextAttemptAt, delivery.nextAttemptAt) : isNull(deliveries.nextAttemptAt);
      return db.update(deliveries).set({ nextAttemptAt: leaseUntil, updatedAt: now })
        .where(and(eq(deliveries.id, delivery.id), eq(deliveries.status, delivery.status), fence)).run().changes === 1;
    },

    recordSent(ids: string[], now: Date): void {
      if (ids.length === 0) return;
      db.update(deliveries).set({ status: 'sent', attempts: sql`${deliveries.attempts} + 1`, sentAt: now, nextAttemptAt: null, lastError: null, updatedAt: now })
        .where(inArray(deliveries.id, ids)).run();
    },

    recordFailure(id: string, args: { attempts: number; nextAttemptAt: Date | null; error: string; now: Date }): void {
      db.update(deliveries).set({
        status: args.nextAttemptAt ? 'failed' : 'gave_up', attempts: args.attempts, nextAttemptAt: args.nextAttemptAt, lastError: args.error, updatedAt: args.now,
      }).where(eq(deliveries.id, id)).run();
    },

    /** Waiting for quiet hours to end is not an attempt: the count and the error stay as they were. */
    postpone(ids: string[], until: Date, now: Date): void {
      if (ids.length === 0) return;
      db.update(deliveries).set({ nextAttemptAt: until, updatedAt: now }).where(inArray(deliveries.id, ids)).run();
    },

    /** Recent health alerts that no channel has been told about yet (older ones are stale news). */
    healthAlertsWithoutDeliveries(since: Date): AlertRow[] {
      return db.select().from(alerts)
        .where(and(
          eq(alerts.kind, 'health'),
          gte(alerts.createdAt, since),
          sql`not exists (select 1 from ${deliveries} where ${deliveries.alertId} = ${alerts.id})`,
        ))
        .all();
    },

    /** SQLite's rowid grows with every insert, whatever the clocks of the processes that inserted. */
    maxRowId(): number {
      return (db.$client.prepare('select coalesce(max(rowid), 0) as n from alerts').get() as { n: number }).n;
    },

    alertsAfterRowId(rowId: number, limit: number): (AlertRow & { rowId: number })[] {
      const rows = db.select({ alert: alerts, rowId: sql<number>`rowid` }).from(alerts).where(sql`rowid > ${rowId}`).orderBy(sql`rowid`).limit(limit).all();
      return rows.map((r) => ({ ...r.alert, rowId: r.rowId }));
    },
  });
}

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;
