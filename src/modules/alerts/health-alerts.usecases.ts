import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { findHealthProblems } from './health-alerts.models.ts';
import { engineStates, everyPersonRow, hasHealthAlertSince, insertHealthAlert } from './health-alerts.repository.ts';

/** Raises at most one health alert per person and problem per day, so a long outage does not flood the inbox. */
export async function raiseHealthAlerts({ db, clock, alertAfterHours }: { db: Db; clock: Clock; alertAfterHours: number }): Promise<{ raised: number }> {
  const now = clock.now();
  const engines = (await engineStates(db))
    .map((e) => ({ state: e.state === 'suspended' && e.suspendedUntil && e.suspendedUntil > now ? ('suspended' as const) : ('ok' as const) }));
  let raised = 0;
  const dayAgo = new Date(now.getTime() - 86_400_000);
  for (const person of await everyPersonRow(db)) {
    for (const problem of findHealthProblems({ now, alertAfterHours, person, engines })) {
      if (await hasHealthAlertSince(db, { personId: person.id, problem, since: dayAgo })) continue;
      await insertHealthAlert(db, { personId: person.id, problem, at: now });
      raised++;
    }
  }
  return { raised };
}
