/**
 * Per-host figures from the cases: how long removal takes once the first notice went out, and how often
 * a host lets a deadline pass without acting. They tell the person (and a support organisation) which
 * hosts need the escalation ladder from the start.
 */

export interface CaseFacts {
  host: string;
  status: string;
  /** When the first notice for the case was sent; null when none was. */
  firstSentAt: Date | null;
  /** When the page was confirmed gone; null unless removed. */
  removedAt: Date | null;
  /** A deadline passed without removal at least once. */
  everNoResponse: boolean;
}

export interface HostFigures {
  host: string;
  cases: number;
  noticesSent: number;
  removed: number;
  /** Median hours from the first notice to removal, over removed cases with a notice; null without any. */
  medianHoursToRemoval: number | null;
  /** Share (0..1) of cases with a notice whose deadline passed unanswered; null when no notice was sent. */
  ignoredShare: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function hostFigures(cases: readonly CaseFacts[]): HostFigures[] {
  const byHost = new Map<string, CaseFacts[]>();
  for (const c of cases) {
    if (c.status === 'false_positive') continue;
    const list = byHost.get(c.host) ?? [];
    list.push(c);
    byHost.set(c.host, list);
  }
  const out: HostFigures[] = [];
  for (const [host, list] of byHost) {
    const sent = list.filter((c) => c.firstSentAt !== null);
    const durations = sent
      .filter((c) => c.status === 'removed' && c.removedAt !== null && c.removedAt.getTime() >= c.firstSentAt!.getTime())
      .map((c) => (c.removedAt!.getTime() - c.firstSentAt!.getTime()) / 3_600_000);
    const m = median(durations);
    out.push({
      host,
      cases: list.length,
      noticesSent: sent.length,
      removed: list.filter((c) => c.status === 'removed').length,
      medianHoursToRemoval: m === null ? null : round(m, 1),
      ignoredShare: sent.length === 0 ? null : round(sent.filter((c) => c.everNoResponse).length / sent.length, 3),
    });
  }
  // Hosts with the most notices first: their figures mean the most.
  return out.sort((a, b) => b.noticesSent - a.noticesSent || b.cases - a.cases || a.host.localeCompare(b.host));
}
