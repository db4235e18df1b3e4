import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { createId } from '../../shared/ids.ts';
import { alerts, engineStatus, people } from '../../db/schema/index.ts';
import { onConnection } from '../../db/transaction.ts';

/** What the health check reads (engines' pause state, every person's scan times) and the alerts it writes. */

export async function engineStates(db: Db) {
  return onConnection(db, () => {
    return db.select({ state: engineStatus.state, suspendedUntil: engineStatus.suspendedUntil }).from(engineStatus).all();
  });
}

/** Every person's row as stored (the label stays sealed: the check reads only scan times and schedules). */
export async function everyPersonRow(db: Db) {
  return onConnection(db, () => {
    return db.select().from(people).all();
  });
}

export async function hasHealthAlertSince(db: Db, args: { personId: string; problem: string; since: Date }): Promise<boolean> {
  return onConnection(db, () => {
    return db
      .select({ id: alerts.id, detail: alerts.detail })
      .from(alerts)
      .where(and(eq(alerts.personId, args.personId), eq(alerts.kind, 'health'), gte(alerts.createdAt, args.since)))
      .all()
      .some((a) => (a.detail as { problem?: string } | null)?.problem === args.problem);
  });
}

export async function insertHealthAlert(db: Db, args: { personId: string; problem: string; at: Date }): Promise<void> {
  return onConnection(db, () => {
    db.insert(alerts).values({ id: createId('alert'), personId: args.personId, kind: 'health', severity: 'high', detail: { problem: args.problem }, createdAt: args.at }).run();
  });
}
