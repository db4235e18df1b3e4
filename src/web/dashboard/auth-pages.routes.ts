import type { FastifyInstance } from 'fastify';
import { login, logout, setupFirstAdmin } from '../../modules/accounts/accounts.usecases.ts';
import { clientAddress } from '../../modules/accounts/accounts.routes.ts';
import { clearSessionCookie, preSessionToken, setSessionCookie } from '../auth.ts';
import { cookieOptionsFor } from '../foundation.ts';
import { renderLoginView, renderSetupView } from '../views/pages/auth.page.ts';
import { errorMessage, formValues, isSafeLocalPath, sendPage, viewContext, type PageDeps } from './page-kit.ts';

// Accounts and sessions come from the server's accounts (app.accountsDeps); the deps give the page frame and the cookie rules.
export type AuthPagesDeps = PageDeps;

/** First-run setup, login and logout pages. */
export function registerAuthPages(app: FastifyInstance, deps: AuthPagesDeps): void {
  const accounts = app.accountsDeps;
  const cookies = cookieOptionsFor(deps);
  const setupDone = async () => await accounts.accounts.countAccounts() > 0;

  app.get('/setup', async (request, reply) => {
    if (await setupDone()) return reply.redirect('/login', 303);
    return sendPage(reply, renderSetupView(await viewContext(request, deps, preSessionToken(request, reply, cookies))));
  });

  app.post('/setup', async (request, reply) => {
    if (await setupDone()) return reply.redirect('/login', 303);
    const values = formValues(request.body);
    const ctx = await viewContext(request, deps, preSessionToken(request, reply, cookies));
    const { password, password2, ...kept } = values;
    if (password !== password2) return sendPage(reply, renderSetupView(ctx, { values: kept, error: ctx.t('setup.passwordsDiffer') }), 400);
    try {
      await setupFirstAdmin(accounts, { organisationName: values.organisationName ?? '', email: values.email ?? '', password: password ?? '', displayName: values.displayName, language: values.language });
    } catch (error) {
      return sendPage(reply, renderSetupView(ctx, { values: kept, error: errorMessage(ctx, error) }), 400);
    }
    const session = await login(accounts, { email: values.email ?? '', password: password ?? '', ip: clientAddress(request) });
    setSessionCookie(reply, session.token, { ...cookies, maxAgeMs: accounts.settings.sessionIdleMs });
    return reply.redirect('/people?done=setup', 303);
  });

  app.get('/login', async (request, reply) => {
    if (!await setupDone()) return reply.redirect('/setup', 303);
    if (request.actor) return reply.redirect('/overview', 303);
    const query = request.query as Record<string, string | undefined>;
    const ctx = await viewContext(request, deps, preSessionToken(request, reply, cookies));
    return sendPage(reply, renderLoginView(ctx, { next: isSafeLocalPath(query.next) ? query.next : undefined, status: query.done === 'logged_out' ? 'logged_out' : null }));
  });

  app.post('/login', async (request, reply) => {
    const values = formValues(request.body);
    const next = isSafeLocalPath(values.next) ? values.next : undefined;
    try {
      const session = await login(accounts, { email: values.email ?? '', password: values.password ?? '', ip: clientAddress(request) });
      setSessionCookie(reply, session.token, { ...cookies, maxAgeMs: accounts.settings.sessionIdleMs });
      return reply.redirect(next ?? '/overview', 303);
    } catch (error) {
      const ctx = await viewContext(request, deps, preSessionToken(request, reply, cookies));
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      return sendPage(reply, renderLoginView(ctx, { email: values.email, next, error: errorMessage(ctx, error) }), status);
    }
  });

  app.post('/logout', async (request, reply) => {
    await logout(accounts, request.actor!, request.sessionToken ?? undefined);
    clearSessionCookie(reply, cookies);
    return reply.redirect('/login?done=logged_out', 303);
  });

  app.get('/', async (_request, reply) => reply.redirect('/overview', 303));
}
