/**
 * When a person's next scan is due: the next cron time plus a random delay, so that many people on the
 * same schedule (or many installs on the default one) do not hit the engines in the same minute.
 */
export function computeNextScanAt(args: { cron: string; after: Date; jitterMinutes: number; random: () => number; next: (cron: string, after: Date) => Date | null }): Date | null {
  const base = args.next(args.cron, args.after);
  if (!base) return null;
  return new Date(base.getTime() + Math.floor(args.random() * args.jitterMinutes * 60_000));
}

/** A scan is due when its time has passed; after downtime, one catch-up scan runs, not one per missed slot. */
export function isScanDue(person: { scheduleEnabled: boolean; nextScanAt: Date | null }, now: Date): boolean {
  return person.scheduleEnabled && person.nextScanAt !== null && person.nextScanAt.getTime() <= now.getTime();
}
