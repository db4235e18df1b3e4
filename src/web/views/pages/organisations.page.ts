import { html, type SafeHtml } from '../html.ts';
import { csrfField, timeTag, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { field, notice } from '../components.ts';
import type { OrganisationSummary } from '../../../modules/accounts/organisations.usecases.ts';

export interface OrganisationsData {
  organisations: OrganisationSummary[];
  /** The organisation just created and its administrator's password: shown once, never again. */
  created?: { name: string; slug: string; email: string; password: string } | null;
  form?: { name?: string; adminEmail?: string };
  error?: string | null;
}

/**
 * The operator's page: which organisations this installation serves and a form to add one. It shows counts
 * only: the operator runs the service for the organisations and has no business seeing whom they protect.
 */
export function renderOrganisationsView(ctx: ViewContext, d: OrganisationsData): SafeHtml {
  return layout(ctx, {
    title: ctx.t('organisations.title'),
    active: 'organisations',
    lead: ctx.t('organisations.lead'),
    body: html`${d.error ? notice('error', d.error) : ''}
${d.created ? html`<div class="notice notice-ok" role="status">
  <p>${ctx.t('organisations.createdOnce', { name: d.created.name, email: d.created.email })}</p>
  <label for="new-password" class="visually-hidden">${ctx.t('organisations.password')}</label>
  <input id="new-password" class="token" type="text" readonly value="${d.created.password}">
</div>` : ''}
<section aria-labelledby="orgs-heading" class="card">
  <h2 id="orgs-heading">${ctx.t('organisations.list')}</h2>
  <div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('organisations.list')}</caption>
    <thead><tr><th scope="col">${ctx.t('organisations.name')}</th><th scope="col">${ctx.t('organisations.handle')}</th><th scope="col">${ctx.t('organisations.created')}</th><th scope="col">${ctx.t('organisations.administrators')}</th><th scope="col">${ctx.t('organisations.accounts')}</th><th scope="col">${ctx.t('organisations.people')}</th></tr></thead>
    <tbody>${d.organisations.map((o) => html`<tr>
      <th scope="row">${o.name}</th>
      <td data-label="${ctx.t('organisations.handle')}"><code>${o.slug}</code></td>
      <td data-label="${ctx.t('organisations.created')}">${timeTag(ctx, o.createdAt)}</td>
      <td data-label="${ctx.t('organisations.administrators')}">${o.administrators}</td>
      <td data-label="${ctx.t('organisations.accounts')}">${o.accounts}</td>
      <td data-label="${ctx.t('organisations.people')}">${o.people}</td>
    </tr>`)}</tbody>
  </table></div>
</section>
<section aria-labelledby="new-org-heading" class="card">
  <h2 id="new-org-heading">${ctx.t('organisations.create')}</h2>
  <p class="muted">${ctx.t('organisations.createLead')}</p>
  <form method="post" action="/operator/organisations" class="form">
    ${csrfField(ctx)}
    ${field({ name: 'name', label: ctx.t('organisations.name'), value: d.form?.name, required: true, attrs: html` maxlength="120" autocomplete="off"` })}
    ${field({ name: 'adminEmail', label: ctx.t('organisations.adminEmail'), type: 'email', value: d.form?.adminEmail, required: true, attrs: html` autocomplete="off"` })}
    <button type="submit" class="button">${ctx.t('organisations.create')}</button>
  </form>
</section>`,
  });
}
