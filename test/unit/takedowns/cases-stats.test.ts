import { describe, expect, it } from 'vitest';
import { hostFigures, median, type CaseFacts } from '../../../src/modules/takedowns/cases.stats.models.ts';

const t = (hours: number) => new Date(Date.UTC(2026, 10, 1) + hours * 3_600_000);
const fact = (over: Partial<CaseFacts>): CaseFacts => ({ host: 'a.example', status: 'new', firstSentAt: null, removedAt: null, everNoResponse: false, ...over });

describe('per-host takedown figures', () => {
  it('computes the median of odd and even lists, and none of an empty one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('measures time to removal from the first notice, per host', () => {
    const figures = hostFigures([
      fact({ status: 'removed', firstSentAt: t(0), removedAt: t(10) }),
      fact({ status: 'removed', firstSentAt: t(0), removedAt: t(30) }),
      fact({ status: 'removed', firstSentAt: t(0), removedAt: t(50), everNoResponse: true }),
      fact({ host: 'b.example', status: 'takedown_sent', firstSentAt: t(0) }),
    ]);
    const a = figures.find((f) => f.host === 'a.example')!;
    expect(a).toEqual({ host: 'a.example', cases: 3, noticesSent: 3, removed: 3, medianHoursToRemoval: 30, ignoredShare: 0.333 });
    expect(figures.find((f) => f.host === 'b.example')!.medianHoursToRemoval).toBeNull();
  });

  it('counts the share of notices left unanswered past their deadline', () => {
    const [f] = hostFigures([
      fact({ status: 'no_response', firstSentAt: t(0), everNoResponse: true }),
      fact({ status: 'refused', firstSentAt: t(0) }),
      fact({ status: 'new' }),
    ]);
    expect(f!.ignoredShare).toBe(0.5);
    expect(f!.noticesSent).toBe(2);
    expect(f!.cases).toBe(3);
  });

  it('reports no share for a host that was never sent a notice', () => {
    expect(hostFigures([fact({})])[0]!.ignoredShare).toBeNull();
  });

  it('leaves false positives out of every figure', () => {
    expect(hostFigures([fact({ status: 'false_positive', firstSentAt: t(0), everNoResponse: true })])).toEqual([]);
  });

  it('lists the hosts with the most notices first', () => {
    const figures = hostFigures([fact({ host: 'z.example', firstSentAt: t(0) }), fact({ host: 'z.example', firstSentAt: t(0) }), fact({ host: 'a.example', firstSentAt: t(0) })]);
    expect(figures.map((f) => f.host)).toEqual(['z.example', 'a.example']);
  });
});
