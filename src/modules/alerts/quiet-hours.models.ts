import { createKeptDateFormats, unknownTimeZone } from '../../shared/kept-date-formats.models.ts';

/** Minutes after local midnight; `start === end` is refused by the parser (it would mean "always" or "never"). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday, as in cron. */
  weekday: number;
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

export function parseQuietHours(input: string): QuietHours | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(input);
  if (!m) return null;
  const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (sh > 23 || eh > 23 || sm > 59 || em > 59) return null;
  const startMinute = sh * 60 + sm;
  const endMinute = eh * 60 + em;
  return startMinute === endMinute ? null : { startMinute, endMinute };
}

const wallClockFormats = createKeptDateFormats();
const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The recipient's wall clock at an instant; Intl knows the zone's offsets and daylight-saving changes. */
export function wallClock(at: Date, timeZone: string): WallClock {
  // The zone comes from validated settings; an unknown one is refused, as Intl itself refuses it.
  const format = wallClockFormats(timeZone, 'en-US', () => ({
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short',
  })) ?? unknownTimeZone(timeZone);
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour) % 24, minute: Number(parts.minute), weekday: weekdays[parts.weekday ?? 'Sun'] ?? 0,
  };
}

const minuteOfDay = (w: WallClock) => w.hour * 60 + w.minute;

/** A window that wraps past midnight (22:00-07:00) is quiet after its start OR before its end. */
export function isQuietAt(at: Date, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet) return false;
  const m = minuteOfDay(wallClock(at, timeZone));
  return quiet.startMinute < quiet.endMinute ? m >= quiet.startMinute && m < quiet.endMinute : m >= quiet.startMinute || m < quiet.endMinute;
}

/**
 * The first instant at or after `at` outside the quiet hours (`at` itself when not quiet). The first guess
 * assumes a constant offset; the corrections absorb a daylight-saving change inside the window.
 */
export function quietHoursEnd(at: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet || !isQuietAt(at, quiet, timeZone)) return at;
  const startOfMinute = Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
  const wait = (quiet.endMinute - minuteOfDay(wallClock(at, timeZone)) + DAY_MINUTES) % DAY_MINUTES;
  let candidate = startOfMinute + wait * MINUTE_MS;
  for (let i = 0; i < 3; i++) {
    const off = quiet.endMinute - minuteOfDay(wallClock(new Date(candidate), timeZone));
    if (off === 0) break;
    // The smallest signed correction: -60 after a spring-forward hour, +60 after a fall-back hour.
    const signed = ((off + DAY_MINUTES / 2) % DAY_MINUTES + DAY_MINUTES) % DAY_MINUTES - DAY_MINUTES / 2;
    candidate += signed * MINUTE_MS;
  }
  if (candidate <= at.getTime()) candidate = startOfMinute + MINUTE_MS;
  // When the end time does not exist that day (skipped by daylight saving), step until the window is over.
  while (isQuietAt(new Date(candidate), quiet, timeZone)) candidate += MINUTE_MS;
  return new Date(candidate);
}
