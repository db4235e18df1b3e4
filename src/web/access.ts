import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, createNotFoundError } from '../shared/errors.ts';
import { canSeePerson, type Actor } from '../modules/accounts/accounts.models.ts';
import { visiblePersonIds, type AccountsDeps } from '../modules/accounts/accounts.usecases.ts';
import type { Owner, ResourceKind } from '../modules/accounts/ownership.repository.ts';
import { createCsrfError, createForbiddenError, createSetupRequiredError, createUnauthenticatedError } from '../modules/accounts/accounts.errors.ts';
import { createPersonNotFoundError } from '../modules/profiles/profiles.usecases.ts';
import { PRE_SESSION_COOKIE, sameToken } from './auth.ts';
import { isWriteMethod, routeKey, type ResourceRef, type RouteAccess } from './route-access.ts';
import { apiRoutes } from './openapi.ts';
import { audit } from '../modules/accounts/audit.ts';

/**
 * A refused resource answers exactly like a missing one (same status, code and message), so no account
 * can learn that another person's exposure, scan or case exists.
 */
const notFoundFor: Record<ResourceKind, () => AppError> = {
  person: createPersonNotFoundError,
  hit: () => createNotFoundError('hits.not_found', 'No such exposure.'),
  'hit-or-case': () => createNotFoundError('evidence.not_found', 'No exposure or case with this id.'),
  scan: () => createNotFoundError('scans.not_found', 'No such scan.'),
  case: () => createNotFoundError('takedowns.case_not_found', 'No such takedown case.'),
  alert: () => createNotFoundError('alerts.not_found', 'No such alert.'),
  photo: () => createNotFoundError('photos.not_found', 'No such photo.'),
  'evidence-file': () => createNotFoundError('evidence.file_missing', 'The evidence file is missing from the vault.'),
  account: () => createNotFoundError('accounts.not_found', 'No such account.'),
  token: () => createNotFoundError('tokens.not_found', 'No such API token.'),
};

export function mayAccess(actor: Actor, kind: ResourceKind, owners: Owner[]): boolean {
  if (kind === 'account') return owners.some((o) => o.organisationId === actor.organisationId);
  if (kind === 'token') return owners.some((o) => o.accountId === actor.accountId);
  return owners.some((o) => o.personId !== null && canSeePerson(actor, { id: o.personId, organisationId: o.organisationId }));
}

/** The people the request's actor may see: list routes filter by this. */
export async function scopedPersonIds(accounts: Pick<AccountsDeps, 'accounts'>, request: FastifyRequest): Promise<string[]> {
  if (!request.actor) throw createUnauthenticatedError();
  return await visiblePersonIds(accounts, request.actor);
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw createUnauthenticatedError();
  return request.actor;
}

const valueOf = (request: FastifyRequest, ref: ResourceRef): unknown => {
  const source = ref.in === 'params' ? request.params : ref.in === 'query' ? request.query : request.body;
  return source && typeof source === 'object' ? (source as Record<string, unknown>)[ref.name] : undefined;
};

/**
 * The two routes outside both tables, public by design: the health check that monitors call without an
 * account, and the cacheable stylesheet and script. A route may also carry its own `config.access`
 * (a deliberate declaration at the place it is registered); anything else is refused at start.
 */
const infrastructureAccess = (key: string): RouteAccess | undefined => (key === 'GET /healthz' || /^GET \/static\/[\w.-]+$/.test(key) ? { public: true } : undefined);

/**
 * The one authorisation check, for every /api route and every dashboard page:
 * 1. an account is needed except on public routes (and while no account exists, only setup is open);
 * 2. the route's roles;
 * 3. each resource the request names (path, query or body) is resolved to its owner in the database and
 *    refused, as "not found", unless the actor may see that person (never across organisations);
 * 4. writes from a cookie session carry the session's CSRF token (`_csrf` field or `x-csrf-token`).
 * /api routes take their rule from the API table and dashboard pages from the page table. A route found in
 * neither stops the start (fail closed): without a rule it would be open to anyone.
 */
