import { html, type SafeHtml } from '../html.ts';
import { csrfField, timeTag, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { doneNotice, facts, field, label, notice, selectField, shortHash } from '../components.ts';
import type { EffectiveSettings } from '../../read-models/settings.ts';
import { sandboxBanner, sandboxStateBadge } from '../sandbox-banner.ts';
import type { AuditRow } from '../../../modules/accounts/audit.ts';
import { serviceSettingsSections, type ServiceSettingsData } from './settings-service.view.ts';

export interface SettingsData {
  settings: EffectiveSettings;
  accounts: { id: string; email: string; displayName: string; role: string; personId: string | null; personIds: string[] }[];
  people: { id: string; label: string }[];
  audit: AuditRow[];
  form?: Record<string, string>;
  error?: string | null;
  /** The settings an administrator can change here, with where each one comes from. */
  service: ServiceSettingsData;
}

const yesNo = (ctx: ViewContext, v: boolean) => (v ? ctx.t('common.yes') : ctx.t('common.no'));

function effective(ctx: ViewContext, s: EffectiveSettings): SafeHtml {
  const status = (ok: boolean, text: string | null) => html`<span class="badge ${ok ? 'st-ok' : 'st-none'}">${ok ? ctx.t('settings.configured') : ctx.t('settings.notConfigured')}</span>${text ? html` <span class="small">${text}</span>` : ''}`;
  return html`<section aria-labelledby="effective-heading" class="card">
  <h2 id="effective-heading">${ctx.t('settings.effective')}</h2>
  ${notice('info', ctx.t('settings.envNote'))}
  ${facts([
    [ctx.t('settings.smtp'), status(s.email.configured, s.email.smtpHost)],
    [ctx.t('settings.webhook'), status(s.webhook.configured, s.webhook.host)],
    [ctx.t('settings.searxng'), status(s.search.searxngInstances.length > 0, s.search.searxngInstances.join(', ') || null)],
    [ctx.t('settings.engines'), s.search.engines.map((e) => `${e.id}${e.endpointHost ? ` (${e.endpointHost})` : ''}`).join(', ')],
    [ctx.t('settings.quietHours'), s.alerts.quietHours ? `${s.alerts.quietHours} (${s.alerts.timezone})` : ctx.t('settings.none')],
    [ctx.t('settings.digest'), html`<code>${s.alerts.digestSchedule}</code>`],
    [ctx.t('settings.criticalQuiet'), yesNo(ctx, s.alerts.criticalDuringQuietHours)],
    [ctx.t('settings.sender'), status(s.takedowns.senderConfigured, null)],
    [ctx.t('settings.language'), label(ctx, `language.${s.language.default}`, s.language.default)],
    [ctx.t('settings.evidenceKey'), html`<span class="badge ${s.evidence.key === 'missing' ? 'st-failed' : 'st-ok'}">${label(ctx, `settings.key.${s.evidence.key}`, s.evidence.key)}</span>${s.evidence.keyFile ? html` <code class="small">${s.evidence.keyFile}</code>` : ''}`],
    [ctx.t('settings.tsa'), s.evidence.timestampAuthority ?? ctx.t('settings.none')],
    [ctx.t('settings.demo'), yesNo(ctx, s.service.demoWeb)],
    [ctx.t('settings.browserSandbox'), sandboxStateBadge(ctx)],
  ])}
</section>
${egressSection(ctx, s)}`;
}

/** Says plainly which connection hostile sites see, and warns when it is the person's own. */
function egressSection(ctx: ViewContext, s: EffectiveSettings): SafeHtml {
  return html`<section aria-labelledby="egress-heading" class="card">
  <h2 id="egress-heading">${ctx.t('settings.egress')}</h2>
  ${s.egress.direct ? notice('warn', ctx.t('settings.egressDirectWarning')) : ''}
  ${facts([
    [ctx.t('settings.egress'), s.egress.direct ? ctx.t('settings.egressDirect') : ctx.t('settings.egressVia', { via: s.egress.pages })],
    ...(s.egress.engines.length ? [[ctx.t('settings.egressEngines'), s.egress.engines.map((e) => `${e.id}: ${e.via}`).join(', ')] as [string, string]] : []),
  ])}
</section>`;
}

function accounts(ctx: ViewContext, d: SettingsData): SafeHtml {
  const labelOf = (id: string) => d.people.find((p) => p.id === id)?.label ?? id;
  const form = d.form ?? {};
  return html`<section aria-labelledby="accounts-heading" class="card">
  <h2 id="accounts-heading">${ctx.t('settings.accounts')}</h2>
  <div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('settings.accounts')}</caption>
    <thead><tr><th scope="col">${ctx.t('login.email')}</th><th scope="col">${ctx.t('settings.role')}</th><th scope="col">${ctx.t('settings.sees')}</th></tr></thead>
    <tbody>${d.accounts.map((a) => html`<tr><th scope="row">${a.email} <span class="muted small">${a.displayName}</span></th><td data-label="${ctx.t('settings.role')}">${label(ctx, `role.${a.role}`, a.role)}</td><td data-label="${ctx.t('settings.sees')}">${a.role === 'admin' ? ctx.t('settings.everyone') : a.personIds.length ? a.personIds.map(labelOf).join(', ') : html`<span class="muted">—</span>`}</td></tr>`)}</tbody>
  </table></div>
  <h3 id="new-account-heading">${ctx.t('settings.addAccount')}</h3>
  ${d.error ? notice('error', d.error) : ''}
  <form method="post" action="/settings/accounts" class="form" aria-labelledby="new-account-heading">
    ${csrfField(ctx)}
    <div class="field-row">
      ${field({ name: 'email', label: ctx.t('login.email'), type: 'email', value: form.email, required: true, autocomplete: 'off' })}
      ${field({ name: 'displayName', label: ctx.t('setup.displayName'), value: form.displayName, autocomplete: 'off' })}
    </div>
    <div class="field-row">
      ${selectField({ name: 'role', label: ctx.t('settings.role'), value: form.role ?? 'caseworker', options: ['caseworker', 'person', 'admin'].map((r) => ({ value: r, label: label(ctx, `role.${r}`, r) })) })}
      ${field({ name: 'password', label: ctx.t('login.password'), type: 'password', hint: ctx.t('settings.passwordHint'), autocomplete: 'new-password' })}
    </div>
    ${selectField({ name: 'personId', label: ctx.t('settings.personFor'), hint: ctx.t('settings.personForHint'), value: form.personId, includeEmpty: '—', options: d.people.map((p) => ({ value: p.id, label: p.label })) })}
    <fieldset class="checks"><legend>${ctx.t('settings.assignPeople')}</legend>
      ${d.people.map((p) => html`<div class="check"><input type="checkbox" id="assign-${p.id}" name="personIds" value="${p.id}"><label for="assign-${p.id}">${p.label}</label></div>`)}
    </fieldset>
    <button type="submit" class="button primary">${ctx.t('settings.create')}</button>
  </form>
</section>`;
}

function assignments(ctx: ViewContext, d: SettingsData): SafeHtml {
  const caseworkers = d.accounts.filter((a) => a.role === 'caseworker');
  if (caseworkers.length === 0 || d.people.length === 0) return html``;
  return html`<section aria-labelledby="assign-heading" class="card">
  <h2 id="assign-heading">${ctx.t('settings.assignments')}</h2>
  <form method="post" action="/settings/assignments" class="form">
    ${csrfField(ctx)}
    <div class="field-row">
      ${selectField({ name: 'accountId', label: ctx.t('role.caseworker'), options: caseworkers.map((a) => ({ value: a.id, label: a.email })) })}
      ${selectField({ name: 'personId', label: ctx.t('common.person'), options: d.people.map((p) => ({ value: p.id, label: p.label })) })}
    </div>
    <div class="toolbar"><button type="submit" class="button" name="assigned" value="true">${ctx.t('settings.assign')}</button><button type="submit" class="button subtle" name="assigned" value="false">${ctx.t('settings.unassign')}</button></div>
  </form>
</section>`;
}

function auditLog(ctx: ViewContext, d: SettingsData): SafeHtml {
  const emailOf = (id: string | null) => d.accounts.find((a) => a.id === id)?.email ?? (id ? shortHash(id, 14) : '—');
  return html`<section aria-labelledby="audit-heading" class="card">
  <h2 id="audit-heading">${ctx.t('settings.audit')}</h2>
  <div class="table-wrap"><table class="responsive">
    <caption class="visually-hidden">${ctx.t('settings.audit')}</caption>
    <thead><tr><th scope="col">${ctx.t('common.date')}</th><th scope="col">${ctx.t('settings.who')}</th><th scope="col">${ctx.t('settings.what')}</th><th scope="col">${ctx.t('settings.subject')}</th></tr></thead>
    <tbody>${d.audit.map((e) => html`<tr><th scope="row">${timeTag(ctx, e.at)}</th><td data-label="${ctx.t('settings.who')}">${emailOf(e.accountId)}</td><td data-label="${ctx.t('settings.what')}">${label(ctx, `audit.${e.action}`, e.action)}</td><td data-label="${ctx.t('settings.subject')}"><code class="small">${e.subjectType} ${e.subjectId ?? ''}</code></td></tr>`)}</tbody>
  </table></div>
</section>`;
}

export function renderSettingsView(ctx: ViewContext, d: SettingsData): SafeHtml {
  return layout(ctx, {
    title: ctx.t('settings.title'),
    active: 'settings',
    body: html`${doneNotice(ctx)}
${sandboxBanner(ctx)}
${effective(ctx, d.settings)}
${serviceSettingsSections(ctx, d.service)}
${accounts(ctx, d)}
${assignments(ctx, d)}
${auditLog(ctx, d)}`,
  });
}
