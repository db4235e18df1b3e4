import { html, type SafeHtml } from '../html.ts';
import { csrfField, timeTag, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { doneNotice, emptyState, facts, field, label, notice, shortHash, statusBadge } from '../components.ts';
import { externalLink } from '../html.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import type { PersonPageData } from '../../read-models/people.ts';
import { profileInput } from './people.page.ts';
import type { MessageKey } from '../i18n/index.ts';
import { hashExportSection } from './hash-export.section.ts';

const IDENTIFIER_FIELDS: [keyof PersonPageData['profile'], MessageKey][] = [
  ['names', 'person.names'], ['aliases', 'person.aliases'], ['phones', 'person.phones'], ['emails', 'person.emails'], ['addresses', 'person.addresses'], ['handles', 'person.handles'],
];

export interface PersonFormState {
  error?: { section: 'profile' | 'schedule' | 'wipe'; message: string } | null;
  profileText?: string;
}

function identifiers(ctx: ViewContext, d: PersonPageData): SafeHtml {
  return html`<section aria-labelledby="ids-heading" class="card">
  <h2 id="ids-heading">${ctx.t('person.identifiers')}</h2>
  <dl class="facts">
    ${IDENTIFIER_FIELDS.map(([key, text]) => html`<div><dt>${ctx.t(text)}</dt><dd>${d.profile[key].length ? html`<ul class="plain">${d.profile[key].map((v) => html`<li>${v}</li>`)}</ul>` : html`<span class="muted">—</span>`}</dd></div>`)}
    <div><dt>${ctx.t('person.ownUrls')}</dt><dd>${d.profile.ownUrls.length ? html`<ul class="plain">${d.profile.ownUrls.map((u) => html`<li>${externalLink(u)}</li>`)}</ul>` : html`<span class="muted">—</span>`}</dd></div>
  </dl>
  <p class="muted small">${ctx.t('person.ownUrlsHint')}</p>
</section>`;
}

/** Per photo and per engine: the person's explicit choice to let the photo be uploaded for reverse-image search. */
function consentForm(ctx: ViewContext, d: PersonPageData, p: PersonPageData['photos'][number]): SafeHtml {
  const allowed = new Set(p.consents.filter((c) => !c.revokedAt).map((c) => c.engine));
  return html`<form method="post" action="/people/${d.person.id}/photos/${p.id}/consent" class="consent-form">
    ${csrfField(ctx)}
    <fieldset><legend class="visually-hidden">${ctx.t('person.reverseConsent')}: ${p.label}</legend>
    ${d.reverseImageEngines.map((e) => html`<div class="check small"><input type="checkbox" id="c-${p.id}-${e.id}" name="engines" value="${e.id}"${allowed.has(e.id) ? html` checked` : ''}${p.originalKept ? '' : html` disabled`}><label for="c-${p.id}-${e.id}">${e.label}</label></div>`)}
    </fieldset>
    ${p.originalKept ? html`<button type="submit" class="button subtle small-button">${ctx.t('common.save')}</button>` : html`<p class="muted small">${ctx.t('person.originalNotKept')}</p>`}
  </form>`;
}

function photoUpload(ctx: ViewContext, d: PersonPageData): SafeHtml {
  return html`<form class="form js-only photo-upload" hidden data-photo-upload="/api/people/${d.person.id}/photos">
    <h3>${ctx.t('person.addPhoto')}</h3>
    <div class="field"><label for="photo-file">${ctx.t('person.photoFile')}</label><input id="photo-file" type="file" accept="image/*" required></div>
    <div class="field"><label for="photo-label">${ctx.t('person.photoLabel')}</label><input id="photo-label" type="text" maxlength="120" autocomplete="off"></div>
    <div class="check"><input type="checkbox" id="photo-keep"><label for="photo-keep">${ctx.t('person.keepOriginal')}</label></div>
    <button type="submit" class="button">${ctx.t('person.uploadPhoto')}</button>
    <p class="small" role="status" aria-live="polite" data-upload-status data-uploading="${ctx.t('person.uploading')}" data-failed="${ctx.t('person.uploadFailed')}"></p>
  </form>
  <noscript><p class="muted small">${ctx.t('person.photoNoScript', { id: d.person.id })}</p></noscript>`;
}

function photos(ctx: ViewContext, d: PersonPageData): SafeHtml {
  return html`<section aria-labelledby="photos-heading" class="card" id="photos">
  <h2 id="photos-heading">${ctx.t('person.photos')}</h2>
  <p class="muted">${ctx.t('person.photosLead')}</p>
  ${d.photos.length === 0 ? emptyState(ctx.t('person.noPhotos')) : html`<div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('person.photos')}</caption>
    <thead><tr><th scope="col">${ctx.t('person.photo')}</th><th scope="col">SHA-256</th><th scope="col">PDQ</th><th scope="col">${ctx.t('person.quality')}</th><th scope="col">${ctx.t('person.privacyCheck')}</th><th scope="col">${ctx.t('person.reverseConsent')}</th></tr></thead>
    <tbody>${d.photos.map((p) => html`<tr>
      <th scope="row">${p.label} <span class="muted small">${p.width}×${p.height}</span></th>
      <td data-label="SHA-256"><code title="${p.sha256}">${shortHash(p.sha256)}</code></td>
      <td data-label="PDQ"><code title="${p.pdq}">${shortHash(p.pdq)}</code></td>
      <td data-label="${ctx.t('person.quality')}">${p.quality}</td>
      <td data-label="${ctx.t('person.privacyCheck')}">${p.privacyFindings.length ? html`<ul class="tags warn">${p.privacyFindings.map((f) => html`<li>${label(ctx, `privacy.${f}`, f)}</li>`)}</ul>` : html`<span class="badge st-ok">${ctx.t('person.privacyClean')}</span>`}</td>
      <td data-label="${ctx.t('person.reverseConsent')}">${consentForm(ctx, d, p)}</td>
    </tr>`)}</tbody>
  </table></div>`}
  ${photoUpload(ctx, d)}
  ${hashExportSection(ctx, { personId: d.person.id, photoCount: d.photos.length })}
</section>`;
}

