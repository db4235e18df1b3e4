import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { createId } from '../../shared/ids.ts';
import { alerts, engineStatus, people } from '../../db/schema/index.ts';

/** What the health check reads (engines' pause state, every person's scan times) and the alerts it writes. */

export function engineStates(db: Db) {
  return db.select({ state: engineStatus.state, suspendedUntil: engineStatus.suspendedUntil }).from(engineStatus).all();
}

/** Every person's row as stored (the label stays sealed: the check reads only scan times and schedules). */
export function everyPersonRow(db: Db) {
  return db.select().from(people).all();
}

export function hasHealthAlertSince(db: Db, args: { personId: string; problem: string; since: Date }): boolean {
  return db
    .select({ id: alerts.id, detail: alerts.detail })
    .from(alerts)
    .where(and(eq(alerts.personId, args.personId), eq(alerts.kind, 'health'), gte(alerts.createdAt, args.since)))
    .all()
    .some((a) => (a.detail as { problem?: string } | null)?.problem === args.problem);
}

export function insertHealthAlert(db: Db, args: { personId: string; problem: string; at: Date }): void {
  db.insert(alerts).values({ id: createId('alert'), personId: args.personId, kind: 'health', severity: 'high', detail: { problem: args.problem }, createdAt: args.at }).run();
}
