import { externalLink, html, raw, type SafeHtml } from '../html.ts';
import { csrfField, timeTag, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { categoryList, doneNotice, emptyState, facts, field, label, notice, severityBadge, shortHash, statusBadge } from '../components.ts';
import { draftView, sendStep } from './exposure-draft.view.ts';
import type { ExposureDetail } from '../../read-models/exposures.ts';
import type { PlacedMatchBox } from '../../../modules/evidence/match-boxes.ts';
import { boxOnShownPicture, type ShownBox } from '../../../modules/evidence/match-box.models.ts';
import { LEGAL_BASES, type BasisId } from '../../../modules/takedowns/legal-basis.models.ts';
import { localHitReason } from '../../../modules/matching/hit-reason-words.models.ts';
import { localMatchReason } from '../../../modules/matching/match-reason-words.models.ts';

/** The basis as the person reads it ("GDPR Article 17 erasure request"), in the page's language. */
const basisName = (id: string, lang: 'en' | 'nl' | 'fr' | 'de'): string => (id in LEGAL_BASES ? LEGAL_BASES[id as BasisId].name[lang] : id);

export interface ExposureViewOptions {
  revealed: boolean;
  evidenceRoute: boolean;
  exportRoute: boolean;
  canSendMail: boolean;
  /** The configured reply address, offered on the send step; null until one is set. */
  senderEmail: string | null;
  error?: string | null;
  /** Photos found inside a larger picture, placed on the capture's pictures (match-boxes.ts). */
  boxes?: PlacedMatchBox[];
}

/**
 * Outlines over one picture, in percent of it, so they follow the picture at any displayed size. An SVG
 * laid over the image: the picture's pixels (blurred or not) are never touched.
 */
function boxOverlay(boxes: PlacedMatchBox[]): SafeHtml {
  const shown = boxes.map((b) => boxOnShownPicture(b.rect, b.picture)).filter((b): b is ShownBox => b !== null);
  if (shown.length === 0) return html``;
  return html`<svg class="match-boxes" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true" focusable="false">${shown.map((b) => html`<rect class="halo" x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" vector-effect="non-scaling-stroke"></rect><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" vector-effect="non-scaling-stroke"></rect>`)}</svg>`;
}

function boxNotes(ctx: ViewContext, boxes: PlacedMatchBox[]): SafeHtml {
  if (boxes.length === 0) return html``;
  return html`<ul class="box-notes">${boxes.map((b) => html`<li><span class="box-key" aria-hidden="true"></span>${ctx.t(b.role === 'screenshot' ? 'exposure.boxOnScreenshot' : 'exposure.boxOnImage', { photo: b.photo })}${b.reason ? html` <span class="muted small">${localMatchReason(ctx.lang, { kind: 'photo', value: b.photo, reason: b.reason })}</span>` : ''}</li>`)}</ul>`;
}

function matches(ctx: ViewContext, d: ExposureDetail): SafeHtml {
  return html`<section aria-labelledby="matches-heading" class="card">
  <h2 id="matches-heading">${ctx.t('exposure.matches')}</h2>
  ${d.foundInFrame ? html`<h3>${ctx.t('exposure.foundInFrame')}</h3><p>${ctx.t('exposure.foundInFrameText')}</p>` : ''}
  ${d.searchResult ? html`<h3>${ctx.t('exposure.searchResult')}</h3><blockquote class="snippet"><p class="snippet-title">${d.searchResult.title ?? ''}</p><p>${d.searchResult.snippet ?? ''}</p><p class="muted small">${d.searchResult.engines.join(', ')}</p></blockquote>` : ''}
  ${d.hit.reasons.length ? html`<h3>${ctx.t('exposure.reasons')}</h3><ul class="reasons">${d.hit.reasons.map((r) => html`<li>${localHitReason(ctx.lang, r)}</li>`)}</ul>` : ''}
  ${d.matches.length === 0 ? emptyState(ctx.t('exposure.noMatches')) : html`<div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('exposure.matches')}</caption>
    <thead><tr><th scope="col">${ctx.t('exposure.kind')}</th><th scope="col">${ctx.t('exposure.matched')}</th><th scope="col">${ctx.t('exposure.onPage')}</th><th scope="col">${ctx.t('exposure.reason')}</th></tr></thead>
    <tbody>${d.matches.map((m) => html`<tr>
      <th scope="row">${label(ctx, `matchKind.${m.kind}`, m.kind)}</th>
      <td data-label="${ctx.t('exposure.matched')}">${m.value}</td>
      <td data-label="${ctx.t('exposure.onPage')}">${m.kind === 'photo' ? html`<span class="url small">${m.imageUrl ?? ''}</span>${m.distance !== null ? html` <span class="muted small">(${ctx.t('exposure.distance')} ${m.distance})</span>` : ''}` : (m.found ?? '')}</td>
      <td data-label="${ctx.t('exposure.reason')}">${m.reason ? localMatchReason(ctx.lang, { kind: m.kind, value: m.value, reason: m.reason }) : ''}</td>
    </tr>`)}</tbody>
  </table></div>`}
</section>`;
}

