import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sqlRow, sqlRun } from '../../db/raw-sql.ts';
import type { Clock } from '../../shared/clock.ts';
import { onConnection, transaction } from '../../db/transaction.ts';

/**
 * A start-up upgrade step. `version` is raised whenever what the step does changes (a new sealed column, a new
 * naming scheme): a database that completed an older version then runs the step once more.
 */
export interface UpgradeStep {
  name: string;
  version: number;
}

export type UpgradeStepOutcome = 'skipped' | 'completed' | 'incomplete';

export async function hasCompletedStep(db: Db, step: UpgradeStep): Promise<boolean> {
  return onConnection(db, async () => {
    const row = await sqlRow<{ version: number }>(db, sql`select version from upgrade_steps where name = ${step.name}`);
    return row?.version === step.version;
  });
}

export async function recordCompletedStep(db: Db, step: UpgradeStep, at: Date): Promise<void> {
  await onConnection(db, () => sqlRun(db, sql`
    insert into upgrade_steps (name, version, completed_at) values (${step.name}, ${step.version}, ${at.getTime()})
    on conflict (name) do update set version = excluded.version, completed_at = excluded.completed_at`));
}

/**
 * Runs `run` unless this step already completed at its current version. `run` returns whether it finished:
 * only then is the step recorded, so a step that stopped short (or threw, or the process died) runs again at
 * the next start. With `transactional`, the step and its record commit together in one write transaction, so
 * no crash can leave the work done but unrecorded or recorded but undone; a step that also changes files
 * (which no transaction covers) records itself after its last change instead and must be safe to repeat.
 */
export async function runUpgradeStep(deps: { db: Db; clock: Clock }, step: UpgradeStep & { transactional?: boolean }, run: () => Promise<boolean>): Promise<UpgradeStepOutcome> {
  if (await hasCompletedStep(deps.db, step)) return 'skipped';
  const once = async (): Promise<UpgradeStepOutcome> => {
    // Asked again under the write lock: a web and a worker process starting together run the step once.
    if (step.transactional && (await hasCompletedStep(deps.db, step))) return 'skipped';
    if (!(await run())) return 'incomplete';
    await recordCompletedStep(deps.db, step, deps.clock.now());
    return 'completed';
  };
  return step.transactional ? await transaction(deps.db, once) : once();
}
