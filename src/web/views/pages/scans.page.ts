import { html, type SafeHtml } from '../html.ts';
import { csrfField, timeTag, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { doneNotice, emptyState, facts, label, notice, selectField, statusBadge } from '../components.ts';
import type { describeScanRun } from '../../../modules/scans/scan-report.ts';
import { readRunError } from '../../../modules/scans/run-errors.models.ts';

/** `leftOut`: the names of the engines "scan now" left out of this run, when the page follows that form. */
export type ScanView = Awaited<ReturnType<typeof describeScanRun>> & { personLabel: string; leftOut?: string[] };

/** One box of "scan now": an engine instance, checked when it runs by default for the person the form has chosen. */
export interface EngineOption {
  key: string;
  label: string;
  reverseImage: boolean;
  /** The people (of those in the form's list) whose scans use it by default; the page's script checks the box for them. */
  defaultFor: string[];
  checked: boolean;
}

function engineChoice(ctx: ViewContext, engines: EngineOption[]): SafeHtml {
  if (engines.length === 0) return html``;
  return html`<fieldset class="checks engine-choice"><legend>${ctx.t('scans.chooseEngines')}</legend>
    <input type="hidden" name="enginesOffered" value="1">
    <p class="hint small" id="engine-choice-hint">${ctx.t('scans.chooseEnginesHint')}</p>
    ${engines.map((e) => html`<div class="check"><input type="checkbox" id="engine-${e.key.replace('#', '-')}" name="engines" value="${e.key}"${e.checked ? html` checked` : ''} data-default-for="${e.defaultFor.join(' ')}" aria-describedby="engine-choice-hint"><label for="engine-${e.key.replace('#', '-')}">${e.label}${e.reverseImage ? html` <span class="muted small">(${ctx.t('scans.reverseImage')})</span>` : ''}</label></div>`)}
  </fieldset>`;
}

const isActive = (s: ScanView) => s.status === 'queued' || s.status === 'running';
const OUTCOMES = ['ok', 'blocked', 'captcha', 'rate_limited', 'error', 'skipped'] as const;

/** Progress counters in a live region; the static script refreshes them from the API while the scan runs. */
export function progressBlock(ctx: ViewContext, s: ScanView): SafeHtml {
  const p = s.progress;
  const planned = Math.max(p.queriesPlanned, 1);
  return html`<div class="progress-block"${isActive(s) ? html` data-scan-poll="/api/scans/${s.scanRunId}"` : ''}>
  <label for="progress-${s.scanRunId}" class="small">${ctx.t('scans.searches')}</label>
  <progress id="progress-${s.scanRunId}" max="${planned}" value="${p.queriesDone}" data-field="progress">${p.queriesDone}/${p.queriesPlanned}</progress>
  <p aria-live="polite" class="small" data-field="summary" data-template="${ctx.t('scans.progressTemplate')}">${ctx.t('scans.progress', { done: p.queriesDone, planned: p.queriesPlanned, pages: p.pagesVisited, hits: p.hitsNew })}</p>
</div>`;
}

function engineOutcomes(ctx: ViewContext, s: ScanView, compact: boolean): SafeHtml {
  const engines = Object.entries(s.engines);
  if (engines.length === 0) return html`<span class="muted small">—</span>`;
  if (compact) {
    return html`<ul class="plain small">${engines.map(([engine, counts]) => {
      const bad = Object.entries(counts).filter(([o]) => o !== 'ok').reduce((a, [, n]) => a + n, 0);
      return html`<li>${engine}: <span class="ok-count">${counts.ok ?? 0} ${ctx.t('scans.ok')}</span>${bad ? html`, <span class="bad-count">${bad} ${ctx.t('scans.notOk')}</span>` : ''}</li>`;
    })}</ul>`;
  }
  return html`<div class="table-wrap"><table>
  <caption class="visually-hidden">${ctx.t('scans.perEngine')}</caption>
  <thead><tr><th scope="col">${ctx.t('common.engine')}</th>${OUTCOMES.map((o) => html`<th scope="col">${label(ctx, `outcome.${o}`, o)}</th>`)}<th scope="col">${ctx.t('scans.signals')}</th></tr></thead>
  <tbody>${engines.map(([engine, counts]) => html`<tr><th scope="row">${engine}</th>${OUTCOMES.map((o) => html`<td class="${o !== 'ok' && counts[o] ? 'bad-count' : ''}">${counts[o] ?? 0}</td>`)}<td class="small">${(s.signals[engine] ?? []).join(', ')}</td></tr>`)}</tbody>
</table></div>`;
}

export function renderScansView(ctx: ViewContext, data: { scans: ScanView[]; people: { id: string; label: string }[]; chosenPersonId?: string; engines?: EngineOption[]; error?: string | null }): SafeHtml {
  const running = data.scans.filter(isActive);
  const history = data.scans.filter((s) => !isActive(s));
  return layout(ctx, {
    title: ctx.t('scans.title'),
    active: 'scans',
    head: running.length ? html`<noscript><meta http-equiv="refresh" content="5"></noscript>` : undefined,
    body: html`${doneNotice(ctx)}${data.error ? notice('error', data.error) : ''}
${data.people.length ? html`<form method="post" action="/scans" class="card form inline">
  ${csrfField(ctx)}
  ${data.people.length > 1 ? selectField({ name: 'personId', label: ctx.t('common.person'), options: data.people.map((p) => ({ value: p.id, label: p.label })), value: data.chosenPersonId }) : html`<input type="hidden" name="personId" value="${data.people[0]!.id}">`}
  ${engineChoice(ctx, data.engines ?? [])}
  <button type="submit" class="button primary">${ctx.t('scans.scanNow')}</button>
</form>` : ''}
<section aria-labelledby="running-heading" class="card">
  <h2 id="running-heading">${ctx.t('scans.running')}</h2>
  ${running.length === 0 ? emptyState(ctx.t('scans.noneRunning')) : html`<ul class="running-list">${running.map((s) => html`<li><p><a href="/scans/${s.scanRunId}">${s.personLabel}</a> ${statusBadge(ctx, 'scanStatus', s.status)} <span class="muted small">${timeTag(ctx, s.createdAt)}</span></p>${progressBlock(ctx, s)}</li>`)}</ul>`}
</section>
<section aria-labelledby="history-heading" class="card">
  <h2 id="history-heading">${ctx.t('scans.history')}</h2>
  ${history.length === 0 ? emptyState(ctx.t('scans.none')) : html`<div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('scans.history')}</caption>
    <thead><tr><th scope="col">${ctx.t('scans.started')}</th><th scope="col">${ctx.t('common.person')}</th><th scope="col">${ctx.t('common.status')}</th><th scope="col">${ctx.t('scans.found')}</th><th scope="col">${ctx.t('scans.engines')}</th></tr></thead>
    <tbody>${history.map((s) => html`<tr>
      <th scope="row"><a href="/scans/${s.scanRunId}">${timeTag(ctx, s.startedAt ?? s.createdAt)}</a></th>
      <td data-label="${ctx.t('common.person')}">${s.personLabel}</td>
      <td data-label="${ctx.t('common.status')}">${statusBadge(ctx, 'scanStatus', s.status)} <span class="muted small">${label(ctx, `trigger.${s.trigger}`, s.trigger)}</span></td>
      <td data-label="${ctx.t('scans.found')}">${ctx.t('scans.hitsNewSeen', { n: s.progress.hitsNew, m: s.progress.hitsSeen })}</td>
      <td data-label="${ctx.t('scans.engines')}">${engineOutcomes(ctx, s, true)}</td>
    </tr>`)}</tbody>
  </table></div>`}
</section>`,
  });
}