function schedule(ctx: ViewContext, d: PersonPageData, state: PersonFormState): SafeHtml {
  const error = state.error?.section === 'schedule' ? state.error.message : null;
  return html`<section aria-labelledby="schedule-heading" class="card">
  <h2 id="schedule-heading">${ctx.t('person.scheduleHeading')}</h2>
  ${facts([[ctx.t('overview.nextScan'), d.person.scheduleEnabled ? timeTag(ctx, d.person.nextScanAt) : ctx.t('person.paused')], [ctx.t('overview.lastSuccess'), timeTag(ctx, d.person.lastSuccessAt)]])}
  <form method="post" action="/people/${d.person.id}/schedule" class="form">
    ${csrfField(ctx)}
    ${field({ name: 'schedule', label: ctx.t('people.schedule'), hint: ctx.t('people.scheduleHint'), value: d.person.scheduleCron, error, attrs: html` autocomplete="off" spellcheck="false"` })}
    <div class="check"><input type="checkbox" id="f-enabled" name="enabled" value="true"${d.person.scheduleEnabled ? html` checked` : ''}><label for="f-enabled">${ctx.t('person.scheduleEnabled')}</label></div>
    <button type="submit" class="button">${ctx.t('common.save')}</button>
  </form>
</section>`;
}

function engines(ctx: ViewContext, d: PersonPageData): SafeHtml {
  return html`<section aria-labelledby="engines-heading" class="card">
  <h2 id="engines-heading">${ctx.t('person.engines')}</h2>
  <ul class="tags">${d.engines.map((e) => html`<li>${e.label}</li>`)}</ul>
  <h3>${ctx.t('person.reverseImage')}</h3>
  <p class="muted small">${ctx.t('person.reverseImageLead')}</p>
  <ul class="plain small">${d.reverseImageEngines.map((e) => html`<li>${e.label}: ${d.photos.some((p) => p.consents.some((c) => c.engine === e.id && !c.revokedAt)) ? html`<span class="badge st-ok">${ctx.t('person.consentGiven')}</span>` : html`<span class="badge st-none">${ctx.t('person.noConsent')}</span>`}</li>`)}</ul>
</section>`;
}

