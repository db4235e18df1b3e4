import { UI_LANGUAGES } from '../../../config/accounts.settings.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { field, notice, selectField } from '../components.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';

export function renderSetupView(ctx: ViewContext, state: { values?: Record<string, string>; error?: string | null } = {}): SafeHtml {
  const v = state.values ?? {};
  return layout(ctx, {
    title: ctx.t('setup.title'),
    bare: true,
    lead: ctx.t('setup.lead'),
    body: html`${state.error ? notice('error', state.error) : ''}
<form method="post" action="/setup" class="card form narrow" novalidate>
  ${csrfField(ctx)}
  ${field({ name: 'organisationName', label: ctx.t('setup.organisation'), hint: ctx.t('setup.organisationHint'), value: v.organisationName, required: true, autocomplete: 'organization' })}
  ${field({ name: 'displayName', label: ctx.t('setup.displayName'), value: v.displayName, autocomplete: 'nickname' })}
  ${field({ name: 'email', label: ctx.t('login.email'), type: 'email', value: v.email, required: true, autocomplete: 'username' })}
  ${field({ name: 'password', label: ctx.t('login.password'), type: 'password', hint: ctx.t('setup.passwordHint'), required: true, autocomplete: 'new-password', attrs: html` minlength="12"` })}
  ${field({ name: 'password2', label: ctx.t('setup.passwordAgain'), type: 'password', required: true, autocomplete: 'new-password' })}
  ${selectField({ name: 'language', label: ctx.t('account.language'), value: v.language ?? ctx.lang, options: UI_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })) })}
  <button type="submit" class="button primary">${ctx.t('setup.submit')}</button>
</form>
<p class="muted small narrow">${ctx.t('setup.cliHint')} <code>exposure-scanner create-admin --email you@example.org --password-stdin</code></p>`,
  });
}

export function renderLoginView(ctx: ViewContext, state: { email?: string; next?: string; error?: string | null; status?: 'logged_out' | null } = {}): SafeHtml {
  return layout(ctx, {
    title: ctx.t('login.title'),
    bare: true,
    body: html`${state.error ? notice('error', state.error) : ''}${state.status === 'logged_out' ? notice('ok', ctx.t('login.loggedOut')) : ''}
<form method="post" action="/login" class="card form narrow">
  ${csrfField(ctx)}
  ${state.next ? html`<input type="hidden" name="next" value="${state.next}">` : ''}
  ${field({ name: 'email', label: ctx.t('login.email'), type: 'email', value: state.email, required: true, autocomplete: 'username' })}
  ${field({ name: 'password', label: ctx.t('login.password'), type: 'password', required: true, autocomplete: 'current-password' })}
  <button type="submit" class="button primary">${ctx.t('login.submit')}</button>
</form>`,
  });
}
