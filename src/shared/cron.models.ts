import cron, { type ScheduledTask } from 'node-cron';

/** Returns null when the expression is valid, else a message naming the bad field (for config and API errors). */
export function validateCronExpression(expression: string): string | null {
  if (typeof expression !== 'string' || expression.trim() === '') return 'empty cron expression';
  try {
    const result = cron.validateDetailed(expression.trim());
    if (result.valid) return null;
    return result.errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'invalid cron expression';
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid cron expression';
  }
}

interface NodeCronMatcher {
  getNextMatch(after: Date): Date;
}

/**
 * Runs `use` with node-cron's own time matcher for the expression, so that the times computed here (a person's
 * next scan, the digest, backups, re-checks) are exactly the times node-cron's scheduler would fire: the same
 * syntax (`L`, `W`, `#`, names), day-of-month AND day-of-week, and the same time-zone and DST handling.
 * node-cron's public API only answers "next run after now" (task.getNextRuns); schedules here are computed from
 * any clock (tests, catch-up after downtime), so the task's matcher is asked directly. A node-cron upgrade
 * that renames it fails loudly here and in the unit tests, never by silently mis-scheduling.
 */
function withMatcher<T>(expression: string, timeZone: string | undefined, use: (matcher: NodeCronMatcher) => T): T {
  const task: ScheduledTask = cron.createTask(expression.trim(), () => undefined, timeZone ? { timezone: timeZone } : {});
  try {
    const matcher = (task as unknown as { timeMatcher?: Partial<NodeCronMatcher> }).timeMatcher;
    if (typeof matcher?.getNextMatch !== 'function') throw new Error('node-cron no longer exposes its time matcher; pin node-cron or update cron.models.ts');
    return use(matcher as NodeCronMatcher);
  } finally {
    // Never started, so nothing runs; destroying it takes it out of node-cron's task registry.
    void task.destroy();
  }
}

function nextMatch(matcher: NodeCronMatcher, after: Date): Date | null {
  try {
    return matcher.getNextMatch(after);
  } catch {
    // node-cron gives up after a hundred years: an expression such as `0 0 30 2 *` never fires.
    return null;
  }
}

/**
 * Next time strictly after `after` that the expression fires, in `timeZone` (an IANA name; the process's
 * own zone when omitted).
 */
export function nextCronOccurrence(expression: string, after: Date, timeZone?: string): Date | null {
  return withMatcher(expression, timeZone, (matcher) => nextMatch(matcher, after));
}

const MINUTE_MS = 60_000;
/** Widening windows, so a long gap costs a few steps and a busy expression never walks more than one window. */
const WINDOWS_MS = [MINUTE_MS, 60 * MINUTE_MS, 24 * 60 * MINUTE_MS, 32 * 24 * 60 * MINUTE_MS, 366 * 24 * 60 * MINUTE_MS, Number.POSITIVE_INFINITY];

/**
 * The latest time in (after, upTo] at which the expression fires in `timeZone`, or null. A ticking scheduler
 * (every few minutes, or late after a restart) asks "did it fall due since I last looked" rather than "is it
 * exactly 08:00 now".
 */
export function latestOccurrence(args: { expression: string; timeZone?: string; after: Date; upTo: Date }): Date | null {
  const { after, upTo } = args;
  if (upTo.getTime() <= after.getTime()) return null;
  return withMatcher(args.expression, args.timeZone, (matcher) => {
    for (const window of WINDOWS_MS) {
      const from = new Date(Math.max(after.getTime(), upTo.getTime() - window));
      let at = nextMatch(matcher, from);
      if (at && at.getTime() <= upTo.getTime()) {
        let latest = at;
        while ((at = nextMatch(matcher, latest)) && at.getTime() <= upTo.getTime()) latest = at;
        return latest;
      }
      if (from.getTime() <= after.getTime()) return null;
    }
    return null;
  });
}