function evidence(ctx: ViewContext, d: ExposureDetail, o: ExposureViewOptions): SafeHtml {
  const shots = d.captures.flatMap((c) => c.artifacts.filter((a) => a.role === 'screenshot' || a.role.startsWith('image:')).map((a) => ({ capture: c, artifact: a })));
  const boxes = o.boxes ?? [];
  return html`<section aria-labelledby="evidence-heading" class="card" id="evidence">
  <h2 id="evidence-heading">${ctx.t('exposure.evidence')}</h2>
  ${d.captures.length === 0 ? emptyState(ctx.t('exposure.noEvidence')) : ''}
  ${shots.length > 0 && o.evidenceRoute ? html`<div class="reveal-box" data-reveal-box>
    <div class="shots">${shots.map(({ artifact }) => html`<span class="shot-frame"><img class="shot${o.revealed ? '' : ' blurred'}" src="/api/evidence/files/${artifact.sha256}${o.revealed ? '?reveal=1' : ''}" data-reveal-src="/api/evidence/files/${artifact.sha256}?reveal=1" alt="${artifact.role === 'screenshot' ? ctx.t('exposure.screenshotAlt') : ctx.t('exposure.imageAlt')}">${boxOverlay(boxes.filter((b) => b.sha256 === artifact.sha256))}</span>`)}</div>
    ${boxNotes(ctx, boxes.filter((b) => shots.some((s) => s.artifact.sha256 === b.sha256)))}
    ${o.revealed ? html`<p class="muted small" role="status">${ctx.t('exposure.revealedNote')}</p>` : html`<form method="post" action="/exposures/${d.hit.id}/reveal" class="reveal-form" data-reveal-form data-reveal-api="/api/hits/${d.hit.id}/reveal" data-revealed-text="${ctx.t('exposure.revealedNote')}">
      ${csrfField(ctx)}
      <p class="muted small">${ctx.t('exposure.blurredNote')}</p>
      <button type="submit" class="button">${ctx.t('exposure.reveal')}</button>
    </form>`}
  </div>` : ''}
  ${d.captures.map((c) => html`<details class="capture"${c === d.captures[0] ? raw(' open') : ''}>
    <summary>${label(ctx, `capture.${c.purpose}`, c.purpose)} · ${timeTag(ctx, c.capturedAt)} · ${label(ctx, `captureOutcome.${c.outcome}`, c.outcome)}</summary>
    ${facts([
      [ctx.t('exposure.requestedUrl'), html`<span class="url">${c.requestedUrl}</span>`],
      [ctx.t('exposure.finalUrl'), c.finalUrl ? html`<span class="url">${c.finalUrl}</span>` : null],
      [ctx.t('exposure.httpStatus'), c.httpStatus],
      [ctx.t('exposure.serverIp'), c.serverIp],
      [ctx.t('exposure.timestamp'), c.timestamped ? ctx.t('common.yes') : ctx.t('common.no')],
    ])}
    <div class="table-wrap"><table>
      <caption>${ctx.t('exposure.files')}</caption>
      <thead><tr><th scope="col">${ctx.t('exposure.role')}</th><th scope="col">SHA-256</th><th scope="col">${ctx.t('exposure.size')}</th></tr></thead>
      <tbody>${c.artifacts.map((a) => html`<tr><th scope="row">${a.role}</th><td><code class="hash">${a.sha256}</code></td><td>${a.sizeBytes === null ? '—' : `${Math.ceil(a.sizeBytes / 1024)} KiB`}</td></tr>`)}</tbody>
    </table></div>
  </details>`)}
  ${d.custody.length > 0 ? html`<details class="custody"><summary>${ctx.t('exposure.custody', { n: d.custody.length })}</summary>
    <ol class="timeline">${d.custody.map((e) => html`<li>${timeTag(ctx, e.at)} — ${e.action} <span class="muted small">(${e.actor}, ${e.subjectType} ${shortHash(e.subjectId, 14)})</span></li>`)}</ol>
  </details>` : ''}
  ${o.exportRoute ? html`<form method="post" action="/api/evidence/export" class="inline-form">
    ${csrfField(ctx)}<input type="hidden" name="id" value="${d.hit.id}"><input type="hidden" name="language" value="${ctx.lang}">
    <button type="submit" class="button" name="format" value="zip">${ctx.t('exposure.exportZip')}</button>
    <button type="submit" class="button" name="format" value="pdf">${ctx.t('exposure.exportPdf')}</button>
  </form>` : ''}
</section>`;
}

