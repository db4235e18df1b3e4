import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { createNotFoundError } from '../../shared/errors.ts';

export function registerHitRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string } }>('/api/hits/:id', async (request) => {
    const hit = deps.hits.get(request.params.id);
    if (!hit) throw createNotFoundError('hits.not_found', 'No such exposure.');
    return { ...hit, matches: deps.hits.matchesOf(hit.id) };
  });
}
