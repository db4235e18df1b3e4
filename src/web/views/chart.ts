import { html, type SafeHtml } from './html.ts';
import { formatDate, type ViewContext } from './context.ts';
import { createKeptPerObject } from '../read-models/kept-reads.ts';

const WIDTH = 600;
const HEIGHT = 180;
const PAD = { top: 16, right: 8, bottom: 28 };
// The axis labels are 20 units high on phones (app.css), where a digit is about 12.5 units wide: the left margin
// grows with the longest count so that an organisation's thousands are not cut off at the edge.
const DIGIT_WIDTH = 12.5;
const leftMarginFor = (largestLabel: number) => Math.max(32, Math.ceil(String(largestLabel).length * DIGIT_WIDTH) + 10);

/**
 * Exposures found per day as an SVG bar chart drawn on the server: no chart library and no script. Colours
 * come from classes in the stylesheet (inline styles are forbidden by the CSP). The same numbers are in a
 * table for screen readers.
 */
export function timelineChart(ctx: ViewContext, timeline: { day: string; count: number }[]): SafeHtml {
  // The overview hands out the same timeline until the database changes: its drawing is kept per language.
  return drawnCharts(timeline, ctx.lang, () => drawChart(ctx, timeline));
}

const drawnCharts = createKeptPerObject<SafeHtml>();

function drawChart(ctx: ViewContext, timeline: { day: string; count: number }[]): SafeHtml {
  const max = Math.max(1, ...timeline.map((d) => d.count));
  const niceMax = max <= 4 ? max : Math.ceil(max / 4) * 4;
  const left = leftMarginFor(niceMax);
  const plotW = WIDTH - left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, timeline.length);
  const barW = Math.max(2, step * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / niceMax) * plotH;
  const ticks = niceMax <= 4 ? Array.from({ length: niceMax + 1 }, (_, i) => i) : [0, niceMax / 4, niceMax / 2, (3 * niceMax) / 4, niceMax];
  const labelled = new Set([0, Math.floor((timeline.length - 1) / 2), timeline.length - 1]);
  const total = timeline.reduce((a, d) => a + d.count, 0);
  const first = timeline[0]?.day;
  const last = timeline[timeline.length - 1]?.day;
  // Days are calendar days: labelled at noon UTC whatever the reader's zone.
  const utc = { ...ctx, timeZone: 'UTC' };
  const dayLabel = (day: string) => formatDate(utc, `${day}T12:00:00Z`);

  return html`<figure class="chart">
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" focusable="false" preserveAspectRatio="xMidYMid meet">
  <title id="chart-title">${ctx.t('overview.chartTitle')}</title>
  <desc id="chart-desc">${ctx.t('overview.chartDesc', { total, from: first ? dayLabel(first) : '', to: last ? dayLabel(last) : '' })}</desc>
  ${ticks.map((v) => html`<line class="grid" x1="${left}" x2="${WIDTH - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"></line><text class="axis" x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`)}
  ${timeline.map((d, i) => {
    const x = left + i * step + (step - barW) / 2;
    const h = (d.count / niceMax) * plotH;
    return html`${d.count > 0 ? html`<rect class="bar" x="${x.toFixed(1)}" y="${y(d.count).toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(1, h).toFixed(1)}"><title>${dayLabel(d.day)}: ${d.count}</title></rect>` : ''}${labelled.has(i) ? html`<text class="axis" x="${(x + barW / 2).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="${i === 0 ? 'start' : i === timeline.length - 1 ? 'end' : 'middle'}">${dayLabel(d.day)}</text>` : ''}`;
  })}
</svg>
<figcaption class="visually-hidden">
  <table><caption>${ctx.t('overview.chartTitle')}</caption><thead><tr><th scope="col">${ctx.t('common.date')}</th><th scope="col">${ctx.t('overview.exposures')}</th></tr></thead>
  <tbody>${timeline.filter((d) => d.count > 0).map((d) => html`<tr><td>${dayLabel(d.day)}</td><td>${d.count}</td></tr>`)}</tbody></table>
</figcaption>
</figure>`;
}