/** Without a case: "being prepared" while its job waits or runs, and a failure said as one once the job gave up. */
function caseJobState(ctx: ViewContext, job: ExposureDetail['caseJob']): SafeHtml {
  if (job?.status === 'pending') return notice('info', ctx.t('exposure.casePending'));
  if (job?.status === 'dead') {
    return notice('warn', html`${ctx.t('exposure.caseFailed')}${job.lastError ? html`<br><span class="small">${ctx.t('exposure.caseFailedDetail', { detail: job.lastError })}</span>` : ''}`);
  }
  return emptyState(ctx.t('exposure.noCase'));
}

function takedown(ctx: ViewContext, d: ExposureDetail, o: ExposureViewOptions): SafeHtml {
  const c = d.caseView;
  if (!c) {
    return html`<section aria-labelledby="case-heading" class="card" id="takedown">
  <h2 id="case-heading">${ctx.t('exposure.takedown')}</h2>
  ${caseJobState(ctx, d.caseJob)}
  <form method="post" action="/exposures/${d.hit.id}/case">${csrfField(ctx)}<button type="submit" class="button primary">${ctx.t(d.caseJob?.status === 'dead' ? 'exposure.prepareAgain' : 'exposure.prepare')}</button></form>
</section>`;
  }
  const recipient = c.recipient;
  const canSend = o.canSendMail && recipient?.kind === 'email' && c.allowedTransitions.includes('takedown_sent') && Boolean(c.body);
  // "Draft ready" only when there is a text: the badge and the notice below must never disagree.
  const badge = c.status === 'new' && !c.body ? '' : statusBadge(ctx, 'caseStatus', c.status);
  return html`<section aria-labelledby="case-heading" class="card" id="takedown">
  <h2 id="case-heading">${ctx.t('exposure.takedown')} ${badge}</h2>
  ${facts([
    [ctx.t('exposure.recipient'), recipient ? html`${recipient.name ?? ''} ${recipient.address ? html`<span class="url">${recipient.address}</span>` : ''}${recipient.formUrl ? externalLink(recipient.formUrl) : ''} <span class="muted small">(${label(ctx, `confidence.${recipient.confidence}`, recipient.confidence)})</span>` : ctx.t('exposure.noRecipient')],
    [ctx.t('exposure.bases'), c.bases.length ? c.bases.map((id) => basisName(id, ctx.lang)).join(' · ') : null],
    [ctx.t('exposure.audience'), label(ctx, `audience.${c.audience}`, c.audience)],
    [ctx.t('exposure.deadline'), timeTag(ctx, c.deadlineAt)],
    [ctx.t('exposure.nextRecheck'), timeTag(ctx, c.nextRecheckAt)],
    [ctx.t('exposure.sentAt'), timeTag(ctx, c.sentAt)],
  ])}
  ${c.copyText ? draftView(ctx, c, d.mailto) : html`${notice('info', c.draftProblem ? label(ctx, `draftProblem.${c.draftProblem}`, c.draftProblem) : ctx.t('exposure.noDraft'))}
  ${c.allowedTransitions.includes('reviewing') || c.status === 'reviewing' ? html`<form method="post" action="/exposures/${d.hit.id}/case">${csrfField(ctx)}<input type="hidden" name="redraft" value="true"><button type="submit" class="button primary">${ctx.t('exposure.redraft')}</button></form>` : ''}`}
  ${c.form ? html`<div class="form-steps"><p>${ctx.t('exposure.useForm')} ${externalLink(c.form.formUrl, c.form.label ?? c.form.formUrl)}</p>${c.form.steps.length ? html`<ol>${c.form.steps.map((step) => html`<li>${step}</li>`)}</ol>` : ''}</div>` : ''}
  ${canSend ? sendStep(ctx, d.hit.id, c, { senderEmail: o.senderEmail, field }) : c.body && recipient?.kind === 'email' && !o.canSendMail ? html`<p class="muted small">${ctx.t('exposure.noMailServer')}${ctx.actor?.role === 'admin' ? html` <a href="/settings#mail">${ctx.t('exposure.setUpMail')}</a>` : ''}</p>` : ''}
  ${c.events.length ? html`<h3>${ctx.t('exposure.timeline')}</h3><ol class="timeline">${c.events.map((e) => html`<li>${timeTag(ctx, e.at)} — ${label(ctx, `caseEvent.${e.kind}`, e.kind)} <span class="muted small">(${e.actor})</span></li>`)}</ol>` : ''}
</section>`;
}

