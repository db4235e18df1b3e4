import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { GUIDANCE_TOPICS } from '../views/guidance/index.ts';
import { renderGuidanceIndexView, renderGuidanceTopicView, type GuidanceContext } from '../views/pages/guidance.page.ts';
import { sendPage, viewContext, type PageDeps } from './page-kit.ts';

export type GuidancePagesDeps = PageDeps & Pick<AppDeps, 'hits' | 'takedowns'>;

/**
 * "What to do now": guidance for doxxing, sextortion and shared intimate images, open to every signed-in
 * role. Reached from an exposure (`?exposure=<hit id>`, checked by the access rule like any hit), the
 * page links back to that exposure's evidence pack and takedown.
 */
export function registerGuidancePages(app: FastifyInstance, deps: GuidancePagesDeps): void {
  const context = async (request: FastifyRequest): Promise<GuidanceContext> => {
    const exposure = (request.query as Record<string, unknown> | undefined)?.exposure;
    const hit = typeof exposure === 'string' && exposure !== '' ? await deps.hits.get(exposure) : null;
    return { exposureId: hit?.id ?? null, hasCase: hit ? await deps.takedowns.cases.getByHit(hit.id) !== null : false };
  };

  app.get('/guidance', async (request, reply) => sendPage(reply, renderGuidanceIndexView(await viewContext(request, deps), await context(request))));

  // One route per topic, so the page table names each page and an unknown topic is simply not found.
  for (const topic of GUIDANCE_TOPICS) {
    app.get(`/guidance/${topic}`, async (request, reply) => sendPage(reply, renderGuidanceTopicView(await viewContext(request, deps), topic, await context(request))));
  }
}
