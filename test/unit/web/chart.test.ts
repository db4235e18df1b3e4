import { describe, expect, it } from 'vitest';
import { createViewContext, type ViewContext } from '../../../src/web/views/context.ts';
import { timelineChart } from '../../../src/web/views/chart.ts';

const reader = (lang: ViewContext['lang'], timeZone: string): ViewContext => createViewContext({
  lang, actor: null, csrf: null, quickExitUrl: 'https://example.org', path: '/', query: {}, timeZone,
  assets: { css: '', js: '' }, now: new Date('2026-12-05T10:00:00Z'), ownPersonId: null,
});
const days = (counts: number[]) => counts.map((count, i) => ({ day: `2026-11-${String(20 + i).padStart(2, '0')}`, count }));

describe('the overview chart (drawn once per timeline and language)', () => {
  it('labels calendar days the same in every zone, and in the reader language', () => {
    const timeline = days([0, 3, 1]);
    const tokyo = timelineChart(reader('en', 'Asia/Tokyo'), timeline).value;
    expect(tokyo).toContain('Nov 21, 2026: 3');
    expect(timelineChart(reader('en', 'America/Los_Angeles'), days([0, 3, 1])).value).toBe(tokyo);
    const german = timelineChart(reader('de', 'UTC'), timeline).value;
    expect(german).toContain('21.11.2026: 3');
    expect(timelineChart(reader('en', 'UTC'), timeline).value).toBe(tokyo);
  });

  it('draws a new timeline anew', () => {
    const before = timelineChart(reader('en', 'UTC'), days([0, 3, 1])).value;
    const after = timelineChart(reader('en', 'UTC'), days([0, 3, 2])).value;
    expect(after).not.toBe(before);
    expect(after).toContain('Nov 22, 2026: 2');
  });

  it('leaves room left of the axis for an organisation\'s thousands (labels are 20 units high on phones)', () => {
    const drawn = timelineChart(reader('en', 'UTC'), days([1200, 4548, 3000])).value;
    const labels = [...drawn.matchAll(/<text class="axis" x="([\d.]+)" y="[\d.]+" text-anchor="end">(\d+)<\/text>/g)];
    expect(labels.map((m) => m[2])).toContain('4548');
    // Right-aligned at x, a label of n digits reaches n * 12.5 units to the left: it must stay inside the picture.
    for (const [, x, text] of labels) expect(Number(x) - text!.length * 12.5).toBeGreaterThanOrEqual(0);
  });
});
