import cron from 'node-cron';
import { wallClock } from './quiet-hours.models.ts';

const MINUTE_MS = 60_000;

/** Whether a cron expression matches a wall-clock minute (classic cron: restricted day-of-month OR day-of-week). */
export function createCronMatcher(expression: string): (w: ReturnType<typeof wallClock>) => boolean {
  const f = cron.parse(expression.trim());
  const minutes = new Set(f.minute.map(Number));
  const hours = new Set(f.hour.map(Number));
  const doms = new Set(f.dayOfMonth.map(Number));
  const months = new Set(f.month.map(Number));
  const dows = new Set(f.dayOfWeek.map((d) => Number(d) % 7));
  const domRestricted = doms.size < 31;
  const dowRestricted = dows.size < 7;
  return (w) => {
    if (!minutes.has(w.minute) || !hours.has(w.hour) || !months.has(w.month)) return false;
    const dom = doms.has(w.day);
    const dow = dows.has(w.weekday);
    return domRestricted && dowRestricted ? dom || dow : dom && dow;
  };
}

/**
 * The latest minute in (after, upTo] at which the schedule fires in `timeZone`, or null. The scheduler
 * ticks at its own pace (maybe every five minutes, maybe after a restart), so it asks "did a digest fall
 * due since I last looked" instead of "is it exactly 08:00 now".
 */
export function latestOccurrence(args: { expression: string; timeZone: string; after: Date; upTo: Date }): Date | null {
  const matches = createCronMatcher(args.expression);
  const first = Math.floor(args.after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  for (let t = Math.floor(args.upTo.getTime() / MINUTE_MS) * MINUTE_MS; t >= first; t -= MINUTE_MS) {
    if (matches(wallClock(new Date(t), args.timeZone))) return new Date(t);
  }
  return null;
}