function statusActions(ctx: ViewContext, d: ExposureDetail): SafeHtml {
  const allowed = d.caseView ? d.caseView.allowedTransitions : d.hit.status === 'false_positive' ? [] : ['false_positive'];
  const offered = ['false_positive', 'reviewing', 'removed'].filter((s) => allowed.includes(s));
  if (offered.length === 0) return html``;
  return html`<section aria-labelledby="status-heading" class="card">
  <h2 id="status-heading">${ctx.t('exposure.review')}</h2>
  <div class="toolbar">${offered.map((s) => html`<form method="post" action="/exposures/${d.hit.id}/status">${csrfField(ctx)}<input type="hidden" name="status" value="${s}"><button type="submit" class="button${s === 'false_positive' ? ' subtle' : ''}">${label(ctx, `exposure.mark.${s}`, s)}</button></form>`)}</div>
</section>`;
}

/** The way to calm, concrete help for what this page does to the person, kept near the top. */
function guidanceLink(ctx: ViewContext, d: ExposureDetail): SafeHtml {
  const topic = d.hit.categories.includes('intimate_media') ? 'intimate-images' : 'doxxing';
  return html`<p class="guidance-link"><a class="button primary" href="/guidance/${topic}?exposure=${d.hit.id}">${ctx.t('guidance.whatToDo')}</a> <span class="muted small">${ctx.t('guidance.whatToDoHint')}</span></p>`;
}

export function renderExposureView(ctx: ViewContext, d: ExposureDetail, o: ExposureViewOptions): SafeHtml {
  return layout(ctx, {
    title: d.hit.title || d.hit.host,
    active: 'exposures',
    body: html`${doneNotice(ctx)}${o.error ? notice('error', o.error) : ''}
<p class="url-line">${externalLink(d.hit.url)}</p>
<p class="muted small">${ctx.t('exposure.openWarning')}</p>
${guidanceLink(ctx, d)}
${facts([
  [ctx.t('common.person'), d.personLabel],
  [ctx.t('common.severity'), severityBadge(ctx, d.hit.severity)],
  [ctx.t('common.status'), statusBadge(ctx, 'hitStatus', d.hit.status)],
  [ctx.t('common.category'), categoryList(ctx, d.hit.categories)],
  [ctx.t('exposure.linkage'), d.hit.linkage ? ctx.t('exposure.linkageYes') : ctx.t('common.no')],
  [ctx.t('exposure.firstSeen'), timeTag(ctx, d.hit.firstSeenAt)],
  [ctx.t('exposure.lastSeen'), timeTag(ctx, d.hit.lastSeenAt)],
  [ctx.t('exposure.host'), d.hit.host],
])}
${matches(ctx, d)}
${evidence(ctx, d, o)}
${takedown(ctx, d, o)}
${statusActions(ctx, d)}`,
  });
}
