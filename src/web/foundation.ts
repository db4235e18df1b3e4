import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.types.ts';
import { accountsSettingsOf } from '../config/accounts.settings.ts';
import { createAccountsDeps, type AccountsDeps } from '../modules/accounts/accounts.usecases.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerAuth, type CookieOptions } from './auth.ts';
import { registerAccess } from './access.ts';
import { registerStaticAssets } from './static-assets.ts';
import { pageAccess } from './dashboard/page-routes.ts';
import { renderErrorPage } from './dashboard/error-page.ts';
import type { PageDeps } from './dashboard/page-kit.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Accounts, sessions, tokens and the login limiter of this server (one per server: the limiter is in memory). */
    accountsDeps: AccountsDeps;
  }
}

/** The accounts' database and sealed labels, and what an error page's frame reads. */
export type WebFoundationDeps = PageDeps & Pick<AppDeps, 'db' | 'logger' | 'cipher'>;

export const cookieOptionsFor = (deps: Pick<AppDeps, 'config'>): CookieOptions => ({ secure: deps.config.publicUrl.startsWith('https:') });

/**
 * What every route relies on, registered before any route: the error handler, security headers on every
 * answer, who is asking (session cookie or API token), the central access check, and the static assets.
 */
export async function registerWebFoundation(app: FastifyInstance, deps: WebFoundationDeps): Promise<void> {
  const accounts = createAccountsDeps({ db: deps.db, clock: deps.clock, logger: deps.logger.child({ component: 'accounts' }), settings: accountsSettingsOf(deps.config), openLabel: (stored) => deps.cipher.open(stored) });
  app.decorate('accountsDeps', accounts);
  const cookies = cookieOptionsFor(deps);
  registerErrorHandler(app, { renderPage: (request, reply, error) => renderErrorPage(request, reply, deps, error) });
  registerSecurityHeaders(app, { https: cookies.secure });
  await registerAuth(app, accounts, cookies);
  registerAccess(app, accounts, pageAccess);
  registerStaticAssets(app);
}
