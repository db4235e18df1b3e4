import { html, type SafeHtml } from '../html.ts';
import { csrfField, timeTag, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { doneNotice, emptyState, exposureListTitle, notice, SEVERITIES, severityBadge, statusBadge } from '../components.ts';
import { timelineChart } from '../chart.ts';
import { sandboxBanner } from '../sandbox-banner.ts';
import type { Overview } from '../../read-models/overview.ts';

function severityTiles(ctx: ViewContext, o: Overview): SafeHtml {
  return html`<section aria-labelledby="new-heading">
  <h2 id="new-heading">${ctx.t('overview.newExposures')}</h2>
  <ul class="tiles">
    ${SEVERITIES.map((s) => html`<li class="tile tile-${s}"><a href="/exposures?severity=${s}&amp;status=new"><span class="tile-number">${o.newBySeverity[s]}</span><span class="tile-label">${severityBadge(ctx, s)}</span></a></li>`)}
  </ul>
  <p class="muted">${ctx.t('overview.openTotal', { n: o.totalExposures })} · ${ctx.t('overview.unreadAlerts', { n: o.unreadAlerts })}</p>
</section>`;
}

function needsAction(ctx: ViewContext, o: Overview): SafeHtml {
  const { newHits, deadlines } = o.needsAction;
  return html`<section aria-labelledby="action-heading" class="card">
  <h2 id="action-heading">${ctx.t('overview.needsAction')}</h2>
  ${newHits.length === 0 && deadlines.length === 0 ? emptyState(ctx.t('overview.nothingToDo')) : ''}
  ${newHits.length > 0 ? html`<h3>${ctx.t('overview.reviewThese')}</h3>
  <ul class="action-list">
    ${newHits.map((h) => html`<li>${severityBadge(ctx, h.severity)} <a href="/exposures/${h.id}">${exposureListTitle(ctx, h)}</a> <span class="muted small">${h.host} · ${h.personLabel} · ${timeTag(ctx, h.firstSeenAt)}</span></li>`)}
  </ul>` : ''}
  ${deadlines.length > 0 ? html`<h3>${ctx.t('overview.deadlines')}</h3>
  <ul class="action-list">
    ${deadlines.map((d) => html`<li>${d.overdue ? html`<span class="badge st-overdue">${ctx.t('overview.overdue')}</span>` : statusBadge(ctx, 'caseStatus', d.status)} <a href="/exposures/${d.hitId}">${d.host}</a> <span class="muted small">${d.personLabel} · ${ctx.t('overview.deadline')}: ${timeTag(ctx, d.deadlineAt)}</span></li>`)}
  </ul>` : ''}
</section>`;
}

/**
 * State, the signal that caused a pause, since when and until when; administrators can lift a pause at
 * once (the block may be over sooner, or they want to see whether it is).
 */
function engineState(ctx: ViewContext, e: Overview['engines'][number], canResume: boolean): SafeHtml {
  const paused = e.state === 'blocked' || e.state === 'retrying';
  return html`${statusBadge(ctx, 'engineState', e.state)}${paused ? html` <span class="small">${e.signal ? html`<code>${e.signal}</code> ` : ''}${ctx.t('overview.blockedSince')} ${timeTag(ctx, e.blockedSince)}${e.suspendedUntil ? html`, ${ctx.t('overview.until')} ${timeTag(ctx, e.suspendedUntil)}` : ''}</span>` : ''}${
    e.state === 'blocked' && canResume
      ? html` <form method="post" action="/engines/resume" class="inline-form">${csrfField(ctx)}<input type="hidden" name="id" value="${e.id}"><button type="submit" class="button subtle small" aria-label="${ctx.t('overview.resumeLabel', { engine: e.label })}">${ctx.t('overview.resume')}</button></form>`
      : ''
  }`;
}

function engines(ctx: ViewContext, o: OverviewView): SafeHtml {
  const used = o.engines.filter((e) => e.state !== 'unused');
  // No table without rows: its headings alone read as a list that failed to load.
  return html`<section aria-labelledby="engines-heading" class="card">
  <h2 id="engines-heading">${ctx.t('overview.engines')}</h2>
  ${used.length > 0 ? html`<div class="table-wrap"><table>
    <caption class="visually-hidden">${ctx.t('overview.engines')}</caption>
    <thead><tr><th scope="col">${ctx.t('common.engine')}</th><th scope="col">${ctx.t('common.state')}</th><th scope="col">${ctx.t('overview.lastOk')}</th></tr></thead>
    <tbody>
    ${used.map((e) => html`<tr><th scope="row">${e.label}</th><td>${engineState(ctx, e, o.mayResumeEngines === true)}</td><td>${timeTag(ctx, e.lastOkAt)}</td></tr>`)}
    </tbody>
  </table></div>` : html`<p class="muted">${ctx.t(o.simulatedWeb ? 'overview.noEnginesYetDemo' : 'overview.noEnginesYet')}</p>`}
</section>`;
}

function lastScans(ctx: ViewContext, o: Overview): SafeHtml {
  return html`<section aria-labelledby="scans-heading" class="card">
  <h2 id="scans-heading">${ctx.t('overview.lastScans')}</h2>
  ${o.people.length === 0 ? emptyState(ctx.t('people.none')) : html`<div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('overview.lastScans')}</caption>
    <thead><tr><th scope="col">${ctx.t('common.person')}</th><th scope="col">${ctx.t('overview.lastSuccess')}</th><th scope="col">${ctx.t('overview.nextScan')}</th></tr></thead>
    <tbody>
    ${o.people.map((p) => html`<tr><th scope="row"><a href="/people/${p.id}">${p.label}</a>${p.isDemo ? html` <span class="badge st-demo">${ctx.t('people.demo')}</span>` : ''}</th><td data-label="${ctx.t('overview.lastSuccess')}">${timeTag(ctx, p.lastSuccessAt)}${p.stale ? html` <span class="badge st-failed">${ctx.t('overview.stale')}</span>` : p.neverScanned && !p.activeScanId ? html` <span class="badge st-none">${ctx.t('overview.notScannedYet')}</span>` : ''}${p.activeScanId ? html` <a class="badge st-running" href="/scans/${p.activeScanId}">${ctx.t('scanStatus.running')}</a>` : ''}</td><td data-label="${ctx.t('overview.nextScan')}">${timeTag(ctx, p.nextScanAt)}</td></tr>`)}
    </tbody>
  </table></div>`}
  ${o.peopleTotal > o.people.length ? html`<p><a href="/people">${ctx.t('overview.allPeople', { n: o.peopleTotal })}</a></p>` : ''}
</section>`;
}

