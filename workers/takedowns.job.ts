import type { AppDeps } from '../src/deps.types.ts';
import { isAppError } from '../src/shared/errors.ts';
import { escalateCase, remindUpcomingDeadlines, sweepDeadlines, type DeadlineReminder } from '../src/modules/takedowns/cases.deadlines.usecases.ts';
import { openCaseForHit, type TakedownDeps } from '../src/modules/takedowns/cases.usecases.ts';
import { defineJobHandler } from './job-registry.ts';
import { escalationJobKey, openCaseJobKey } from '../src/modules/takedowns/takedowns.job-kinds.ts';

export { escalationJobKey, openCaseJobKey };
import type { SchedulerTask } from './scheduler.ts';

export type TakedownSweepJobDeps = Pick<AppDeps, 'jobs' | 'clock'>;
export type TakedownSweepScheduleDeps = Pick<AppDeps, 'jobs'>;

/**
 * The sweep's writes (status changes, reminder events, escalation jobs) commit with the job's completion,
 * so a crash never leaves a case marked no_response without its escalation queued.
 */
export function createTakedownSweepJob(deps: TakedownSweepJobDeps, takedowns: TakedownDeps, hooks: { onReminder?: (reminder: DeadlineReminder) => void } = {}) {
  return defineJobHandler('takedowns.sweep', async (_payload, ctx) => {
    const now = deps.clock.now();
    let moved: { caseId: string; level: number }[] = [];
    let reminders: DeadlineReminder[] = [];
    await ctx.complete(async () => {
      moved = await sweepDeadlines(takedowns, now);
      for (const m of moved) await deps.jobs.enqueue({ kind: 'takedowns.escalate', payload: { caseId: m.caseId, fromLevel: m.level }, idempotencyKey: escalationJobKey(m.caseId, m.level) });
      reminders = await remindUpcomingDeadlines(takedowns, now);
    });
    for (const reminder of reminders) {
      try {
        hooks.onReminder?.(reminder);
      } catch (error) {
        ctx.logger.error({ caseId: reminder.caseId, err: { message: (error as Error).message } }, 'deadline reminder hook failed');
      }
    }
    if (moved.length > 0 || reminders.length > 0) ctx.logger.info({ noResponse: moved.length, reminders: reminders.length }, 'takedown deadlines swept');
  });
}

/** Problems no retry can fix end the job quietly; the case timeline and the API tell the person. */
const settledCodes = new Set(['takedowns.escalation_exhausted', 'takedowns.sender_not_configured', 'takedowns.invalid_transition', 'takedowns.case_not_found', 'hits.not_found', 'people.not_found']);

export function createTakedownEscalateJob(takedowns: TakedownDeps) {
  return defineJobHandler('takedowns.escalate', async (payload, ctx) => {
    try {
      await escalateCase(takedowns, payload.caseId, { actor: 'scheduler', fromLevel: payload.fromLevel });
    } catch (error) {
      if (isAppError(error) && settledCodes.has(error.code)) {
        ctx.logger.info({ caseId: payload.caseId, code: error.code }, 'case not escalated');
        return;
      }
      throw error;
    }
  });
}

export function createTakedownOpenCaseJob(takedowns: TakedownDeps) {
  return defineJobHandler('takedowns.open_case', async (payload, ctx) => {
    try {
      await openCaseForHit(takedowns, payload.hitId, { actor: 'system' });
    } catch (error) {
      if (isAppError(error) && settledCodes.has(error.code)) {
        ctx.logger.info({ hitId: payload.hitId, code: error.code }, 'case not opened');
        return;
      }
      throw error;
    }
  });
}

/** Every quarter hour, keyed by it: the 48-hour TAKE IT DOWN deadline is caught within minutes, and a restart does not double the sweep. */
export function createTakedownSweepSchedule(deps: TakedownSweepScheduleDeps): SchedulerTask {
  return {
    name: 'takedowns-sweep',
    async tick(now) {
      const quarter = new Date(Math.floor(now.getTime() / 900_000) * 900_000).toISOString().slice(0, 16);
      await deps.jobs.enqueue({ kind: 'takedowns.sweep', payload: { at: quarter }, idempotencyKey: `takedowns.sweep:${quarter}` });
    },
  };
}
