import { UI_LANGUAGES } from '../../../config/accounts.settings.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, timeTag, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { doneNotice, emptyState, facts, field, label, notice, selectField } from '../components.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import type { ApiTokenRow } from '../../../modules/accounts/api-tokens.repository.ts';

export interface AccountData {
  account: { email: string; displayName: string; role: string; language: string };
  tokens: ApiTokenRow[];
  /** A token just created: shown once, never again. */
  newToken?: { label: string; token: string } | null;
  error?: string | null;
}

export function renderAccountView(ctx: ViewContext, d: AccountData): SafeHtml {
  const live = d.tokens.filter((t) => !t.revokedAt);
  return layout(ctx, {
    title: ctx.t('account.title'),
    active: 'account',
    body: html`${doneNotice(ctx)}${d.error ? notice('error', d.error) : ''}
<section aria-labelledby="me-heading" class="card">
  <h2 id="me-heading">${ctx.t('account.details')}</h2>
  ${facts([[ctx.t('login.email'), d.account.email], [ctx.t('setup.displayName'), d.account.displayName], [ctx.t('settings.role'), label(ctx, `role.${d.account.role}`, d.account.role)]])}
  <form method="post" action="/account/language" class="form inline">
    ${csrfField(ctx)}
    ${selectField({ name: 'language', label: ctx.t('account.language'), value: d.account.language, options: UI_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })) })}
    <button type="submit" class="button">${ctx.t('common.save')}</button>
  </form>
</section>
<section aria-labelledby="tokens-heading" class="card">
  <h2 id="tokens-heading">${ctx.t('account.tokens')}</h2>
  <p class="muted">${ctx.t('account.tokensLead')}</p>
  ${d.newToken ? html`<div class="notice notice-ok" role="status">
    <p>${ctx.t('account.tokenOnce', { label: d.newToken.label })}</p>
    <label for="new-token" class="visually-hidden">${ctx.t('account.token')}</label>
    <input id="new-token" class="token" type="text" readonly value="${d.newToken.token}">
    <button type="button" class="button js-only" hidden data-copy-target="new-token" data-copied-text="${ctx.t('exposure.copied')}">${ctx.t('exposure.copy')}</button>
    <p class="small" aria-live="polite" data-copy-status></p>
  </div>` : ''}
  ${live.length === 0 ? emptyState(ctx.t('account.noTokens')) : html`<div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('account.tokens')}</caption>
    <thead><tr><th scope="col">${ctx.t('account.tokenLabel')}</th><th scope="col">${ctx.t('account.created')}</th><th scope="col">${ctx.t('account.lastUsed')}</th><th scope="col"><span class="visually-hidden">${ctx.t('account.revoke')}</span></th></tr></thead>
    <tbody>${live.map((t) => html`<tr><th scope="row">${t.label}</th><td data-label="${ctx.t('account.created')}">${timeTag(ctx, t.createdAt)}</td><td data-label="${ctx.t('account.lastUsed')}">${timeTag(ctx, t.lastUsedAt)}</td><td><form method="post" action="/account/tokens/${t.id}/revoke">${csrfField(ctx)}<button type="submit" class="button subtle small-button">${ctx.t('account.revoke')}<span class="visually-hidden"> ${t.label}</span></button></form></td></tr>`)}</tbody>
  </table></div>`}
  <form method="post" action="/account/tokens" class="form inline">
    ${csrfField(ctx)}
    ${field({ name: 'label', label: ctx.t('account.tokenLabel'), hint: ctx.t('account.tokenLabelHint'), required: true, attrs: html` maxlength="80" autocomplete="off"` })}
    <button type="submit" class="button">${ctx.t('account.createToken')}</button>
  </form>
</section>`,
  });
}
