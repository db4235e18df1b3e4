import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.types.ts';
import { createNotFoundError, createValidationError } from '../../shared/errors.ts';

export const hitListQuery = z.object({
  personId: z.string().min(1).optional(),
  severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  status: z.enum(['new', 'seen', 'false_positive', 'resolved']).optional(),
  category: z.string().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export type HitRoutesDeps = Pick<AppDeps, 'hits'>;

/**
 * Exposures. The central access check has already refused hit ids of people the account may not see; the
 * list is filtered to the account's people. Viewing and revealing are written to the audit log by the
 * route table's `audit` rules.
 */
export function registerHitRoutes(app: FastifyInstance, deps: HitRoutesDeps): void {
  app.get('/api/hits', async (request) => {
    const parsed = hitListQuery.safeParse(request.query ?? {});
    if (!parsed.success) throw createValidationError('The query is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    const { personId, limit, ...filters } = parsed.data;
    const hits = await deps.hits.listForPeople(personId ? [personId] : await request.visiblePersonIds(), { ...filters, limit });
    return { hits: await Promise.all(hits.map(async (hit) => ({ ...hit, matches: await deps.hits.matchesOf(hit.id) }))) };
  });

  app.get<{ Params: { id: string } }>('/api/hits/:id', async (request) => {
    const hit = await deps.hits.get(request.params.id);
    if (!hit) throw createNotFoundError('hits.not_found', 'No such exposure.');
    return { ...hit, matches: await deps.hits.matchesOf(hit.id) };
  });

  app.post<{ Params: { id: string } }>('/api/hits/:id/reveal', async (request) => {
    if (!await deps.hits.get(request.params.id)) throw createNotFoundError('hits.not_found', 'No such exposure.');
    return { revealed: true };
  });
}
