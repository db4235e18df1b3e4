import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { createAccount, setAssignment } from '../../modules/accounts/accounts.usecases.ts';
import { describeAccount } from '../../modules/accounts/accounts.routes.ts';
import { audit, listAudit } from '../../modules/accounts/audit.ts';
import { createTokenNotFoundError, createInvalidAccountError } from '../../modules/accounts/accounts.errors.ts';
import { effectiveSettings } from '../read-models/settings.ts';
import { isSecretSetting } from '../../modules/settings/settings-catalogue.models.ts';
import { renderSettingsView } from '../views/pages/settings.page.ts';
import { renderAccountView } from '../views/pages/account.page.ts';
import { errorMessage, formList, formValues, redirectDone, sendPage, viewContext, type PageDeps } from './page-kit.ts';
import { isUiLanguage } from '../auth.ts';
import { serviceSettingsData, sendTestMail } from './service-settings.ts';
import type { ServiceSettingsData } from '../views/pages/settings-service.view.ts';

export type SettingsPagesDeps = PageDeps & Pick<AppDeps, 'db' | 'profiles' | 'demo' | 'settings' | 'alerts'>;

/** The administrator's settings page (effective settings, accounts, assignments, audit) and everyone's account page. */
export function registerSettingsPages(app: FastifyInstance, deps: SettingsPagesDeps): void {
  const accounts = app.accountsDeps;

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, extra: { form?: Record<string, string>; error?: string | null; service?: Partial<ServiceSettingsData> } = {}, status = 200) => {
    const actor = request.actor!;
    const people = (await Promise.all((await accounts.accounts.personIdsInOrganisation(actor.organisationId)).map(async (id) => (await deps.profiles.getPerson(id))!))).map((p) => ({ id: p.id, label: p.label }));
    return sendPage(reply, renderSettingsView(await viewContext(request, deps), {
      settings: effectiveSettings(deps),
      accounts: await Promise.all((await accounts.accounts.listInOrganisation(actor.organisationId)).map(async (a) => await describeAccount(accounts, a))),
      people,
      audit: await listAudit(deps.db, { organisationId: actor.organisationId, limit: 30 }),
      ...extra,
      service: serviceSettingsData(deps, extra.service),
    }), status);
  };

  const renderAccount = async (request: FastifyRequest, reply: FastifyReply, extra: { newToken?: { label: string; token: string }; error?: string | null } = {}, status = 200) => {
    const account = (await accounts.accounts.get(request.actor!.accountId))!;
    return sendPage(reply, renderAccountView(await viewContext(request, deps), { account, tokens: await accounts.tokens.listForAccount(account.id), ...extra }), status);
  };

  app.get('/settings', async (request, reply) => renderSettings(request, reply));

  app.post('/settings/accounts', async (request, reply) => {
    const form = formValues(request.body);
    try {
      await createAccount(accounts, request.actor!, {
        email: form.email ?? '', password: form.password || undefined, role: form.role ?? '', displayName: form.displayName,
        personId: form.role === 'person' ? form.personId || undefined : undefined, personIds: form.role === 'caseworker' ? formList(request.body, 'personIds') : undefined,
      });
      return redirectDone(reply, '/settings', 'account_created');
    } catch (error) {
      const { password: _password, ...kept } = form;
      return renderSettings(request, reply, { form: kept, error: errorMessage(await viewContext(request, deps), error) }, 400);
    }
  });

  app.post('/settings/assignments', async (request, reply) => {
    const form = formValues(request.body);
    try {
      if (!form.accountId || !form.personId) throw createInvalidAccountError('Choose a caseworker and a person.');
      await setAssignment(accounts, request.actor!, { accountId: form.accountId, personId: form.personId, assigned: form.assigned === 'true' });
      return redirectDone(reply, '/settings', form.assigned === 'true' ? 'assigned' : 'unassigned');
    } catch (error) {
      return renderSettings(request, reply, { error: errorMessage(await viewContext(request, deps), error) }, 400);
    }
  });

  // One group of service settings at a time; validated with everything else in effect, applied at once.
  app.post('/settings/service', async (request, reply) => {
    const form = formValues(request.body);
    const saved = await deps.settings.save(form, request.actor!.accountId);
    if (!saved.ok) {
      const problems = Object.fromEntries(saved.problems.map((p) => [p.variable, p.problem]));
      return renderSettings(request, reply, { service: { problems, form: Object.fromEntries(Object.entries(form).filter(([k]) => !isSecretSetting(k))) } }, 400);
    }
    // Which settings changed and who changed them; never their values.
    for (const key of saved.changed) await audit(accounts, { actor: request.actor!, action: 'settings_changed', subject: { type: 'setting', id: key } });
    const section = /^[a-z]+$/.test(form.section ?? '') ? `#${form.section}` : '';
    return reply.redirect(`/settings?done=settings_saved${section}`, 303);
  });

  app.post('/settings/mail/test', async (request, reply) => {
    const outcome = await sendTestMail(deps, await viewContext(request, deps));
    await audit(accounts, { actor: request.actor!, action: 'mail_tested', subject: { type: 'setting', id: 'SMTP_URL' }, detail: { ok: outcome.ok } });
    return renderSettings(request, reply, { service: { mailTest: outcome } }, outcome.ok ? 200 : 502);
  });

  app.get('/account', async (request, reply) => renderAccount(request, reply));

  app.post('/account/language', async (request, reply) => {
    const language = formValues(request.body).language;
    if (isUiLanguage(language)) {
      await accounts.accounts.update(request.actor!.accountId, { language });
      // The language cookie would otherwise keep overriding the new preference.
      reply.setCookie('es_lang', language, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.config.publicUrl.startsWith('https:'), maxAge: 365 * 86_400 });
    }
    return redirectDone(reply, '/account', 'saved');
  });

  app.post('/account/tokens', async (request, reply) => {
    const tokenLabel = (formValues(request.body).label ?? '').trim().slice(0, 80);
    if (!tokenLabel) return renderAccount(request, reply, { error: (await viewContext(request, deps)).t('account.tokenLabelMissing') }, 400);
    const created = await accounts.tokens.create(request.actor!.accountId, tokenLabel);
    await audit(accounts, { actor: request.actor!, action: 'token_created', subject: { type: 'token', id: created.id } });
    return renderAccount(request, reply, { newToken: { label: tokenLabel, token: created.token } });
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', async (request, reply) => {
    const token = await accounts.tokens.get(request.params.id);
    if (!token || token.accountId !== request.actor!.accountId) throw createTokenNotFoundError();
    await accounts.tokens.revoke(token.id);
    await audit(accounts, { actor: request.actor!, action: 'token_revoked', subject: { type: 'token', id: token.id } });
    return redirectDone(reply, '/account', 'token_revoked');
  });
}