export function registerAccess(app: FastifyInstance, accounts: AccountsDeps, pageAccess: ReadonlyMap<string, RouteAccess>): void {
  const apiAccess = new Map(apiRoutes.map((r) => [routeKey(r.method, r.path), r.access] as const));
  let accountsExist = false;
  const hasAccounts = async () => (accountsExist ||= await accounts.accounts.countAccounts() > 0);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      const key = routeKey(method, route.url ?? route.path);
      const rule = apiAccess.get(key) ?? pageAccess.get(key);
      const isApi = (route.url ?? route.path).startsWith('/api/');
      // Only outside /api may a route declare its own rule: every API route must also be documented in the table.
      const declared = rule ?? infrastructureAccess(key) ?? (isApi ? undefined : route.config?.access);
      if (declared) route.config = { ...(route.config ?? {}), access: declared };
      else if (isApi) {
        throw new Error(`The route ${key} has no entry in the API route table (src/web/openapi.ts): declare its access rule and documentation there.`);
      } else {
        throw new Error(`The page route ${key} has no entry in the page table (src/web/dashboard/page-routes.ts): declare who may open it there.`);
      }
    }
  });

  const refuse = (request: FastifyRequest, reply: FastifyReply, access: RouteAccess, error: AppError) => {
    if (access.page && request.method === 'GET' && (error.code === 'auth.required' || error.code === 'auth.setup_required')) {
      const to = error.code === 'auth.setup_required' ? '/setup' : `/login?next=${encodeURIComponent(request.url)}`;
      return reply.redirect(to, 303);
    }
    throw error;
  };

  const checkResources = async (request: FastifyRequest, actor: Actor, refs: readonly ResourceRef[]) => {
    for (const ref of refs) {
      const value = valueOf(request, ref);
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string' || !mayAccess(actor, ref.kind, await accounts.ownership.ownersOf(ref.kind, value))) throw notFoundFor[ref.kind]();
    }
  };

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access.public) return;
    if (!await hasAccounts()) return refuse(request, reply, access, createSetupRequiredError());
    const actor = request.actor;
    if (!actor) return refuse(request, reply, access, createUnauthenticatedError());
    if (access.roles && !access.roles.includes(actor.role)) throw createForbiddenError();
    if (access.operator && (actor.role !== 'admin' || actor.organisationId !== await accounts.accounts.firstOrganisationId())) throw createForbiddenError();
    await checkResources(request, actor, (access.resources ?? []).filter((r) => r.in !== 'body'));
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || !isWriteMethod(request.method)) return;
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : null;
    const sent = (typeof request.headers['x-csrf-token'] === 'string' ? request.headers['x-csrf-token'] : undefined) ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    if (access.public) {
      // A cross-site page can post a form but not JSON (no CORS here), so only forms need the token.
      const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      if (access.preSessionCsrf && isForm && !sameToken(sent, request.cookies[PRE_SESSION_COOKIE])) throw createCsrfError();
    } else {
      const actor = requireActor(request);
      if (actor.via === 'session' && !sameToken(sent, request.sessionCsrf)) throw createCsrfError();
      await checkResources(request, actor, (access.resources ?? []).filter((r) => r.in === 'body'));
    }
    // Strict body schemas of the routes must not see the token.
    if (body && '_csrf' in body) delete body._csrf;
  });

  // Declared acts (viewed, exported, sent...) are logged once they succeeded, with ids only.
  app.addHook('onResponse', async (request, reply) => {
    const rule = request.routeOptions.config.access?.audit;
    if (!rule || !request.actor || reply.statusCode >= 400) return;
    const id = valueOf(request, { ...rule.from, kind: 'person' });
    try {
      await audit(accounts, { actor: request.actor, action: rule.action, subject: { type: rule.subjectType, id: typeof id === 'string' ? id.slice(0, 200) : null } });
    } catch (error) {
      request.log.error({ err: { message: (error as Error).message }, action: rule.action }, 'audit entry failed');
    }
  });
}
