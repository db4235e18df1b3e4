import { html, type SafeHtml } from '../html.ts';
import { timeTag, type ViewContext } from '../context.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { UnclearLookupRow } from '../../read-models/unclear-lookups.ts';

/**
 * Profile lookups that could not tell, next to "Could not check": the site (its host, never the profile
 * address), the handle looked up and the reason in the reader's language. Calm wording: not a finding, and
 * looked up again at the next scan.
 */
export function unclearLookupsSection(ctx: ViewContext, rows: UnclearLookupRow[], showPerson: boolean): SafeHtml {
  if (rows.length === 0) return html``;
  return html`<section aria-labelledby="lookups-heading" class="card unchecked">
  <h2 id="lookups-heading">${ctx.t('lookups.title')} <span class="badge st-partial">${rows.length}</span></h2>
  <p class="muted">${ctx.t('lookups.lead')}</p>
  <div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('lookups.title')}</caption>
    <thead><tr><th scope="col">${ctx.t('lookups.site')}</th><th scope="col">${ctx.t('lookups.handle')}</th><th scope="col">${ctx.t('lookups.reason')}</th>${showPerson ? html`<th scope="col">${ctx.t('common.person')}</th>` : ''}<th scope="col">${ctx.t('lookups.when')}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr>
      <th scope="row" class="url">${r.site}</th>
      <td data-label="${ctx.t('lookups.handle')}">${r.handle}</td>
      <td data-label="${ctx.t('lookups.reason')}">${ctx.t(`lookups.reason.${r.reason}` as MessageKey)}</td>
      ${showPerson ? html`<td data-label="${ctx.t('common.person')}">${r.personLabel}</td>` : ''}
      <td data-label="${ctx.t('lookups.when')}">${r.checkedAt ? timeTag(ctx, r.checkedAt) : ''}</td>
    </tr>`)}</tbody>
  </table></div>
</section>`;
}