/** The overview, plus whether the reader runs the installation (only they may lift an engine's pause). */
/** `simulatedWeb`: the built-in simulated web runs here, and the demo person's searches go to it, not to these engines. */
export type OverviewView = Overview & { mayResumeEngines?: boolean; simulatedWeb?: boolean };

export function renderOverviewView(ctx: ViewContext, o: OverviewView): SafeHtml {
  return layout(ctx, {
    title: ctx.t('overview.title'),
    active: 'overview',
    body: html`${doneNotice(ctx)}
${sandboxBanner(ctx)}
${o.stalePeople > 0 ? notice('warn', ctx.t('overview.staleWarning', { n: o.stalePeople })) : ''}
<p class="guidance-link"><a class="button primary" href="/guidance">${ctx.t('guidance.whatToDo')}</a> <span class="muted small">${ctx.t('guidance.whatToDoHint')}</span></p>
${severityTiles(ctx, o)}
<div class="grid-2">
  <div class="column">
    ${needsAction(ctx, o)}
  </div>
  <div class="column">
    <section aria-labelledby="chart-heading" class="card">
      <h2 id="chart-heading">${ctx.t('overview.timeline')}</h2>
      ${timelineChart(ctx, o.timeline)}
    </section>
    ${lastScans(ctx, o)}
    ${engines(ctx, o)}
  </div>
</div>`,
  });
}
