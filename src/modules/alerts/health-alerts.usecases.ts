import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import { alerts, engineStatus, people } from '../../db/schema/index.ts';
import { findHealthProblems } from './health-alerts.models.ts';

/** Raises at most one health alert per person and problem per day, so a long outage does not flood the inbox. */
export function raiseHealthAlerts({ db, clock, alertAfterHours }: { db: Db; clock: Clock; alertAfterHours: number }): { raised: number } {
  const now = clock.now();
  const engines = db.select({ state: engineStatus.state, suspendedUntil: engineStatus.suspendedUntil }).from(engineStatus).all()
    .map((e) => ({ state: e.state === 'suspended' && e.suspendedUntil && e.suspendedUntil > now ? ('suspended' as const) : ('ok' as const) }));
  let raised = 0;
  const dayAgo = new Date(now.getTime() - 86_400_000);
  for (const person of db.select().from(people).all()) {
    for (const problem of findHealthProblems({ now, alertAfterHours, person, engines })) {
      const recent = db
        .select({ id: alerts.id, detail: alerts.detail })
        .from(alerts)
        .where(and(eq(alerts.personId, person.id), eq(alerts.kind, 'health'), gte(alerts.createdAt, dayAgo)))
        .all()
        .some((a) => (a.detail as { problem?: string } | null)?.problem === problem);
      if (recent) continue;
      db.insert(alerts).values({ id: createId('alert'), personId: person.id, kind: 'health', severity: 'high', detail: { problem }, createdAt: now }).run();
      raised++;
    }
  }
  return { raised };
}
