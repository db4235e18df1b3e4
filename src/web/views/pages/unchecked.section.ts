import { html, type SafeHtml } from '../html.ts';
import { timeTag, type ViewContext } from '../context.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { UncheckedRow } from '../../read-models/unchecked.ts';

/**
 * "Could not check": pages that refused the scanner, with the site and the reason in the reader's language.
 * Shown next to the exposures because they are not "nothing found"; the wording stays calm and says they
 * will be tried again.
 */
export function uncheckedSection(ctx: ViewContext, rows: UncheckedRow[], showPerson: boolean): SafeHtml {
  if (rows.length === 0) return html``;
  return html`<section aria-labelledby="unchecked-heading" class="card unchecked">
  <h2 id="unchecked-heading">${ctx.t('unchecked.title')} <span class="badge st-partial">${rows.length}</span></h2>
  <p class="muted">${ctx.t('unchecked.lead')}</p>
  <div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('unchecked.title')}</caption>
    <thead><tr><th scope="col">${ctx.t('unchecked.site')}</th><th scope="col">${ctx.t('unchecked.reason')}</th>${showPerson ? html`<th scope="col">${ctx.t('common.person')}</th>` : ''}<th scope="col">${ctx.t('unchecked.lastTried')}</th><th scope="col">${ctx.t('unchecked.nextTry')}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr>
      <th scope="row" class="url">${r.host}</th>
      <td data-label="${ctx.t('unchecked.reason')}">${ctx.t(`unchecked.reason.${r.reason}` as MessageKey)}</td>
      ${showPerson ? html`<td data-label="${ctx.t('common.person')}">${r.personLabel}</td>` : ''}
      <td data-label="${ctx.t('unchecked.lastTried')}">${timeTag(ctx, r.lastTriedAt)}</td>
      <td data-label="${ctx.t('unchecked.nextTry')}">${r.nextTryAt ? timeTag(ctx, r.nextTryAt) : html`<span class="muted">${ctx.t('unchecked.noMoreTries')}</span>`}</td>
    </tr>`)}</tbody>
  </table></div>
</section>`;
}
