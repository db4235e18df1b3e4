import { html, raw, type SafeHtml } from '../html.ts';
import { csrfField, type ViewContext } from '../context.ts';
import { label, notice } from '../components.ts';
import type { MessageKey } from '../i18n/index.ts';
import { EDITABLE_SECTIONS, isSecretSetting, settingDefinition, type EditableSetting, type SettingSource, type SettingsSection } from '../../../modules/settings/settings-catalogue.models.ts';

export interface ServiceSettingsData {
  fields: Record<EditableSetting, { source: SettingSource; value: string | null; isSet: boolean }>;
  /** Problems of the last submission, by setting name (never quoting the value). */
  problems: Record<string, string>;
  /** Submitted values to show again after a refusal (secrets are never sent back). */
  form: Record<string, string>;
  mailConfigured: boolean;
  mailRecipients: number;
  /** The outcome of "send me a test", when one was just tried. */
  mailTest: { ok: boolean; message: string } | null;
}

function settingField(ctx: ViewContext, name: EditableSetting, d: ServiceSettingsData): SafeHtml {
  const f = d.fields[name];
  const def = settingDefinition(name);
  const id = `s-${name}`;
  const secret = isSecretSetting(name);
  const problem = d.problems[name];
  const fromEnv = f.source === 'environment';
  const value = secret ? '' : (d.form[name] ?? f.value ?? '');
  const hintId = `${id}-hint`;
  return html`<div class="field${problem ? ' has-error' : ''}">
  <label for="${id}">${label(ctx, `setting.${name}`, name)} <code class="small muted">${name}</code></label>
  <p class="hint" id="${hintId}">${def.expects}${def.default ? html` · ${ctx.t('settings.defaultIs')} <code>${def.default}</code>` : ''}</p>
  ${fromEnv ? html`<p class="env-owned">${ctx.t('settings.fromEnvironment', { name })}</p>` : ''}
  ${problem ? html`<p class="error-text" id="${id}-error">${problem}</p>` : ''}
  ${secret ? html`<p class="secret-state">${f.isSet ? html`<span class="badge st-ok">${ctx.t('settings.secretSet')}</span>` : html`<span class="badge st-none">${ctx.t('settings.secretUnset')}</span>`}</p>` : ''}
  <input id="${id}" name="${name}" type="${secret ? 'password' : 'text'}" value="${value}" autocomplete="off" spellcheck="false"${secret && f.isSet ? html` placeholder="${ctx.t('settings.secretReplace')}"` : ''} aria-describedby="${hintId}${problem ? ` ${id}-error` : ''}"${fromEnv ? raw(' disabled') : ''}${problem ? raw(' aria-invalid="true"') : ''}>
  ${secret && f.isSet && f.source === 'database' ? html`<div class="check"><input type="checkbox" id="${id}-clear" name="${name}__clear" value="true"><label for="${id}-clear">${ctx.t('settings.secretRemove')}</label></div>` : ''}
</div>`;
}

function section(ctx: ViewContext, key: SettingsSection, d: ServiceSettingsData, extra: SafeHtml = html``): SafeHtml {
  return html`<section aria-labelledby="svc-${key}-heading" class="card" id="${key}">
  <h2 id="svc-${key}-heading">${ctx.t(`settings.section.${key}` as MessageKey)}</h2>
  <p class="muted small">${ctx.t(`settings.sectionHint.${key}` as MessageKey)}</p>
  <form method="post" action="/settings/service" class="form settings-form">
    ${csrfField(ctx)}<input type="hidden" name="section" value="${key}">
    ${EDITABLE_SECTIONS[key].map((name) => settingField(ctx, name, d))}
    <button type="submit" class="button primary">${ctx.t('settings.save')}</button>
  </form>
  ${extra}
</section>`;
}

/** "Send me a test": a neutral message to the alert recipients, with the outcome shown right here. */
function mailTest(ctx: ViewContext, d: ServiceSettingsData): SafeHtml {
  // The outcome sits above the button, full width, so a long server answer never squeezes the button.
  return html`${d.mailTest ? html`<div class="mail-test-outcome" id="mail-test-outcome">${notice(d.mailTest.ok ? 'ok' : 'error', d.mailTest.message)}</div>` : ''}
  <form method="post" action="/settings/mail/test" class="inline-form mail-test">
    ${csrfField(ctx)}
    <button type="submit" class="button"${d.mailConfigured ? '' : raw(' disabled')}>${ctx.t('settings.mailTest')}</button>
    <span class="muted small">${d.mailConfigured ? ctx.t('settings.mailTestHint', { n: d.mailRecipients }) : ctx.t('settings.mailTestNeedsServer')}</span>
  </form>`;
}

/** The editable service settings, one form per group so a refusal in one group never loses another. */
export function serviceSettingsSections(ctx: ViewContext, d: ServiceSettingsData): SafeHtml {
  return html`${section(ctx, 'sender', d)}
${section(ctx, 'mail', d, mailTest(ctx, d))}
${section(ctx, 'webhook', d)}
${section(ctx, 'search', d)}
${section(ctx, 'proxies', d)}
${section(ctx, 'schedules', d)}
${section(ctx, 'language', d)}`;
}