function profileForms(ctx: ViewContext, d: PersonPageData, state: PersonFormState): SafeHtml {
  const error = state.error?.section === 'profile' ? state.error.message : null;
  return html`<section aria-labelledby="profile-heading" class="card">
  <h2 id="profile-heading">${ctx.t('person.importExport')}</h2>
  <p><a class="button" href="/api/people/${d.person.id}/profile.json" download="profile.json">${ctx.t('person.export')}</a></p>
  <form method="post" action="/people/${d.person.id}/profile" class="form">
    ${csrfField(ctx)}
    ${profileInput(ctx, { id: 'replace-profile', value: state.profileText ?? JSON.stringify(d.profile, null, 2), error })}
    <button type="submit" class="button">${ctx.t('person.replaceProfile')}</button>
  </form>
</section>`;
}

function scans(ctx: ViewContext, d: PersonPageData): SafeHtml {
  return html`<section aria-labelledby="pscans-heading" class="card">
  <h2 id="pscans-heading">${ctx.t('person.recentScans')}</h2>
  ${d.scans.length === 0 ? emptyState(ctx.t('scans.none')) : html`<ul class="action-list">${d.scans.map((r) => html`<li>${statusBadge(ctx, 'scanStatus', r.status)} <a href="/scans/${r.id}">${timeTag(ctx, r.createdAt)}</a> <span class="muted small">${ctx.t('scans.hitsNewSeen', { n: r.hitsNew, m: r.hitsSeen })}</span></li>`)}</ul>`}
</section>`;
}

function wipe(ctx: ViewContext, d: PersonPageData, state: PersonFormState): SafeHtml {
  const error = state.error?.section === 'wipe' ? state.error.message : null;
  return html`<section aria-labelledby="wipe-heading" class="card danger">
  <h2 id="wipe-heading">${ctx.t('person.wipeHeading')}</h2>
  <p>${ctx.t('person.wipeLead')}</p>
  <form method="post" action="/people/${d.person.id}/wipe" class="form">
    ${csrfField(ctx)}
    ${field({ name: 'confirmLabel', label: ctx.t('person.wipeConfirm', { label: d.person.label }), error, required: true, attrs: html` autocomplete="off"` })}
    <button type="submit" class="button danger">${ctx.t('person.wipeSubmit')}</button>
  </form>
</section>`;
}

export function renderPersonView(ctx: ViewContext, d: PersonPageData, state: PersonFormState = {}): SafeHtml {
  return layout(ctx, {
    title: d.person.label,
    active: 'people',
    body: html`${doneNotice(ctx)}${state.error ? notice('error', state.error.message) : ''}
<div class="toolbar">
  <form method="post" action="/people/${d.person.id}/scan">${csrfField(ctx)}<button type="submit" class="button primary">${ctx.t('scans.scanNow')}</button></form>
  <a class="button" href="/exposures?personId=${d.person.id}">${ctx.t('person.seeExposures', { n: d.counts.openHits })}</a>
</div>
${facts([
  [ctx.t('people.language'), LANGUAGE_NAMES[d.person.language as 'en'] ?? d.person.language],
  [ctx.t('person.country'), d.person.defaultCountry],
  [ctx.t('people.newExposures'), String(d.counts.newHits)],
  ...(d.person.isDemo ? [[ctx.t('people.demo'), ctx.t('person.demoNote')] as [string, string]] : []),
])}
<div class="grid-2">
  ${identifiers(ctx, d)}
  ${schedule(ctx, d, state)}
  ${engines(ctx, d)}
  ${scans(ctx, d)}
</div>
${photos(ctx, d)}
${profileForms(ctx, d, state)}
${wipe(ctx, d, state)}`,
  });
}
