import { UI_LANGUAGES } from '../../../config/accounts.settings.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, timeTag, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { doneNotice, emptyState, field, notice, selectField, textareaField } from '../components.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import type { PersonListRow } from '../../read-models/people.ts';

export const PROFILE_EXAMPLE = JSON.stringify({ names: ['First Last'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, null, 2);

/** Paste a profile.json, or pick the file: the small script reads it into the text box (no upload needed). */
export function profileInput(ctx: ViewContext, args: { value?: string | null; error?: string | null; id: string }): SafeHtml {
  return html`${textareaField({ name: 'profile', id: args.id, label: ctx.t('people.profileJson'), hint: ctx.t('people.profileHint'), value: args.value ?? '', rows: 10, error: args.error, required: true })}
<details class="example"><summary>${ctx.t('people.profileExample')}</summary><pre>${PROFILE_EXAMPLE}</pre></details>
<div class="field js-only" hidden>
  <label for="${args.id}-file">${ctx.t('people.profileFile')}</label>
  <input id="${args.id}-file" type="file" accept="application/json,.json" data-read-into="${args.id}">
</div>`;
}

export function renderPeopleView(ctx: ViewContext, data: { people: PersonListRow[]; form?: Record<string, string>; error?: string | null }): SafeHtml {
  const form = data.form ?? {};
  return layout(ctx, {
    title: ctx.t('people.title'),
    active: 'people',
    lead: ctx.t('people.lead'),
    body: html`${doneNotice(ctx)}
<section aria-labelledby="list-heading" class="card">
  <h2 id="list-heading">${ctx.t('people.listHeading')}</h2>
  ${data.people.length === 0 ? emptyState(ctx.t('people.none')) : html`<div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('people.listHeading')}</caption>
    <thead><tr><th scope="col">${ctx.t('common.person')}</th><th scope="col">${ctx.t('people.newExposures')}</th><th scope="col">${ctx.t('people.openExposures')}</th><th scope="col">${ctx.t('overview.lastSuccess')}</th><th scope="col">${ctx.t('overview.nextScan')}</th></tr></thead>
    <tbody>
    ${data.people.map((p) => html`<tr>
      <th scope="row"><a href="/people/${p.id}">${p.label}</a>${p.isDemo ? html` <span class="badge st-demo">${ctx.t('people.demo')}</span>` : ''}</th>
      <td data-label="${ctx.t('people.newExposures')}"><a href="/exposures?personId=${p.id}&amp;status=new">${p.newHits}</a></td>
      <td data-label="${ctx.t('people.openExposures')}"><a href="/exposures?personId=${p.id}">${p.openHits}</a></td>
      <td data-label="${ctx.t('overview.lastSuccess')}">${timeTag(ctx, p.lastSuccessAt)}</td>
      <td data-label="${ctx.t('overview.nextScan')}">${timeTag(ctx, p.nextScanAt)}</td>
    </tr>`)}
    </tbody>
  </table></div>`}
</section>
<section aria-labelledby="add-heading" class="card">
  <h2 id="add-heading">${ctx.t('people.addHeading')}</h2>
  <p class="muted">${ctx.t('people.addLead')}</p>
  ${data.error ? notice('error', data.error) : ''}
  <form method="post" action="/people" class="form">
    ${csrfField(ctx)}
    ${field({ name: 'label', label: ctx.t('people.label'), hint: ctx.t('people.labelHint'), value: form.label, required: true, attrs: html` maxlength="80" autocomplete="off"` })}
    <div class="field-row">
      ${selectField({ name: 'language', label: ctx.t('people.language'), value: form.language ?? ctx.lang, options: UI_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })) })}
      ${field({ name: 'schedule', label: ctx.t('people.schedule'), hint: ctx.t('people.scheduleHint'), value: form.schedule, attrs: html` autocomplete="off" placeholder="0 3 * * *"` })}
    </div>
    ${profileInput(ctx, { id: 'new-profile', value: form.profile })}
    <button type="submit" class="button primary">${ctx.t('people.addSubmit')}</button>
  </form>
</section>`,
  });
}
