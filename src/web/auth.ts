import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { UI_LANGUAGES, type UiLanguage } from '../config/accounts.settings.ts';
import type { Actor } from '../modules/accounts/accounts.models.ts';
import { actorFor, visiblePersonIds, type AccountsDeps } from '../modules/accounts/accounts.usecases.ts';
import { createUnauthenticatedError } from '../modules/accounts/accounts.errors.ts';
import { randomToken } from '../modules/accounts/sessions.repository.ts';

export const SESSION_COOKIE = 'es_session';
export const LANGUAGE_COOKIE = 'es_lang';
/** Login and setup forms have no session yet: their CSRF token is bound to this cookie instead. */
export const PRE_SESSION_COOKIE = 'es_presession';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The session cookie's value (for logout) and its CSRF token, for cookie sessions. */
    sessionToken: string | null;
    sessionCsrf: string | null;
    lang: UiLanguage;
    /** Every person the actor may see (the whole organisation for an admin); list routes filter by it. */
    visiblePersonIds(): Promise<string[]>;
  }
}

export interface CookieOptions {
  secure: boolean;
}

export const isUiLanguage = (value: unknown): value is UiLanguage => typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);

export function sameToken(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function setSessionCookie(reply: FastifyReply, token: string, options: CookieOptions & { maxAgeMs: number }): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secure, maxAge: Math.floor(options.maxAgeMs / 1000) });
}

export function clearSessionCookie(reply: FastifyReply, options: CookieOptions): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secure });
}

/** The pre-session CSRF token for the login and setup forms, created on first sight. */
export function preSessionToken(request: FastifyRequest, reply: FastifyReply, options: CookieOptions): string {
  const existing = request.cookies[PRE_SESSION_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return existing;
  const token = randomToken(24);
  reply.setCookie(PRE_SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secure });
  return token;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * Cookies, form bodies, and on every request: who is asking (an API token or the session cookie) and in
 * which language to answer. Deciding what they may do is the access check's job (access.ts).
 */
export async function registerAuth(app: FastifyInstance, accounts: AccountsDeps, options: CookieOptions): Promise<void> {
  // Awaited so that the cookie parser's hook runs before ours.
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 2 * 1024 * 1024 });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionCsrf', null);
  app.decorateRequest('lang', accounts.settings.defaultLanguage);
  app.decorateRequest('visiblePersonIds', async function visible(this: FastifyRequest): Promise<string[]> {
    if (!this.actor) throw createUnauthenticatedError();
    return await visiblePersonIds(accounts, this.actor);
  });

  app.addHook('onRequest', async (request, reply) => {
    const bearer = bearerToken(request);
    if (bearer) {
      const token = await accounts.tokens.resolve(bearer);
      const account = token ? await accounts.accounts.get(token.accountId) : null;
      if (account && !account.disabled) request.actor = await actorFor(accounts, account, 'token');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie ? await accounts.sessions.resolve(cookie, accounts.settings.sessionIdleMs) : null;
      const account = session ? await accounts.accounts.get(session.accountId) : null;
      if (session && account && !account.disabled) {
        request.actor = await actorFor(accounts, account, 'session');
        request.sessionToken = cookie!;
        request.sessionCsrf = session.csrfToken;
      } else if (cookie) {
        clearSessionCookie(reply, options);
      }
    }
    const asked = (request.query as Record<string, unknown> | undefined)?.lang;
    if (isUiLanguage(asked)) {
      request.lang = asked;
      reply.setCookie(LANGUAGE_COOKIE, asked, { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secure, maxAge: 365 * 86_400 });
    } else {
      const chosen = request.cookies[LANGUAGE_COOKIE];
      if (isUiLanguage(chosen)) request.lang = chosen;
      else if (request.actor && isUiLanguage(request.actor.language)) request.lang = request.actor.language;
    }
  });
}
