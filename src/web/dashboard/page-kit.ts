import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { accountsSettingsOf } from '../../config/accounts.settings.ts';
import { isAppError } from '../../shared/errors.ts';
import { createViewContext, type ViewContext } from '../views/context.ts';
import type { SafeHtml } from '../views/html.ts';
import { encodePage, type KeptFragment } from '../views/kept-fragment.ts';
import { isMessageKey, type MessageKey } from '../views/i18n/index.ts';
import { staticAssetUrls } from '../static-assets.ts';

/** What every page's frame reads (viewContext): settings, the time, and the state of the browser sandbox it warns about. */
export type PageDeps = Pick<AppDeps, 'config' | 'clock' | 'browserSandbox'>;

export async function viewContext(request: FastifyRequest, deps: Pick<AppDeps, 'config' | 'clock'> & Partial<Pick<AppDeps, 'browserSandbox'>>, csrfOverride?: string): Promise<ViewContext> {
  const url = new URL(request.url, 'http://localhost');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== 'lang') query[k] = v;
  return createViewContext({
    lang: request.lang,
    actor: request.actor,
    csrf: csrfOverride ?? request.sessionCsrf,
    quickExitUrl: accountsSettingsOf(deps.config).quickExitUrl,
    path: url.pathname,
    query,
    timeZone: deps.config.alerts.timezone,
    assets: staticAssetUrls(),
    now: deps.clock.now(),
    ownPersonId: request.actor?.role === 'person' && Array.isArray(request.actor.personIds) ? (request.actor.personIds[0] ?? null) : null,
    browserSandbox: deps.browserSandbox?.state,
    operator: request.actor?.role === 'admin' && await request.server.accountsDeps.accounts.firstOrganisationId() === request.actor.organisationId,
  });
}

/**
 * Pages are sent as bytes: measured on the exposures list, encoding the text once here and writing a buffer costs
 * less than handing Node's HTTP layer the string; kept fragments (kept-fragment.ts) are not encoded again.
 */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200, kept: readonly KeptFragment[] = []): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(encodePage(page, kept));
}

/** After a form succeeded: back to a page (303, so reload does not post again) with a known message key. */
export function redirectDone(reply: FastifyReply, path: string, done?: string): FastifyReply {
  const target = done ? `${path}${path.includes('?') ? '&' : '?'}done=${encodeURIComponent(done)}` : path;
  return reply.redirect(target, 303);
}

/** A form error in the reader's language when the code is known, else the error's own (English) message. */
export function errorMessage(ctx: ViewContext, error: unknown): string {
  if (!isAppError(error)) throw error;
  const key = `error.${error.code}`;
  const base = isMessageKey(key) ? ctx.t(key as MessageKey) : error.message;
  const issues = (error.details?.issues as { path?: string }[] | undefined) ?? [];
  const fields = error.code === 'request.invalid' ? issues.map((i) => i.path).filter(Boolean) : [];
  return fields.length ? `${base} (${fields.join(', ')})` : base;
}

/** Values of a form body as strings (fields appear once; repeated fields become arrays elsewhere). */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}

export function formList(body: unknown, name: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const isSafeLocalPath = (path: string | undefined): path is string => typeof path === 'string' && /^\/(?!\/)[^\s\\]*$/.test(path) && !path.startsWith('/api/');
