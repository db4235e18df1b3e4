import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.types.ts';
import { createValidationError } from '../../shared/errors.ts';
import { createAccount, login, logout, setAssignment, setupFirstAdmin, wipePerson, type AccountsDeps, type WipePersonEvidence } from './accounts.usecases.ts';
import { createTokenNotFoundError } from './accounts.errors.ts';
import type { AccountRow } from './accounts.repository.ts';
import type { ApiTokenRow } from './api-tokens.repository.ts';
import { audit, listAudit } from './audit.ts';
import { clearSessionCookie, setSessionCookie, type CookieOptions } from '../../web/auth.ts';

const lang = z.enum(['en', 'nl', 'fr', 'de']);
const setupBody = z.object({ organisationName: z.string().max(200), email: z.string().max(320), password: z.string().max(2048), displayName: z.string().max(120).optional(), language: lang.optional() });
const loginBody = z.object({ email: z.string().max(320), password: z.string().max(2048) });
const accountBody = z.object({
  email: z.string().max(320), password: z.string().max(2048).optional(), role: z.string(), displayName: z.string().max(120).optional(), language: lang.optional(),
  personId: z.string().max(200).optional(), personIds: z.array(z.string().max(200)).max(500).optional(),
});
const assignmentBody = z.object({ personId: z.string().min(1).max(200), assigned: z.union([z.boolean(), z.enum(['true', 'false'])]) });
const tokenBody = z.object({ label: z.string().trim().min(1).max(80) });
const meBody = z.object({ language: lang });
const wipeBody = z.object({ confirmLabel: z.string().max(200) });
const auditQuery = z.object({ action: z.string().max(40).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw createValidationError('The request is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return parsed.data;
}

export async function describeAccount(accounts: AccountsDeps, row: AccountRow) {
  return {
    id: row.id, email: row.email, displayName: row.displayName, role: row.role, personId: row.personId, language: row.language,
    personIds: row.role === 'caseworker' ? await accounts.accounts.assignedPersonIds(row.id, row.organisationId) : row.personId ? [row.personId] : [],
    disabled: row.disabled, createdAt: row.createdAt,
  };
}

export const describeToken = (row: ApiTokenRow) => ({ id: row.id, label: row.label, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt });

export const clientAddress = (request: FastifyRequest): string => request.ip || 'unknown';

/** Removes a wiped person's files from the evidence vault; the composition root connects it. */
export type WipeEvidenceOf = (deps: Pick<AppDeps, 'evidence'>) => WipePersonEvidence;

// The accounts use cases come from the server (`app.accountsDeps`); `config` says whether the session cookie is
// secure, `db` reads the audit log, and `evidence` is handed to the wipe.
export type AccountRoutesDeps = Pick<AppDeps, 'config' | 'db' | 'evidence'>;

/**
 * Accounts, sessions, API tokens, the audit log and wiping a person. `wipePersonEvidence` removes a
 * person's evidence files from the vault (connected by the composition root).
 */
export function createAccountRoutes(options: { wipePersonEvidence: WipeEvidenceOf }) {
  return function registerAccountRoutes(app: FastifyInstance, deps: AccountRoutesDeps): void {
    const accounts = app.accountsDeps;
    const cookies: CookieOptions = { secure: deps.config.publicUrl.startsWith('https:') };

    app.post('/api/setup', async (request, reply) => {
      const body = parseWith(setupBody, request.body);
      const account = await setupFirstAdmin(accounts, body);
      return reply.status(201).send(await describeAccount(accounts, account));
    });

    app.post('/api/session', async (request, reply) => {
      const body = parseWith(loginBody, request.body);
      const session = await login(accounts, { ...body, ip: clientAddress(request) });
      setSessionCookie(reply, session.token, { ...cookies, maxAgeMs: accounts.settings.sessionIdleMs });
      return { account: await describeAccount(accounts, session.account), csrfToken: session.csrfToken };
    });

    app.delete('/api/session', async (request, reply) => {
      await logout(accounts, request.actor!, request.sessionToken ?? undefined);
      clearSessionCookie(reply, cookies);
      return reply.status(204).send();
    });

    app.get('/api/me', async (request) => ({ account: await describeAccount(accounts, (await accounts.accounts.get(request.actor!.accountId))!), personIds: await request.visiblePersonIds() }));

    app.put('/api/me', async (request) => {
      const body = parseWith(meBody, request.body);
      await accounts.accounts.update(request.actor!.accountId, { language: body.language });
      return describeAccount(accounts, (await accounts.accounts.get(request.actor!.accountId))!);
    });

    app.get('/api/accounts', async (request) => ({ accounts: await Promise.all((await accounts.accounts.listInOrganisation(request.actor!.organisationId)).map(async (row) => await describeAccount(accounts, row))) }));

    app.post('/api/accounts', async (request, reply) => {
      const body = parseWith(accountBody, request.body);
      const account = await createAccount(accounts, request.actor!, body);
      return reply.status(201).send(await describeAccount(accounts, account));
    });

    app.post<{ Params: { id: string } }>('/api/accounts/:id/assignments', async (request) => {
      const body = parseWith(assignmentBody, request.body);
      await setAssignment(accounts, request.actor!, { accountId: request.params.id, personId: body.personId, assigned: body.assigned === true || body.assigned === 'true' });
      return describeAccount(accounts, (await accounts.accounts.get(request.params.id))!);
    });

    app.get('/api/tokens', async (request) => ({ tokens: (await accounts.tokens.listForAccount(request.actor!.accountId)).map(describeToken) }));

    app.post('/api/tokens', async (request, reply) => {
      const body = parseWith(tokenBody, request.body);
      const created = await accounts.tokens.create(request.actor!.accountId, body.label);
      await audit(accounts, { actor: request.actor!, action: 'token_created', subject: { type: 'token', id: created.id } });
      return reply.status(201).send({ id: created.id, label: body.label, token: created.token });
    });

    app.delete<{ Params: { id: string } }>('/api/tokens/:id', async (request, reply) => {
      const token = await accounts.tokens.get(request.params.id);
      if (!token || token.accountId !== request.actor!.accountId) throw createTokenNotFoundError();
      await accounts.tokens.revoke(token.id);
      await audit(accounts, { actor: request.actor!, action: 'token_revoked', subject: { type: 'token', id: token.id } });
      return reply.status(204).send();
    });

    app.get('/api/audit', async (request) => {
      const q = parseWith(auditQuery, request.query);
      return {
        entries: (await listAudit(deps.db, { organisationId: request.actor!.organisationId, limit: q.limit, action: q.action }))
          .map((e) => ({ at: e.at, accountId: e.accountId, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, detail: e.detail })),
      };
    });

    app.post<{ Params: { id: string } }>('/api/people/:id/wipe', async (request) => {
      const body = parseWith(wipeBody, request.body);
      const result = await wipePerson(accounts, request.actor!, { personId: request.params.id, confirmLabel: body.confirmLabel, wipePersonEvidence: options.wipePersonEvidence(deps) });
      return { wiped: true, filesRemoved: result.filesRemoved };
    });
  };
}
