import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createNotFoundError, createValidationError } from '../../shared/errors.ts';
import { CASE_STATUSES } from './cases.models.ts';
import { escalateCase } from './cases.deadlines.usecases.ts';
import { mailtoForCase, sendCase } from './cases.sending.usecases.ts';
import { changeCaseStatus, createHitNotFoundError, openCaseForHit, requireCase, type TakedownDeps } from './cases.usecases.ts';
import { describeCase } from './cases.view.ts';
import { hostFigures } from './cases.stats.models.ts';

const openBody = z
  .object({
    ownsCopyright: z.boolean().optional(),
    language: z.enum(['en', 'nl', 'fr', 'de']).optional(),
    redraft: z.boolean().optional(),
  })
  .strict();
const statusBody = z.object({ status: z.enum(CASE_STATUSES), confirm: z.boolean().optional() }).strict();
const sendBody = z.object({ confirm: z.unknown().optional(), replyAddress: z.string().max(254).optional() }).passthrough();

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw createValidationError('The request body is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return parsed.data;
}

/**
 * Takedown cases: one per hit, its draft, status, sending, escalation, and per-host figures. Hit and case
 * ids were checked by the central access check; the figures cover the account's people only.
 */
export function registerTakedownRoutes(app: FastifyInstance, deps: TakedownDeps): void {
  app.get<{ Params: { id: string } }>('/api/hits/:id/case', async (request) => {
    if (!await deps.hits.get(request.params.id)) throw createHitNotFoundError();
    const row = await deps.cases.getByHit(request.params.id);
    if (!row) throw createNotFoundError('takedowns.case_not_found', 'This exposure has no takedown case yet.');
    return describeCase(deps, row);
  });

  app.post<{ Params: { id: string } }>('/api/hits/:id/case', async (request, reply) => {
    const body = parseBody(openBody, request.body);
    const opened = await openCaseForHit(deps, request.params.id, { ...body, actor: 'person' });
    return reply.status(opened.created ? 201 : 200).send({ created: opened.created, ...await describeCase(deps, opened.case) });
  });

  app.post<{ Params: { id: string } }>('/api/cases/:id/status', async (request) => {
    const body = parseBody(statusBody, request.body);
    return describeCase(deps, await changeCaseStatus(deps, request.params.id, { to: body.status, confirm: body.confirm, actor: 'person' }));
  });

  app.post<{ Params: { id: string } }>('/api/cases/:id/send', async (request) => {
    const body = parseBody(sendBody, request.body);
    const sent = await sendCase(deps, request.params.id, { confirm: body.confirm, replyAddress: body.replyAddress ?? null });
    return { messageId: sent.messageId, ...await describeCase(deps, sent.case) };
  });

  app.get<{ Params: { id: string } }>('/api/cases/:id/mailto', async (request) => {
    const link = await mailtoForCase(deps, request.params.id);
    return { mailto: link.href, truncated: link.truncated, keptChars: link.keptChars, bodyLength: link.bodyLength };
  });

  app.post<{ Params: { id: string } }>('/api/cases/:id/escalate', async (request) => {
    await requireCase(deps, request.params.id);
    const result = await escalateCase(deps, request.params.id, { actor: 'person' });
    // Without `fromLevel` the use case always escalates or throws.
    return { escalation: result!.escalation, ...await describeCase(deps, result!.case) };
  });

  app.get('/api/takedowns/stats', async (request) => ({ hosts: hostFigures(await deps.cases.statsFacts(await request.visiblePersonIds())) }));
}
