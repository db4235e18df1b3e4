import type { AppDeps } from '../../deps.types.ts';
import { EDITABLE_SETTINGS } from '../../modules/settings/settings-catalogue.models.ts';
import type { ViewContext } from '../views/context.ts';
import type { ServiceSettingsData } from '../views/pages/settings-service.view.ts';

/** What the settings page shows of each editable setting: where it comes from, and its value unless secret. */
export function serviceSettingsData(deps: Pick<AppDeps, 'settings' | 'config'>, extra: Partial<ServiceSettingsData> = {}): ServiceSettingsData {
  const fields = Object.fromEntries(EDITABLE_SETTINGS.map((name) => [name, { source: deps.settings.sourceOf(name), value: deps.settings.shownValue(name), isSet: deps.settings.isSet(name) }])) as ServiceSettingsData['fields'];
  const email = deps.config.alerts.email;
  return { fields, problems: {}, form: {}, mailConfigured: email !== null, mailRecipients: email?.to.length ?? 0, mailTest: null, ...extra };
}

/**
 * Sends a short neutral message to the alert recipients through the mailer in effect now, and says what
 * happened in words. A refusal is described by the server's reply code only, never with addresses.
 */
export async function sendTestMail(deps: Pick<AppDeps, 'alerts' | 'config'>, ctx: ViewContext): Promise<{ ok: boolean; message: string }> {
  const email = deps.config.alerts.email;
  const mailer = deps.alerts.mailer;
  if (!email || !mailer) return { ok: false, message: ctx.t('settings.mailTestNeedsServer') };
  const subject = ctx.t('settings.mailTestSubject');
  const text = ctx.t('settings.mailTestBody');
  try {
    for (const to of email.to) await mailer.send({ to, subject, text, html: `<p>${text}</p>` });
    return { ok: true, message: ctx.t('settings.mailTestSent', { n: email.to.length }) };
  } catch (error) {
    const e = error as { responseCode?: unknown; code?: unknown };
    const reason = typeof e.responseCode === 'number' ? `SMTP ${e.responseCode}` : typeof e.code === 'string' ? e.code : 'error';
    return { ok: false, message: ctx.t('settings.mailTestFailed', { reason }) };
  }
}
