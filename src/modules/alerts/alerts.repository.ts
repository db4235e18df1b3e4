import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { alerts, deliveries } from '../../db/schema/index.ts';
import { changedRows } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import type { Severity } from './alerts.models.ts';
import { gated, transaction } from '../../db/transaction.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;

/** A due delivery with what sending it needs: its alert and the language of the person it is about. */
export interface DueDelivery {
  delivery: DeliveryRow;
  alert: AlertRow;
  language: string;
}

/**
 * The sequence number of the next alert (see `alerts.seq`). Call inside the transaction that inserts it: the
 * transaction holds the writers' lock, so no other writer takes the same number or commits a smaller one later.
 */
export async function nextAlertSeq(db: Db): Promise<number> {
  const { alerts } = tablesOf(db);
  const [row] = await db.select({ n: sql<number>`coalesce(max(${alerts.seq}), 0) + 1` }).from(alerts);
  return Number(row?.n ?? 1);
}

export function createAlertsRepository({ db }: { db: Db }) {
  const { alerts, deliveries, people } = tablesOf(db);
  const dueSelection = () =>
    db.select({ delivery: deliveries, alert: alerts, language: people.language })
      .from(deliveries)
      .innerJoin(alerts, eq(alerts.id, deliveries.alertId))
      .innerJoin(people, eq(people.id, alerts.personId));

  return gated(db, {
    async get(id: string): Promise<AlertRow | null> {
      return (await db.select().from(alerts).where(eq(alerts.id, id)).limit(1))[0] ?? null;
    },

    async exposureSeveritiesForHit(hitId: string): Promise<Severity[]> {
      return (await db.select({ severity: alerts.severity }).from(alerts).where(and(eq(alerts.hitId, hitId), eq(alerts.kind, 'exposure')))).map((r) => r.severity);
    },

    /** The alert takes the next sequence number in the same writer's turn, so numbers grow in commit order. */
    async insertAlert(values: Omit<typeof alerts.$inferInsert, 'seq'>): Promise<void> {
      await transaction(db, async () => {
        await db.insert(alerts).values({ ...values, seq: await nextAlertSeq(db) });
      });
    },

    async insertDeliveries(rows: NewDelivery[]): Promise<void> {
      if (rows.length > 0) await db.insert(deliveries).values(rows);
    },

    /** Unread alerts of one person, of a list of people (an account's scope), or of everyone. */
    async unreadCount(personId?: string | string[]): Promise<number> {
      const where = typeof personId === 'string' ? and(isNull(alerts.readAt), eq(alerts.personId, personId))
        : personId ? and(isNull(alerts.readAt), inArray(alerts.personId, personId.length ? personId : [''])) : isNull(alerts.readAt);
      return Number((await db.select({ n: count() }).from(alerts).where(where))[0]?.n ?? 0);
    },

    /** Newest first; alerts of the same instant in the reverse order they were stored. */
    async list(args: { personId?: string; personIds?: string[]; unreadOnly?: boolean; limit: number }): Promise<AlertRow[]> {
      const conditions = [
        args.personId ? eq(alerts.personId, args.personId) : undefined,
        args.personIds ? inArray(alerts.personId, args.personIds.length ? args.personIds : ['']) : undefined,
        args.unreadOnly ? isNull(alerts.readAt) : undefined,
      ].filter(Boolean);
      return db.select().from(alerts).where(conditions.length ? and(...conditions) : undefined).orderBy(desc(alerts.createdAt), sql`${alerts.seq} desc nulls last`).limit(args.limit);
    },

    async markRead(id: string, at: Date): Promise<AlertRow | null> {
      await db.update(alerts).set({ readAt: at }).where(and(eq(alerts.id, id), isNull(alerts.readAt)));
      return this.get(id);
    },

    async deliveriesOf(alertIds: string[]): Promise<DeliveryRow[]> {
      if (alertIds.length === 0) return [];
      return db.select().from(deliveries).where(inArray(deliveries.alertId, alertIds));
    },

    /** Immediate deliveries due now, and digest deliveries that failed and are due for a retry. */
    async dueForSweep(now: Date, limit: number): Promise<DueDelivery[]> {
      return dueSelection()
        .where(and(
          lte(deliveries.nextAttemptAt, now),
          or(
            and(eq(deliveries.mode, 'immediate'), inArray(deliveries.status, ['pending', 'failed'])),
            and(eq(deliveries.mode, 'digest'), eq(deliveries.status, 'failed')),
          ),
        ))
        .orderBy(asc(deliveries.nextAttemptAt))
        .limit(limit);
    },

    /** Every digest delivery still to send (never tried, or failed and due again). */
    async dueDigest(now: Date): Promise<DueDelivery[]> {
      return dueSelection()
        .where(and(
          eq(deliveries.mode, 'digest'),
          inArray(deliveries.status, ['pending', 'failed']),
          or(isNull(deliveries.nextAttemptAt), lte(deliveries.nextAttemptAt, now)),
        ))
        .orderBy(asc(deliveries.createdAt));
    },

    async hasDueWork(now: Date): Promise<boolean> {
      return (await this.dueForSweep(now, 1)).length > 0;
    },

    /**
     * Reserves a delivery for one sender by pushing its next attempt into the future, fenced on the value
     * it had when read: two workers sweeping at once cannot both send it. A sender that dies mid-send
     * leaves the reservation to expire, and the delivery is tried again (at least once, never lost).
     */
    async claim(delivery: DeliveryRow, leaseUntil: Date, now: Date): Promise<boolean> {
      const fence = delivery.nextAttemptAt ? eq(deliveries.nextAttemptAt, delivery.nextAttemptAt) : isNull(deliveries.nextAttemptAt);
      return changedRows(await db.update(deliveries).set({ nextAttemptAt: leaseUntil, updatedAt: now })
        .where(and(eq(deliveries.id, delivery.id), eq(deliveries.status, delivery.status), fence))) === 1;
    },

    async recordSent(ids: string[], now: Date): Promise<void> {
      if (ids.length === 0) return;
      await db.update(deliveries).set({ status: 'sent', attempts: sql`${deliveries.attempts} + 1`, sentAt: now, nextAttemptAt: null, lastError: null, updatedAt: now })
        .where(inArray(deliveries.id, ids));
    },

    async recordFailure(id: string, args: { attempts: number; nextAttemptAt: Date | null; error: string; now: Date }): Promise<void> {
      await db.update(deliveries).set({
        status: args.nextAttemptAt ? 'failed' : 'gave_up', attempts: args.attempts, nextAttemptAt: args.nextAttemptAt, lastError: args.error, updatedAt: args.now,
      }).where(eq(deliveries.id, id));
    },

    /** Waiting for quiet hours to end is not an attempt: the count and the error stay as they were. */
    async postpone(ids: string[], until: Date, now: Date): Promise<void> {
      if (ids.length === 0) return;
      await db.update(deliveries).set({ nextAttemptAt: until, updatedAt: now }).where(inArray(deliveries.id, ids));
    },

    /** Recent health alerts that no channel has been told about yet (older ones are stale news). */
    async healthAlertsWithoutDeliveries(since: Date): Promise<AlertRow[]> {
      return db.select().from(alerts)
        .where(and(
          eq(alerts.kind, 'health'),
          gte(alerts.createdAt, since),
          sql`not exists (select 1 from ${deliveries} where ${deliveries.alertId} = ${alerts.id})`,
        ));
    },

    /** The live stream's starting cursor: the last sequence number taken (see `alerts.seq`). */
    async maxRowId(): Promise<number> {
      return Number((await db.select({ n: sql<number>`coalesce(max(${alerts.seq}), 0)` }).from(alerts))[0]?.n ?? 0);
    },

    async alertsAfterRowId(rowId: number, limit: number): Promise<(AlertRow & { rowId: number })[]> {
      const rows = await db.select().from(alerts).where(gt(alerts.seq, rowId)).orderBy(asc(alerts.seq)).limit(limit);
      return rows.map((alert) => ({ ...alert, rowId: alert.seq! }));
    },
  });
}

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;