/** A run's stored (English) error in the reader's language; a stop's technical detail and a text this version did not write stay as they are. */
function runErrorText(ctx: ViewContext, error: string): string {
  const read = readRunError(error);
  if (!read) return error;
  return read.kind === 'stopped' ? ctx.t('scans.runError.stopped', { detail: read.detail ?? '' }) : ctx.t(`scans.runError.${read.kind}`);
}

/** "Scan now" lands here: when it left engines out, the notice names them. */
function startedNotice(ctx: ViewContext, s: ScanView): SafeHtml {
  if (ctx.query.done !== 'scan_started_some_left_out') return doneNotice(ctx);
  return notice('ok', s.leftOut?.length ? ctx.t('done.scan_started_some_left_out', { engines: s.leftOut.join(', ') }) : ctx.t('done.scan_started'));
}

export function renderScanView(ctx: ViewContext, s: ScanView): SafeHtml {
  const p = s.progress;
  return layout(ctx, {
    title: ctx.t('scans.scanOf', { label: s.personLabel }),
    active: 'scans',
    head: isActive(s) ? html`<noscript><meta http-equiv="refresh" content="5"></noscript>` : undefined,
    body: html`${startedNotice(ctx, s)}
<p>${statusBadge(ctx, 'scanStatus', s.status)} <span class="muted">${label(ctx, `trigger.${s.trigger}`, s.trigger)}</span></p>
${s.error ? notice('warn', runErrorText(ctx, s.error)) : ''}
${isActive(s) ? progressBlock(ctx, s) : ''}
${facts([
  [ctx.t('scans.started'), timeTag(ctx, s.startedAt ?? s.createdAt)],
  [ctx.t('scans.finished'), timeTag(ctx, s.finishedAt)],
  [ctx.t('scans.searches'), `${p.queriesDone} / ${p.queriesPlanned}`],
  [ctx.t('scans.candidates'), p.candidatesFound],
  // Pages that could not be checked are counted apart from the ones read, so a refusal never looks like a clean page.
  [ctx.t('scans.pages'), `${p.pagesVisited}${p.pagesUnchecked ? ` (${ctx.t('scans.uncheckedPages', { n: p.pagesUnchecked })}${p.pagesFailed ? `; ${ctx.t('scans.failedPages', { n: p.pagesFailed })}` : ''})` : ''}`],
  [ctx.t('scans.found'), ctx.t('scans.hitsNewSeen', { n: p.hitsNew, m: p.hitsSeen })],
])}
<h2 class="small-heading">${ctx.t('scans.perEngine')}</h2>
<div class="only-narrow">${engineOutcomes(ctx, s, true)}</div>
<div class="only-wide">${engineOutcomes(ctx, s, false)}</div>
<p class="toolbar"><a class="button" href="/exposures?personId=${s.personId}">${ctx.t('scans.seeExposures')}</a> <a class="button subtle" href="/scans">${ctx.t('scans.allScans')}</a></p>`,
  });
}
