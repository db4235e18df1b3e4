import cron from 'node-cron';

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

const DAY_MS = 86_400_000;

/**
 * Next time strictly after `after` that the expression matches, in the process's local time zone, at
 * minute resolution (seconds fields are ignored: scans are scheduled per minute). Computed here rather
 * than by a running cron task so that per-person schedules, catch-up and tests work from any clock.
 * Follows classic cron: when both day-of-month and day-of-week are restricted, either may match.
 */
export function nextCronOccurrence(expression: string, after: Date): Date | null {
  const fields = cron.parse(expression.trim());
  const minutes = new Set(fields.minute.map(Number));
  const hours = new Set(fields.hour.map(Number));
  const daysOfMonth = new Set(fields.dayOfMonth.map(Number));
  const months = new Set(fields.month.map(Number));
  const daysOfWeek = new Set(fields.dayOfWeek.map((d) => Number(d) % 7));
  const domRestricted = daysOfMonth.size < 31;
  const dowRestricted = daysOfWeek.size < 7;
  const dayMatches = (d: Date) => {
    const dom = daysOfMonth.has(d.getDate());
    const dow = daysOfWeek.has(d.getDay());
    if (domRestricted && dowRestricted) return dom || dow;
    return dom && dow;
  };

  const candidate = new Date(after.getTime());
  candidate.setSeconds(0, 0);
  candidate.setMinutes(candidate.getMinutes() + 1);
  const limit = after.getTime() + 5 * 366 * DAY_MS;
  while (candidate.getTime() <= limit) {
    if (!months.has(candidate.getMonth() + 1) || !dayMatches(candidate)) {
      candidate.setDate(candidate.getDate() + 1);
      candidate.setHours(0, 0, 0, 0);
      continue;
    }
    if (!hours.has(candidate.getHours())) {
      candidate.setHours(candidate.getHours() + 1, 0, 0, 0);
      continue;
    }
    if (!minutes.has(candidate.getMinutes())) {
      candidate.setMinutes(candidate.getMinutes() + 1, 0, 0);
      continue;
    }
    return candidate;
  }
  return null;
}
