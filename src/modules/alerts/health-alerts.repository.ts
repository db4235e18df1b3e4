import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { tablesOf } from '../../db/tables.ts';
import { createId } from '../../shared/ids.ts';
import { onConnection, transaction } from '../../db/transaction.ts';
import { nextAlertSeq } from './alerts.repository.ts';
import { isSimulatedWebStatusKey } from '../scans/engine-selection.models.ts';

/** What the health check reads (engines' pause state, every person's scan times) and the alerts it writes. */

/** The real engines' pause states (the simulated web's, kept apart for the demo person, say nothing about them). */
export async function engineStates(db: Db) {
  const { engineStatus } = tablesOf(db);
  const rows = await onConnection(db, () => db.select({ engine: engineStatus.engine, state: engineStatus.state, suspendedUntil: engineStatus.suspendedUntil }).from(engineStatus));
  return rows.filter((row) => !isSimulatedWebStatusKey(row.engine)).map(({ state, suspendedUntil }) => ({ state, suspendedUntil }));
}

/** Every person's row as stored (the label stays sealed: the check reads only scan times and schedules). */
export async function everyPersonRow(db: Db) {
  const { people } = tablesOf(db);
  return onConnection(db, () => db.select().from(people));
}

export async function hasHealthAlertSince(db: Db, args: { personId: string; problem: string; since: Date }): Promise<boolean> {
  const { alerts } = tablesOf(db);
  return onConnection(db, async () => {
    const rows = await db
      .select({ id: alerts.id, detail: alerts.detail })
      .from(alerts)
      .where(and(eq(alerts.personId, args.personId), eq(alerts.kind, 'health'), gte(alerts.createdAt, args.since)));
    return rows.some((a) => (a.detail as { problem?: string } | null)?.problem === args.problem);
  });
}

export async function insertHealthAlert(db: Db, args: { personId: string; problem: string; at: Date }): Promise<void> {
  const { alerts } = tablesOf(db);
  await transaction(db, async () => {
    await db.insert(alerts).values({ id: createId('alert'), personId: args.personId, kind: 'health', severity: 'high', detail: { problem: args.problem }, createdAt: args.at, seq: await nextAlertSeq(db) });
  });
}
